/**
 * GitHub OAuth apps, as documented:
 * - docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps: `GET
 *   https://github.com/login/oauth/authorize` (`scope` space-separated, `prompt=select_account`,
 *   PKCE S256 only since github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication);
 *   loopback redirects may use any port; an app the person already authorized for these scopes is
 *   redirected back without the page. `POST https://github.com/login/oauth/access_token` with
 *   `client_id`, `client_secret` (GitHub does not tell public from confidential clients), `code`,
 *   `redirect_uri`, `code_verifier`; the answer is `application/x-www-form-urlencoded` unless the
 *   request says `Accept: application/json`; `scope` is comma-separated and lists what the person
 *   granted, which may be less than asked, even nothing (an empty string).
 * - …/troubleshooting-oauth-app-access-token-request-errors: errors come with HTTP 200 and `error`:
 *   `incorrect_client_credentials`, `redirect_uri_mismatch`, `bad_verification_code`.
 * - docs.github.com/rest/users/users#get-the-authenticated-user: `GET https://api.github.com/user`
 *   (`login`, `id`), with `X-OAuth-Scopes`.
 * - docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization: `DELETE
 *   https://api.github.com/applications/{client_id}/grant`, Basic auth with the client ID and
 *   secret, JSON body `{"access_token"}`: 204, and every token of that authorization is revoked;
 *   422 when the token is not valid.
 * - docs.github.com/rest/apps/oauth-applications#delete-an-app-token: `DELETE
 *   https://api.github.com/applications/{client_id}/token`, the same Basic auth and body, revokes
 *   that one token: 204; the person's other tokens and the authorization stay.
 * - docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow: `POST
 *   https://github.com/login/device/code` (`client_id`, `scope`) answers `device_code`,
 *   `user_code`, `verification_uri` https://github.com/login/device, `expires_in` 899 and
 *   `interval` 5; the app polls `POST https://github.com/login/oauth/access_token` with
 *   `grant_type=urn:ietf:params:oauth:grant-type:device_code`, `device_code`, `client_id`, and gets,
 *   with HTTP 200 like every error here, `authorization_pending`, `slow_down` (the interval grows by
 *   5 seconds), `expired_token`, `access_denied` or `incorrect_device_code`.
 */
