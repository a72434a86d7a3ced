import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../../shared/catalog';
import { atlassian } from './atlassian';
import { providerFailure } from './errors';
import { callback, documentedFetch, form, json, staticConfig } from '../../../testing/providerWire';

const info = getProvider('atlassian')!;
const client = { clientId: 'AtlClient', clientSecret: 'atl-secret', redirectPort: 53682, source: 'built-in' as const };
const TOKEN = 'POST https://auth.atlassian.com/oauth/token';
const exchange = (configuration: oidc.Configuration) =>
  oidc.authorizationCodeGrant(configuration, callback('code', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });

describe('atlassian protocol', () => {
  it('asks for audience=api.atlassian.com and prompt=consent, and listens on the registered port', () => {
    expect(atlassian.authorizationParams(info, { selectAccount: true })).toEqual({ audience: 'api.atlassian.com', prompt: 'consent' });
    expect(atlassian.redirectPort(client)).toBe(53682);
  });

  it('sends the client secret with the code AND on refresh, and keeps the rotated refresh token', async () => {
    let generation = 0;
    const { fetch, sent } = documentedFetch({
      [TOKEN]: () => json({ access_token: `at-${generation}`, refresh_token: `rt-${++generation}`, expires_in: 3600, token_type: 'Bearer', scope: 'read:me read:jira-work offline_access' }),
    });
    const configuration = staticConfig(atlassian, info, client, fetch);
    const first = await exchange(configuration);
    const refreshed = await oidc.refreshTokenGrant(configuration, first.refresh_token!);
    expect(refreshed.refresh_token).toBe('rt-2');
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    for (const request of sent) expect(form(request.body).get('client_secret')).toBe('atl-secret');
    expect(form(sent[1]!.body).get('refresh_token')).toBe('rt-1');
  });

  it('names the account from /me and the sites from accessible-resources', async () => {
    const { fetch } = documentedFetch({
      [TOKEN]: () => json({ access_token: 'at', expires_in: 3600, token_type: 'Bearer', scope: 'read:me' }),
      'GET https://api.atlassian.com/me': () => json({ account_type: 'atlassian', account_id: '557058:f58131cb', email: 'mia@example.com', name: 'Mia Krystof', account_status: 'active' }),
      'GET https://api.atlassian.com/oauth/token/accessible-resources': () =>
        json([{ id: '1324a887-45db-1bf4-1e99-ef0ff456d421', url: 'https://your-domain.atlassian.net', name: 'your-domain', scopes: ['read:me'], avatarUrl: 'https://x' }]),
    });
    const configuration = staticConfig(atlassian, info, client, fetch);
    expect(await atlassian.account(await exchange(configuration), configuration, { info, client, fetch })).toEqual({
      subject: '557058:f58131cb',
      label: 'mia@example.com',
      sites: ['your-domain'],
    });
  });

  it('without the secret, keeps Atlassian’s 401 access_denied and says it needs ID and secret', async () => {
    const noSecret = { clientId: 'AtlClient', redirectPort: 53682, source: 'own' as const };
    const { fetch } = documentedFetch({ [TOKEN]: () => json({ error: 'access_denied', error_description: 'Unauthorized' }, 401) });
    const failure = await exchange(staticConfig(atlassian, info, noSecret, fetch)).catch((e: unknown) => providerFailure(e, 'code exchange', atlassian, info));
    expect(failure).toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'access_denied', error_description: 'Unauthorized' } });
    expect((failure as Error).message).toContain('client ID or secret');
  });

  it('reports a rotated-away refresh token as Atlassian says it', async () => {
    const { fetch } = documentedFetch({ [TOKEN]: () => json({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' }, 403) });
    const failure = await oidc.refreshTokenGrant(staticConfig(atlassian, info, client, fetch), 'old').catch((e: unknown) => providerFailure(e, 'token refresh', atlassian, info));
    expect(failure).toMatchObject({ details: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } });
    expect((failure as Error).message).toContain('reconnect Atlassian');
  });
});
