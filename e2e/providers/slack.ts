/**
 * Slack's OAuth v2 for user tokens, as documented:
 * - docs.slack.dev/authentication/installing-with-oauth: `https://slack.com/oauth/v2/authorize` with
 *   `user_scope` (user token) and/or `scope` (bot); scopes comma-separated; the person allows or
 *   cancels the whole request for one workspace; a new authorization ADDS to the scopes the user
 *   already granted the app (scopes are cumulative until the token is revoked).
 * - docs.slack.dev/reference/methods/oauth.v2.access: answers HTTP 200 with
 *   `{"ok":true,"app_id","authed_user":{"id","scope","access_token","token_type":"user"},"team":{…}}`
 *   and no top-level `access_token` for a user-only install, or `{"ok":false,"error":"invalid_code"}`
 *   (also `bad_client_secret`, `invalid_client_id`, `bad_redirect_uri`, `invalid_grant_type`,
 *   `invalid_refresh_token`). Client credentials in the body or HTTP Basic.
 * - docs.slack.dev/authentication/using-pkce: with PKCE the app is public (no secret); token rotation
 *   gives `refresh_token` and `expires_in` (12 hours); refresh with `grant_type=refresh_token`.
 * - docs.slack.dev/reference/methods/auth.revoke: revokes the token it is called with
 *   (`apps.uninstall` is what revokes every token of an installation), answering
 *   `{"ok":true,"revoked":true}`; `ok:false` with `invalid_auth` when the token is not valid, i.e.
 *   nothing was revoked. Here a revoked token takes along the tokens issued with it (its refresh
 *   token, and those refreshed from it); the user's authorization (its scopes) ends with their last token.
 * - docs.slack.dev/reference/methods/auth.test: `{"ok":true,"url","team","user","team_id","user_id"}`.
 */
import { ConsentFlow, type AuthorizationRequest } from './consentFlow';
import {
  bearer,
  clientCredentials,
  consentPage,
  errorPage,
  isLoopbackRedirect,
  json,
  listenAs,
  notFound,
  pkceMatches,
  randomToken,
  stableNumber,
  type ProviderRequest,
  type Reply,
  type RunningProvider,
} from './kit';
import { slackApi } from './resourceApis';

const SLACK = 'https://slack.com';
export const SLACK_TEAM = { id: 'T9TK3CUKW', name: 'Acme Workspace', domain: 'acme' };

export interface SlackOptions {
  clientId: string;
  /** Without one the app is a PKCE (public) app and tokens rotate. */
  clientSecret?: string;
}

interface TokenRecord {
  user: string;
  scopes: string[];
  /** One sign-in's tokens and those refreshed from them. */
  lineage: string;
}

export interface SlackServer extends RunningProvider {
  /** Whether Slack would still accept this user token. */
  isActive(accessToken: string): boolean;
  /** User scopes the person has granted the app (empty after auth.revoke). */
  grantedBy(user: string): string[];
  /** The Web API methods answered so far, with the conversation named (`conversations.info C123ABC456`). */
  readonly answered: string[];
}

const userId = (user: string): string => `U${stableNumber(`slack:${user}`).toString(36).toUpperCase().padStart(8, '0')}`;
const slackError = (error: string): Reply => json(200, { ok: false, error });