import { ConsentFlow, type AuthorizationRequest } from './consentFlow';
import { DeviceCodes } from './deviceCodes';
import {
  basicCredentials,
  bearer,
  consentPage,
  errorPage,
  form,
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
import { githubApi } from './resourceApis';

const GITHUB = 'https://github.com';
const DOCS = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';

export interface GitHubOptions {
  clientId: string;
  clientSecret: string;
}

interface TokenRecord {
  user: string;
  scopes: string[];
}

export interface GitHubServer extends RunningProvider {
  /** Whether the API still accepts this token. */
  isActive(accessToken: string): boolean;
  /** Whether the person has an authorization for the app (Settings → Applications). */
  isAuthorized(user: string): boolean;
  /** How many tokens the app holds for the person right now. */
  tokenCount(user: string): number;
}

export const githubUserId = (user: string): number => 1_000_000 + (stableNumber(`github:${user}`) % 90_000_000);

export async function startGitHub(options: GitHubOptions): Promise<GitHubServer> {
  /** user → scopes of the person's authorization of the app. */
  const authorizations = new Map<string, Set<string>>();
  const tokens = new Map<string, TokenRecord>();

  const flow = new ConsentFlow<AuthorizationRequest>({
    provider: 'GitHub',
    origin: GITHUB,
    cookie: 'user_session',
    denial: { error_description: 'The user has denied your application access.', error_uri: `${DOCS}#access-denied` },
    consentPage: (request, user, pendingId, action) => {
      const authorized = authorizations.get(user);
      if (authorized && request.scopes.every((s) => authorized.has(s)) && !request.params.get('prompt')) return 'approve';
      return consentPage({
        provider: 'GitHub',
        action,
        pendingId,
        account: user,
        heading: 'Authorize Scopekeeper',
        scopes: request.scopes,
        granular: true,
        allowLabel: 'Authorize Scopekeeper',
        denyLabel: 'Cancel',
      });
    },
  });

  const devices = new DeviceCodes<AuthorizationRequest>({
    provider: 'GitHub',
    origin: GITHUB,
    verificationUri: `${GITHUB}/login/device`,
    flow,
    interval: 5,
    expiresIn: 899,
  });

  function deviceCode(http: ProviderRequest): Reply {
    if (http.body.client_id !== options.clientId) {
      return answer(http, { error: 'incorrect_client_credentials', error_description: 'The client_id is not valid.', error_uri: `${DOCS}#incorrect-client-credentials` });
    }
    const issued = devices.issue({ clientId: options.clientId, scopes: (http.body.scope ?? '').split(/[\s,]+/).filter(Boolean), params: new URLSearchParams() });
    return answer(http, {
      device_code: issued.deviceCode,
      user_code: issued.userCode,
      verification_uri: devices.verificationUri,
      expires_in: issued.expiresIn,
      interval: issued.interval,
    });
  }

  /** Polling with a device code: GitHub's names for RFC 8628's answers, always with HTTP 200. */
  function deviceToken(http: ProviderRequest): Reply {
    if (http.body.client_id !== options.clientId) {
      return answer(http, { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.', error_uri: `${DOCS}#incorrect-client-credentials` });
    }
    const poll = devices.poll(http.body.device_code);
    switch (poll.state) {
      case 'unknown':
        return answer(http, { error: 'incorrect_device_code', error_description: 'The device_code provided is not valid.' });
      case 'pending':
        return answer(http, { error: 'authorization_pending', error_description: 'The authorization request is still pending.' });
      case 'slow-down':
        return answer(http, { error: 'slow_down', error_description: 'Too many requests have been made in the same timeframe.', interval: poll.interval });
      case 'expired':
        return answer(http, { error: 'expired_token', error_description: 'The device_code has expired.' });
      case 'denied':
        return answer(http, { error: 'access_denied', error_description: 'The authorization request was denied.' });
      case 'approved':
        return grantTokens(http, poll.user, poll.consented);
    }
  }

  function grantTokens(http: ProviderRequest, user: string, scopes: string[]): Reply {
    authorizations.set(user, new Set(scopes));
    const token = randomToken('gho_');
    tokens.set(token, { user, scopes });
    return answer(http, { access_token: token, scope: scopes.join(','), token_type: 'bearer' });
  }

  function authorize(http: ProviderRequest): Reply {
    const q = http.url.searchParams;
    if (q.get('client_id') !== options.clientId) return errorPage('GitHub', 'The client_id is not valid.', 404);
    if (!isLoopbackRedirect(q.get('redirect_uri'))) return errorPage('GitHub', 'The redirect_uri MUST match the registered callback URL for this application.');
    if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256') return errorPage('GitHub', 'code_challenge_method must be S256.');
    return flow.start(
      {
        clientId: options.clientId,
        redirectUri: q.get('redirect_uri')!,
        ...(q.get('state') ? { state: q.get('state')! } : {}),
        scopes: (q.get('scope') ?? '').split(/[\s,]+/).filter(Boolean),
        ...(q.get('code_challenge') ? { codeChallenge: q.get('code_challenge')! } : {}),
        params: q,
      },
      http,
    );
  }

  /** GitHub answers in the format the Accept header asks for, errors included, always HTTP 200. */
  function answer(http: ProviderRequest, body: Record<string, string | number>): Reply {
    return http.headers.accept?.includes('application/json')
      ? json(200, body)
      : form(Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)])));
  }

  function accessToken(http: ProviderRequest): Reply {
    if (http.body.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') return deviceToken(http);
    const id = http.body.client_id ?? basicCredentials(http)?.id;
    const secret = http.body.client_secret ?? basicCredentials(http)?.secret;
    if (id !== options.clientId || secret !== options.clientSecret) {
      return answer(http, {
        error: 'incorrect_client_credentials',
        error_description: 'The client_id and/or client_secret passed are incorrect.',
        error_uri: `${DOCS}#incorrect-client-credentials`,
      });
    }
    const approval = flow.redeem(http.body.code);
    const badCode = { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: `${DOCS}#bad-verification-code` };
    if (!approval) return answer(http, badCode);
    if (http.body.redirect_uri && http.body.redirect_uri !== approval.request.redirectUri) {
      return answer(http, {
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: `${DOCS}#redirect-uri-mismatch2`,
      });
    }
    if (!pkceMatches(approval.request.codeChallenge, http.body.code_verifier)) return answer(http, badCode);
    return grantTokens(http, approval.user, approval.consented);
  }

  function user(http: ProviderRequest): Reply {
    const token = bearer(http);
    const record = token ? tokens.get(token) : undefined;
    if (!record) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    return json(
      200,
      { login: record.user, id: githubUserId(record.user), node_id: `U_${githubUserId(record.user)}`, type: 'User', name: record.user, email: null },
      { 'X-OAuth-Scopes': record.scopes.join(', '), 'X-Accepted-OAuth-Scopes': '' },
    );
  }

  function deleteGrant(http: ProviderRequest, clientId: string): Reply {
    const basic = basicCredentials(http);
    if (clientId !== options.clientId || basic?.id !== options.clientId || basic.secret !== options.clientSecret) {
      return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization', status: '404' });
    }
    const record = tokens.get(http.body.access_token ?? '');
    if (!record) return json(422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization', status: '422' });
    authorizations.delete(record.user);
    for (const [key, other] of tokens) if (other.user === record.user) tokens.delete(key);
    return { status: 204 };
  }

  function deleteToken(http: ProviderRequest, clientId: string): Reply {
    const basic = basicCredentials(http);
    const docs = 'https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token';
    if (clientId !== options.clientId || basic?.id !== options.clientId || basic.secret !== options.clientSecret) {
      return json(404, { message: 'Not Found', documentation_url: docs, status: '404' });
    }
    if (!tokens.delete(http.body.access_token ?? '')) return json(422, { message: 'Validation Failed', documentation_url: docs, status: '422' });
    return { status: 204 };
  }

  const running = await listenAs(['github.com', 'api.github.com'], async (http) => {
    const page = flow.handle(http) ?? devices.handle(http);
    if (page) return page;
    const route = `${http.method} ${http.host}${http.url.pathname}`;
    if (route === 'POST github.com/login/device/code') return deviceCode(http);
    if (route === 'GET github.com/login/oauth/authorize') return authorize(http);
    if (route === 'POST github.com/login/oauth/access_token') return accessToken(http);
    if (route === 'GET api.github.com/user') return user(http);
    const grant = route.match(/^DELETE api\.github\.com\/applications\/([^/]+)\/grant$/);
    if (grant) return deleteGrant(http, decodeURIComponent(grant[1]!));
    const token = route.match(/^DELETE api\.github\.com\/applications\/([^/]+)\/token$/);
    if (token) return deleteToken(http, decodeURIComponent(token[1]!));
    return githubApi(http, (token) => tokens.get(token)) ?? notFound();
  });

  return {
    ...running,
    isActive: (token) => tokens.has(token),
    isAuthorized: (user) => authorizations.has(user),
    tokenCount: (user) => [...tokens.values()].filter((t) => t.user === user).length,
  };
}
