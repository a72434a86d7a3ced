import { describe, expect, it, vi } from 'vitest';
import { getProvider } from '../../../shared/catalog';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { google } from '../oauth/providers/google';
import { generic } from '../oauth/providers/generic';
import type { OAuthClient } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { ConnectableProvider } from './providers';
import { TokenRefresher } from './refresh';

const RECORD = { id: 'c1', providerId: 'google', account: 'alex@example.com', grantedScopes: ['openid', 'https://www.googleapis.com/auth/drive.readonly'] } as unknown as ConnectionRecord;
const INVALID_GRANT = new ScopekeeperError('PROVIDER_ERROR', 'Google answered the token refresh with “invalid_grant”.', { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });

/** The reason a refusal of the saved access is recorded with, as the connection and its history show it. */
async function recordedReason(provider: ConnectableProvider): Promise<{ reason: string; history: string }> {
  const save = vi.fn(async () => undefined);
  const refresher = new TokenRefresher({} as never, globalThis.fetch, { save } as unknown as Vault, { now: () => new Date('2026-05-01T10:00:00Z') }, () => undefined);
  await refresher.markRevoked(RECORD, provider, INVALID_GRANT);
  const [saved, , entries] = save.mock.calls[0] as unknown as [ConnectionRecord, null, { message: string }[]];
  return { reason: saved.revokedAtProvider!.reason, history: entries[0]!.message };
}

function googleWith(client: OAuthClient): ConnectableProvider {
  return { info: getProvider('google')!, protocol: google, client } as unknown as ConnectableProvider;
}

describe('a grant the provider no longer honours', () => {
  it('with the person’s own Google app: says a “Testing” app’s sign-ins end after 7 days, and what to do', async () => {
    const { reason, history } = await recordedReason(googleWith({ clientId: 'mine.apps.googleusercontent.com', clientSecret: 's', source: 'own' }));
    expect(reason).toContain('Google refused Scopekeeper’s saved access (invalid_grant: Token has been expired or revoked.)');
    expect(reason).toMatch(/your own OAuth app.*“Testing”.*7 days/);
    expect(reason).toContain('In production');
    expect(history).toMatch(/“Testing”.*7 days/);
  });

  it('with the build’s Google app, or another provider: no such hint', async () => {
    expect((await recordedReason(googleWith({ clientId: 'built-in', clientSecret: 's', source: 'built-in' }))).reason).not.toContain('7 days');
    const sandbox = { info: getProvider('google')!, protocol: generic, client: { clientId: 'x', source: 'own' } } as unknown as ConnectableProvider;
    expect((await recordedReason(sandbox)).reason).not.toContain('7 days');
  });
});
