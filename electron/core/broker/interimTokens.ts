import * as client from 'openid-client';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { toProviderError } from '../oauth/client';
import { configure } from '../grants/connect';
import { ConnectionLocks, toSecret } from '../grants/records';
import type { GrantsService } from '../grants/service';
import type { Clock, Ports } from '../ports';
import type { Vault } from '../vault/vault';
import type { ConnectionRecord } from '../vault/schema';
import type { AccessTokens, FreshToken } from './tokens';

/**
 * A stand-in for the grants' TokenService until it lands on main (same signature): refreshes an
 * access token that expires within `minValidSeconds`, one refresh per connection at a time
 * (callers arriving meanwhile share it), the rotated refresh token saved before the access token
 * is handed out. Replace with `new TokenService(...)` and delete this file.
 */
export class InterimTokens implements AccessTokens {
  private readonly inflight = new Map<string, Promise<FreshToken>>();
  private readonly locks = new ConnectionLocks();
  /** The last token handed out per connection, valid while the record is the one it was read with. */
  private readonly cached = new Map<string, { record: ConnectionRecord; token: FreshToken }>();

  constructor(
    private readonly grants: GrantsService,
    private readonly vault: Vault,
    private readonly ports: Pick<Ports, 'fetch'> & { clock: Clock },
  ) {}

  async freshAccessToken(connectionId: string, minValidSeconds = 60): Promise<FreshToken> {
    const hit = this.cached.get(connectionId);
    if (hit && this.vault.get(connectionId) === hit.record && this.validFor(hit.token, minValidSeconds)) return hit.token;
    const shared = this.inflight.get(connectionId);
    if (shared) return shared;
    const run = this.locks.run(connectionId, () => this.ensure(connectionId, minValidSeconds));
    this.inflight.set(connectionId, run);
    void run.catch(() => undefined).finally(() => {
      if (this.inflight.get(connectionId) === run) this.inflight.delete(connectionId);
    });
    return run;
  }

  private async ensure(connectionId: string, minValidSeconds: number): Promise<FreshToken> {
    const record = this.grants.record(connectionId);
    if (record.state !== 'connected') throw new ScopekeeperError('CHANGE_REFUSED', 'This connection is disconnected.', { reason: 'disconnected' });
    const secret = await this.vault.readSecret(connectionId);
    const stored: FreshToken = { accessToken: secret.accessToken, tokenType: secret.tokenType, ...(secret.expiresAt !== undefined ? { expiresAt: secret.expiresAt } : {}), scopes: record.grantedScopes };
    if (this.validFor(stored, minValidSeconds)) {
      this.cached.set(connectionId, { record, token: stored });
      return stored;
    }
    if (!secret.refreshToken) throw new ScopekeeperError('PROVIDER_ERROR', 'No refresh token to renew the access token with.', { error: 'no_refresh_token' });
    const provider = this.grants.connectable(record.providerId);
    const config = await configure(provider, this.ports.fetch);
    let response;
    try {
      response = await client.refreshTokenGrant(config, secret.refreshToken);
    } catch (error) {
      throw toProviderError(error, 'token refresh');
    }
    const expiresIn = response.expiresIn();
    const tokens = {
      accessToken: response.access_token,
      tokenType: response.token_type,
      ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
      ...(expiresIn !== undefined ? { expiresAt: Math.floor(this.ports.clock.now().getTime() / 1000) + expiresIn } : {}),
    };
    await this.vault.save(record, { ...toSecret(tokens), refreshToken: tokens.refreshToken ?? secret.refreshToken, ...(secret.idToken ? { idToken: secret.idToken } : {}) });
    const token: FreshToken = { accessToken: tokens.accessToken, tokenType: tokens.tokenType, ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}), scopes: record.grantedScopes };
    this.cached.set(connectionId, { record, token });
    return token;
  }

  private validFor(token: FreshToken, seconds: number): boolean {
    return token.expiresAt === undefined || token.expiresAt - this.ports.clock.now().getTime() / 1000 >= seconds;
  }
}
