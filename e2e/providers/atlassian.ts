/**
 * Atlassian OAuth 2.0 (3LO), as documented:
 * - developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps: `GET https://auth.atlassian.com/authorize?
 *   audience=api.atlassian.com&client_id&scope&redirect_uri&state&response_type=code&prompt=consent`;
 *   `redirect_uri` must equal the app's registered callback URL exactly (so a desktop app needs a
 *   fixed port); the consent screen lets the person pick the site the app may use;
 *   `POST https://auth.atlassian.com/oauth/token` needs `client_id` AND `client_secret` (the docs
 *   send JSON; form bodies work too); the answer is `{access_token, expires_in, token_type, scope,
 *   refresh_token}` (a refresh token only with `offline_access`). Bad client credentials: 401
 *   `access_denied` "Unauthorized".
 * - developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens: rotating refresh tokens; the
 *   refresh also needs `client_secret`; each refresh returns a new refresh token; an invalid one is
 *   403 `invalid_grant` "Unknown or invalid refresh token."; reusing a rotated token after the reuse
 *   interval revokes the whole family.
 * - `GET https://api.atlassian.com/me` (account_id, email, name; needs `read:me`) and
 *   `GET https://api.atlassian.com/oauth/token/accessible-resources` (the sites: id, url, name, scopes).
 */