export async function startSlack(options: SlackOptions): Promise<SlackServer> {
  const grants = new Map<string, Set<string>>();
  const accessTokens = new Map<string, TokenRecord>();
  const refreshTokens = new Map<string, TokenRecord>();
  const answered: string[] = [];

  const flow = new ConsentFlow<AuthorizationRequest>({
    provider: 'Slack',
    origin: SLACK,
    cookie: 'd',
    consentPage: (request, user, pendingId, action) =>
      consentPage({
        provider: 'Slack',
        action,
        pendingId,
        account: `${user} in ${SLACK_TEAM.name}`,
        heading: `Scopekeeper is requesting permission to access the ${SLACK_TEAM.name} Slack workspace`,
        scopes: request.scopes,
        granular: false,
        allowLabel: 'Allow',
        denyLabel: 'Cancel',
      }),
  });

  function authorize(http: ProviderRequest): Reply {
    const q = http.url.searchParams;
    if (q.get('client_id') !== options.clientId) return errorPage('Slack', 'Invalid client_id parameter');
    if (!isLoopbackRedirect(q.get('redirect_uri'))) return errorPage('Slack', 'redirect_uri did not match any configured URIs.');
    if (!q.get('user_scope') && !q.get('scope')) return errorPage('Slack', 'Invalid permissions requested');
    return flow.start(
      {
        clientId: options.clientId,
        redirectUri: q.get('redirect_uri')!,
        ...(q.get('state') ? { state: q.get('state')! } : {}),
        scopes: (q.get('user_scope') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        ...(q.get('code_challenge') ? { codeChallenge: q.get('code_challenge')! } : {}),
        params: q,
      },
      http,
    );
  }

  function issueUserToken(record: TokenRecord): Record<string, unknown> {
    const accessToken = randomToken(options.clientSecret ? 'xoxp-' : 'xoxe.xoxp-1-');
    accessTokens.set(accessToken, record);
    const token: Record<string, unknown> = { id: userId(record.user), scope: record.scopes.join(','), access_token: accessToken, token_type: 'user' };
    if (!options.clientSecret) {
      const refreshToken = randomToken('xoxe-1-');
      refreshTokens.set(refreshToken, record);
      Object.assign(token, { refresh_token: refreshToken, expires_in: 43_200 });
    }
    return token;
  }

  function access(http: ProviderRequest): Reply {
    const client = clientCredentials(http);
    if (client.id !== options.clientId) return slackError('invalid_client_id');
    if (options.clientSecret !== undefined && client.secret !== options.clientSecret) return slackError('bad_client_secret');
    const grantType = http.body.grant_type ?? 'authorization_code';
    if (grantType === 'authorization_code') {
      const approval = flow.redeem(http.body.code);
      if (!approval) return slackError('invalid_code');
      if (http.body.redirect_uri !== approval.request.redirectUri) return slackError('bad_redirect_uri');
      if (!options.clientSecret && !pkceMatches(approval.request.codeChallenge, http.body.code_verifier)) return slackError('invalid_code');
      const grant = new Set([...(grants.get(approval.user) ?? []), ...approval.consented]);
      grants.set(approval.user, grant);
      return json(200, {
        ok: true,
        app_id: 'A0KRD7HC3',
        authed_user: issueUserToken({ user: approval.user, scopes: [...grant], lineage: randomToken('sign-in-') }),
        team: { id: SLACK_TEAM.id, name: SLACK_TEAM.name },
        enterprise: null,
        is_enterprise_install: false,
      });
    }
    if (grantType === 'refresh_token') {
      const record = refreshTokens.get(http.body.refresh_token ?? '');
      if (!record || !grants.has(record.user)) return slackError('invalid_refresh_token');
      refreshTokens.delete(http.body.refresh_token!);
      const token = issueUserToken({ user: record.user, scopes: [...grants.get(record.user)!], lineage: record.lineage });
      return json(200, { ok: true, app_id: 'A0KRD7HC3', ...token, team: { id: SLACK_TEAM.id, name: SLACK_TEAM.name } });
    }
    return slackError('invalid_grant_type');
  }

  function revoke(http: ProviderRequest): Reply {
    const token = bearer(http);
    const record = token ? accessTokens.get(token) : undefined;
    if (!record) return slackError('invalid_auth');
    if (http.body.test === 'true' || http.body.test === '1') return json(200, { ok: true, revoked: false });
    for (const map of [accessTokens, refreshTokens]) for (const [key, other] of map) if (other.lineage === record.lineage) map.delete(key);
    // The user's authorization of the app ends with their last token.
    const left = [...accessTokens.values(), ...refreshTokens.values()].some((other) => other.user === record.user);
    if (!left) grants.delete(record.user);
    return json(200, { ok: true, revoked: true });
  }

  function authTest(http: ProviderRequest): Reply {
    const token = bearer(http);
    const record = token ? accessTokens.get(token) : undefined;
    if (!record) return slackError('invalid_auth');
    return json(200, {
      ok: true,
      url: `https://${SLACK_TEAM.domain}.slack.com/`,
      team: SLACK_TEAM.name,
      user: record.user,
      team_id: SLACK_TEAM.id,
      user_id: userId(record.user),
      is_enterprise_install: false,
    });
  }

  const running = await listenAs(['slack.com'], async (http) => {
    const page = flow.handle(http);
    if (page) return page;
    const route = `${http.method} ${http.url.pathname}`;
    if (route === 'GET /oauth/v2/authorize') return authorize(http);
    if (route === 'POST /api/oauth.v2.access') return access(http);
    if (route === 'POST /api/auth.revoke') return revoke(http);
    if (route === 'POST /api/auth.test' || route === 'GET /api/auth.test') return authTest(http);
    return slackApi(http, (token) => accessTokens.get(token), (method) => answered.push(method)) ?? notFound();
  });

  return {
    ...running,
    isActive: (token) => accessTokens.has(token),
    grantedBy: (user) => [...(grants.get(user) ?? [])],
    answered,
  };
}
