import { openid } from '../openidClient';
import type { Configuration } from 'openid-client';
import { ScopekeeperError } from '../../../../shared/ipc/errors';
import { generic, jsonObject } from './generic';
import type { ProtocolContext, ProviderProtocol } from './types';

const ACCESS = 'https://slack.com/api/oauth.v2.access';
const AUTH_TEST = 'https://slack.com/api/auth.test';

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads `oauth.v2.access` into an RFC 6749 §5.1 token response for openid-client: Slack answers
 * HTTP 200 `{ok:false,error}` for errors (made a 400 with `error`, RFC 6749 §5.2), and puts a user
 * token under `authed_user` with no top-level `access_token`. Its `token_type` "user" is a bearer
 * token. The team and user stay in the answer for the account.
 * @see https://docs.slack.dev/reference/methods/oauth.v2.access
 */
export async function normalizeSlackAccess(response: Response): Promise<Response> {
  const body = await jsonObject(response, 'Slack’s oauth.v2.access');
  const json = (status: number, value: unknown): Response =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
  if (body.ok !== true) return json(400, { error: typeof body.error === 'string' ? body.error : 'unknown_error' });
  const user = asObject(body.authed_user);
  // A user install carries the token under authed_user; a refresh of a rotating user token answers at the top level.
  const source = user && typeof user.access_token === 'string' ? user : body;
  return json(200, {
    access_token: source.access_token,
    token_type: 'bearer',
    ...(typeof source.scope === 'string' ? { scope: source.scope } : {}),
    ...(typeof source.refresh_token === 'string' ? { refresh_token: source.refresh_token } : {}),
    ...(typeof source.expires_in === 'number' ? { expires_in: source.expires_in } : {}),
    slack_team: asObject(body.team),
    slack_user_id: typeof user?.id === 'string' ? user.id : undefined,
  });
}

/**
 * `auth.revoke` with the token itself: Slack revokes that one token (apps.uninstall is what ends
 * every token of an installation). `ok:false` means nothing was revoked.
 * @see https://docs.slack.dev/reference/methods/auth.revoke
 */
async function authRevoke(config: Configuration, accessToken: string, context: ProtocolContext): Promise<void> {
  const endpoint = context.info.endpoints.revocation ?? 'https://slack.com/api/auth.revoke';
  const answer = await jsonObject(await openid().fetchProtectedResource(config, accessToken, new URL(endpoint), 'POST'), 'Slack’s auth.revoke');
  // token_revoked: Slack already considers this token revoked, which is what was asked.
  if ((answer.ok === true && answer.revoked === true) || answer.error === 'token_revoked') return;
  const error = typeof answer.error === 'string' ? answer.error : 'not_revoked';
  throw new ScopekeeperError('PROVIDER_ERROR', `Slack did not revoke Scopekeeper’s access (${error}).`, {
    error,
    advice: `Remove Scopekeeper in your workspace’s app management (${context.info.consoleUrl}).`,
  });
}

/**
 * Slack OAuth v2 with user scopes (`user_scope`, comma-separated). A PKCE app is public (no
 * secret); with a secret Slack prefers HTTP Basic. The account comes from `auth.test`;
 * revocation is `auth.revoke`, which succeeded only when it says `ok:true` (`ok:false` means
 * nothing was revoked). It revokes the one token it is called with, so a token a newer sign-in
 * replaced is revoked the same way, the new one left working.
 * @see https://docs.slack.dev/authentication/installing-with-oauth
 * @see https://docs.slack.dev/reference/methods/auth.revoke
 */
export const slack: ProviderProtocol = {
  ...generic,
  id: 'slack',
  discoveryUrl: () => undefined,
  clientAuth: (client) => (client.clientSecret === undefined ? openid().None() : openid().ClientSecretBasic(client.clientSecret)),
  fetch: (base) => async (url, options) => {
    const response = await base(url, options);
    return url === ACCESS ? normalizeSlackAccess(response) : response;
  },
  // Slack has no account chooser parameter: the person picks the workspace on its page.
  authorizationParams: (info) => ({ ...info.extraAuthorizationParams }),
  callbackIssuer: () => undefined,
  account: async (response, config) => {
    const answer = await jsonObject(await openid().fetchProtectedResource(config, response.access_token, new URL(AUTH_TEST), 'POST'), 'Slack’s auth.test');
    if (answer.ok !== true || typeof answer.user_id !== 'string' || typeof answer.team_id !== 'string') {
      throw new ScopekeeperError('PROVIDER_ERROR', 'Slack did not say which account this is.', { error: typeof answer.error === 'string' ? answer.error : 'auth_test_failed' });
    }
    const team = typeof answer.team === 'string' ? answer.team : answer.team_id;
    const user = typeof answer.user === 'string' ? answer.user : answer.user_id;
    return { subject: `${answer.team_id}:${answer.user_id}`, label: `${user} (${team})` };
  },
  revoke: async (config, tokens, context) => {
    await authRevoke(config, tokens.accessToken, context);
    return { kind: 'done' };
  },
  revokeReplaced: async (config, tokens, context) => {
    await authRevoke(config, tokens.accessToken, context);
    return 'revoked';
  },
  advice: (error) => {
    switch (error) {
      case 'invalid_code':
        return 'Slack refused the sign-in code (it expired or was used already): connect again.';
      case 'bad_client_secret':
        return 'Slack refused this app’s client secret: check the Slack client in Settings.';
      case 'invalid_client_id':
        return 'Slack does not know this client ID: check the Slack client in Settings.';
      case 'bad_redirect_uri':
        return 'Slack refused the sign-in address: add http://127.0.0.1/callback to the app’s Redirect URLs at api.slack.com/apps.';
      case 'invalid_refresh_token':
        return 'Slack no longer accepts the saved refresh token: reconnect Slack.';
      default:
        return undefined;
    }
  },
};
