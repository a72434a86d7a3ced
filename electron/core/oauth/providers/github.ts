import type * as oidc from 'openid-client';
import { openid } from '../openidClient';
import { ScopekeeperError } from '../../../../shared/ipc/errors';
import { consoleOnly, generic, jsonObject } from './generic';
import type { ProtocolContext, ProviderProtocol } from './types';

const TOKEN_PATHS = new Set(['/login/oauth/access_token', '/login/device/code']);
const API = 'https://api.github.com';

/**
 * GitHub's token endpoint answers form-encoded unless asked for JSON, and reports errors with
 * HTTP 200 and `error`. This asks for JSON, reads a form answer anyway, and turns a 200 error
 * into the 400 RFC 6749 §5.2 describes, so openid-client keeps GitHub's own `error` and
 * `error_description` instead of calling the answer invalid.
 * @see https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
 */
export function githubFetch(base: typeof fetch): oidc.CustomFetch {
  return async (url, options) => {
    const target = new URL(url);
    if (target.hostname !== 'github.com' || !TOKEN_PATHS.has(target.pathname)) return base(url, options);
    const response = await base(url, { ...options, headers: { ...options.headers, accept: 'application/json' } });
    const text = await response.text();
    let body: Record<string, unknown>;
    if (response.headers.get('content-type')?.includes('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(text));
    } else {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return new Response(text, { status: response.status, headers: response.headers });
      }
    }
    const status = response.ok && typeof body.error === 'string' ? 400 : response.status;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
}

/**
 * One of the OAuth Authorizations API's calls for this app, with the client ID and secret in Basic
 * auth and the token in the body: `grant` deletes the person's whole authorization of the app
 * (every token), `token` revokes only the token given. 204 when done.
 * @see https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization
 * @see https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token
 */
async function deleteApplication(what: 'grant' | 'token', accessToken: string, context: ProtocolContext & { client: { clientSecret: string } }): Promise<void> {
  const { client } = context;
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
  const response = await context.fetch(`${API}/applications/${encodeURIComponent(client.clientId)}/${what}`, {
    method: 'DELETE',
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Basic ${basic}`,
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify({ access_token: accessToken }),
  });
  if (response.status === 204) return;
  const answer = (await response.json().catch(() => ({}))) as { message?: unknown };
  const message = typeof answer.message === 'string' ? answer.message : `HTTP ${response.status}`;
  throw new ScopekeeperError('PROVIDER_ERROR', `GitHub did not ${what === 'grant' ? 'remove Scopekeeper’s authorization' : 'revoke the token'} (${message}).`, {
    error: message,
    status: response.status,
    advice: response.status === 404 ? 'GitHub refused the app’s client ID or secret: check the GitHub client in Settings.' : `Remove Scopekeeper at ${context.info.consoleUrl}.`,
  });
}

/** The context, when the client has the secret GitHub's OAuth Authorizations API needs. */
function withSecret(context: ProtocolContext): (ProtocolContext & { client: { clientSecret: string } }) | undefined {
  const secret = context.client.clientSecret;
  return secret === undefined ? undefined : { ...context, client: { ...context.client, clientSecret: secret } };
}

/**
 * GitHub OAuth apps: no OpenID (the account is `GET /user`), the client secret is sent even with
 * PKCE (GitHub does not tell public from confidential clients), `scope` is comma-separated and
 * lists what the person granted, an EMPTY string meaning nothing at all; `prompt=select_account`
 * shows the account picker. Revoking needs the client secret:
 * `DELETE /applications/{client_id}/grant` with Basic auth; without a secret only the person can,
 * at github.com/settings/applications. Every sign-in gets a new token and the earlier ones stay
 * valid; with the secret, one a newer sign-in replaced is revoked alone
 * (`DELETE /applications/{client_id}/token`).
 * @see https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 * @see https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization
 */
export const github: ProviderProtocol = {
  ...generic,
  id: 'github',
  discoveryUrl: () => undefined,
  clientAuth: (client) => (client.clientSecret === undefined ? openid().None() : openid().ClientSecretPost(client.clientSecret)),
  fetch: (base) => githubFetch(base),
  authorizationParams: (info, { selectAccount }) => ({ ...info.extraAuthorizationParams, ...(selectAccount ? { prompt: 'select_account' } : {}) }),
  callbackIssuer: () => undefined,
  // Unlike a standard server, GitHub always states the scope: "" means the person granted nothing.
  grantedScope: (response) => (typeof response.scope === 'string' ? response.scope : ''),
  account: async (response, config) => {
    const answer = await openid().fetchProtectedResource(config, response.access_token, new URL(`${API}/user`), 'GET');
    const user = await jsonObject(answer, 'GitHub’s /user');
    if (!answer.ok || typeof user.login !== 'string' || typeof user.id !== 'number') {
      throw new ScopekeeperError('PROVIDER_ERROR', 'GitHub did not say which account this is.', {
        error: typeof user.message === 'string' ? user.message : `HTTP ${answer.status}`,
      });
    }
    return { subject: String(user.id), label: user.login };
  },
  revoke: async (_config, tokens, context) => {
    const app = withSecret(context);
    if (app === undefined) return consoleOnly(context);
    await deleteApplication('grant', tokens.accessToken, app);
    return { kind: 'done' };
  },
  revokeReplaced: async (_config, tokens, context) => {
    const app = withSecret(context);
    if (app === undefined) return 'kept';
    await deleteApplication('token', tokens.accessToken, app);
    return 'revoked';
  },
  adjust: (info, client) => (client.clientSecret === undefined ? info : { ...info, revokeAll: 'provider-api' }),
  advice: (error) => {
    switch (error) {
      case 'bad_verification_code':
        return 'GitHub refused the sign-in code (it expired or was used already): connect again.';
      case 'incorrect_client_credentials':
        return 'GitHub refused this app’s client ID or secret: check the GitHub client in Settings.';
      case 'redirect_uri_mismatch':
        return 'GitHub refused the sign-in address: set the OAuth app’s callback URL to http://127.0.0.1/callback.';
      case 'unverified_user_email':
        return 'GitHub needs a verified email address on the account first: verify it at github.com/settings/emails.';
      default:
        return undefined;
    }
  },
};