import { ConsentFlow, type AuthorizationRequest } from './consentFlow';
import {
  bearer,
  clientCredentials,
  consentPage,
  errorPage,
  escape,
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
import { jiraApi } from './resourceApis';

const AUTH = 'https://auth.atlassian.com';
export const ATLASSIAN_SITES = [
  { id: '1324a887-45db-1bf4-1e99-ef0ff456d421', url: 'https://acme.atlassian.net', name: 'acme' },
  { id: '7a3bd0f1-1b5c-4d3b-9a77-2ac94a1d1c2e', url: 'https://acme-labs.atlassian.net', name: 'acme-labs' },
] as const;

export interface AtlassianOptions {
  clientId: string;
  clientSecret: string;
  /** The one callback URL registered for the app, e.g. http://127.0.0.1:53682/callback. */
  callbackUrl: string;
  /** How long a rotated refresh token may still be used (Atlassian: a short reuse interval). */
  reuseIntervalMs?: number;
}

interface Family {
  user: string;
  scopes: string[];
  siteIds: string[];
  revoked: boolean;
}

interface RefreshRecord {
  family: Family;
  /** When it was rotated out; undefined while it is the current one. */
  rotatedAt?: number;
}

export interface AtlassianServer extends RunningProvider {
  /** How many times a refresh token was exchanged, and whether a family was revoked for reuse. */
  readonly stats: { refreshes: number; familiesRevoked: number };
  isActive(accessToken: string): boolean;
}

const accountId = (user: string): string => `557058:${stableNumber(`atlassian:${user}`).toString(16)}-0000`;

export async function startAtlassian(options: AtlassianOptions): Promise<AtlassianServer> {
  const reuseInterval = options.reuseIntervalMs ?? 0;
  const refreshTokens = new Map<string, RefreshRecord>();
  const accessTokens = new Map<string, Family>();
  const stats = { refreshes: 0, familiesRevoked: 0 };

  const siteChooser = `<label>Use app on <select name="site">${ATLASSIAN_SITES.map((s) => `<option value="${s.id}">${escape(s.name)}</option>`).join('')}</select></label>`;
  const flow = new ConsentFlow<AuthorizationRequest>({
    provider: 'Atlassian',
    origin: AUTH,
    cookie: 'cloud.session.token',
    consentPage: (request, user, pendingId, action) =>
      consentPage({
        provider: 'Atlassian',
        action,
        pendingId,
        account: `${user}@example.com`,
        heading: 'Scopekeeper is requesting access to your Atlassian account',
        scopes: request.scopes,
        granular: false,
        extra: siteChooser,
        allowLabel: 'Accept',
        denyLabel: 'Cancel',
      }),
  });

  function authorize(http: ProviderRequest): Reply {
    const q = http.url.searchParams;
    if (q.get('audience') !== 'api.atlassian.com') return errorPage('Atlassian', 'audience is missing or invalid: it must be api.atlassian.com.');
    if (q.get('client_id') !== options.clientId) return errorPage('Atlassian', 'Invalid client_id.');
    if (q.get('redirect_uri') !== options.callbackUrl) return errorPage('Atlassian', 'redirect_uri is not registered for client: it must match the callback URL exactly.');
    if (q.get('response_type') !== 'code') return errorPage('Atlassian', 'response_type must be code.');
    return flow.start(
      {
        clientId: options.clientId,
        redirectUri: q.get('redirect_uri')!,
        ...(q.get('state') ? { state: q.get('state')! } : {}),
        scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
        ...(q.get('code_challenge') ? { codeChallenge: q.get('code_challenge')! } : {}),
        params: q,
      },
      http,
    );
  }

  function issue(family: Family): Reply {
    const accessToken = randomToken('eyJ.');
    accessTokens.set(accessToken, family);
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: 3600, token_type: 'Bearer', scope: family.scopes.join(' ') };
    if (family.scopes.includes('offline_access')) {
      const refreshToken = randomToken('eyJr.');
      refreshTokens.set(refreshToken, { family });
      body.refresh_token = refreshToken;
    }
    return json(200, body);
  }

  function token(http: ProviderRequest): Reply {
    const client = clientCredentials(http);
    if (client.id !== options.clientId || client.secret !== options.clientSecret) {
      return json(401, { error: 'access_denied', error_description: 'Unauthorized' });
    }
    if (http.body.grant_type === 'authorization_code') {
      const approval = flow.redeem(http.body.code);
      if (!approval) return json(403, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      if (http.body.redirect_uri !== approval.request.redirectUri) return json(403, { error: 'invalid_grant', error_description: 'redirect_uri must match' });
      if (!pkceMatches(approval.request.codeChallenge, http.body.code_verifier)) return json(403, { error: 'invalid_grant', error_description: 'Invalid code verifier' });
      const site = approval.form.get('site') ?? ATLASSIAN_SITES[0].id;
      return issue({ user: approval.user, scopes: approval.consented, siteIds: [site], revoked: false });
    }
    if (http.body.grant_type === 'refresh_token') {
      const record = refreshTokens.get(http.body.refresh_token ?? '');
      const invalid = json(403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      if (!record || record.family.revoked) return invalid;
      if (record.rotatedAt !== undefined && Date.now() - record.rotatedAt > reuseInterval) {
        // Reuse of a rotated refresh token: the whole family is revoked (RFC 9700 §4.14.2).
        record.family.revoked = true;
        stats.familiesRevoked += 1;
        return invalid;
      }
      record.rotatedAt ??= Date.now();
      stats.refreshes += 1;
      return issue(record.family);
    }
    return json(400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' });
  }

  function family(http: ProviderRequest): Family | undefined {
    const token = bearer(http);
    const found = token ? accessTokens.get(token) : undefined;
    return found && !found.revoked ? found : undefined;
  }

  const running = await listenAs(['auth.atlassian.com', 'api.atlassian.com'], async (http) => {
    const page = flow.handle(http);
    if (page) return page;
    const route = `${http.method} ${http.host}${http.url.pathname}`;
    if (route === 'GET auth.atlassian.com/authorize') return authorize(http);
    if (route === 'POST auth.atlassian.com/oauth/token') return token(http);
    if (route === 'GET api.atlassian.com/me') {
      const found = family(http);
      if (!found) return json(401, { code: 401, message: 'Unauthorized' });
      if (!found.scopes.includes('read:me')) return json(403, { code: 403, message: 'Forbidden: read:me is required' });
      return json(200, {
        account_type: 'atlassian',
        account_id: accountId(found.user),
        email: `${found.user}@example.com`,
        name: found.user,
        picture: 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/default.png',
        account_status: 'active',
        nickname: found.user,
        zoneinfo: 'Europe/Berlin',
        locale: 'en-GB',
      });
    }
    if (route === 'GET api.atlassian.com/oauth/token/accessible-resources') {
      const found = family(http);
      if (!found) return json(401, { code: 401, message: 'Unauthorized' });
      return json(
        200,
        ATLASSIAN_SITES.filter((s) => found.siteIds.includes(s.id)).map((s) => ({
          id: s.id,
          url: s.url,
          name: s.name,
          scopes: found.scopes.filter((scope) => scope !== 'offline_access'),
          avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png',
        })),
      );
    }
    return jiraApi(http, (token) => {
      const found = accessTokens.get(token);
      return found && !found.revoked ? found : undefined;
    }) ?? notFound();
  });

  return { ...running, stats, isActive: (token) => { const f = accessTokens.get(token); return f !== undefined && !f.revoked; } };
}
