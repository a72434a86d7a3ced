import { openid } from '../openidClient';
import { ScopekeeperError } from '../../../../shared/ipc/errors';
import { consoleOnly, generic, jsonObject } from './generic';
import type { ProviderProtocol } from './types';

const API = 'https://api.atlassian.com';

/**
 * Atlassian OAuth 2.0 (3LO): `audience=api.atlassian.com` and `prompt=consent` on every request
 * (catalog), the client secret in the body on the code exchange AND on refresh, one exact
 * registered callback URL (so the client's fixed `redirectPort`), rotating refresh tokens (the
 * core saves the new one before using the new access token). No ID token: the account is
 * `GET /me`, the sites `GET /oauth/token/accessible-resources`. No revocation endpoint for apps.
 * @see https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
 * @see https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens/
 */
export const atlassian: ProviderProtocol = {
  ...generic,
  id: 'atlassian',
  discoveryUrl: () => undefined,
  clientAuth: (client) => (client.clientSecret === undefined ? openid().None() : openid().ClientSecretPost(client.clientSecret)),
  // prompt=consent is already there (catalog); Atlassian has no account chooser parameter.
  authorizationParams: (info) => ({ ...info.extraAuthorizationParams }),
  callbackIssuer: () => undefined,
  account: async (response, config) => {
    const meAnswer = await openid().fetchProtectedResource(config, response.access_token, new URL(`${API}/me`), 'GET');
    const me = await jsonObject(meAnswer, 'Atlassian’s /me');
    if (!meAnswer.ok || typeof me.account_id !== 'string') {
      throw new ScopekeeperError('PROVIDER_ERROR', 'Atlassian did not say which account this is.', {
        error: typeof me.message === 'string' ? me.message : `HTTP ${meAnswer.status}`,
      });
    }
    const sitesAnswer = await openid().fetchProtectedResource(config, response.access_token, new URL(`${API}/oauth/token/accessible-resources`), 'GET');
    const sites: unknown = sitesAnswer.ok ? await sitesAnswer.json().catch(() => []) : [];
    const names = Array.isArray(sites)
      ? sites.map((site: { name?: unknown }) => site?.name).filter((name): name is string => typeof name === 'string')
      : [];
    const label = typeof me.email === 'string' ? me.email : typeof me.name === 'string' ? me.name : me.account_id;
    return { subject: me.account_id, label, sites: names };
  },
  revoke: async (_config, _tokens, context) => consoleOnly(context),
  revokeReplaced: async () => 'kept',
  advice: (error, description) => {
    if (error === 'access_denied' && description === 'Unauthorized') {
      return 'Atlassian refused this app’s client ID or secret (it needs both, also to refresh): check the Atlassian client in Settings.';
    }
    if (error === 'invalid_grant' && /refresh token/i.test(description ?? '')) {
      return 'Atlassian no longer accepts the saved refresh token (it expired, or was reused after rotation): reconnect Atlassian.';
    }
    if (/redirect_uri/i.test(description ?? '')) {
      return 'Atlassian matches the callback URL exactly: register http://127.0.0.1:{port}/callback with the client’s fixed port in the developer console.';
    }
    return undefined;
  },
};
