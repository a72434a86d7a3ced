import { ScopekeeperError } from '../../../shared/ipc/errors';
import { effectiveGranted, formatScopes, parseScopes } from '../../../shared/scopes/format';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import type { ConnectionRecord, TokenSecret } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { Connections } from './connections';
import type { ConnectableProvider, ProviderRegistry } from './providers';
import { broaderEntry, historyEntry, stampGranted, toSecret, type ConnectionLocks } from './records';
import { isGrantGone, type TokenRefresher } from './refresh';
import { notGranted } from './scopes';

/** An access token for one connection, valid for at least the time asked (when the provider says how long). */
export interface FreshToken {
  accessToken: string;
  tokenType: string;
  /** Seconds since the epoch; absent when the provider did not say. */
  expiresAt?: number;
  scopes: string[];
}

/**
 * Access tokens on demand (for the broker and for "check access"): refreshed when they expire
 * within the time asked, ONE refresh per connection at a time (callers arriving meanwhile share it),
 * and the rotated refresh token saved before the new access token is handed out. A refused refresh
 * marks the connection "revoked at the provider".
 * @see RFC 6749 §6, RFC 9700 §2.2.2 and §4.14.2 (refresh token rotation and reuse detection)
 */
export class TokenService {
  private readonly inflight = new Map<string, Promise<FreshToken>>();
  /** Tokens that come straight from a refresh: a caller who waited for one takes it as it is. */
  private readonly renewed = new WeakSet<FreshToken>();

  constructor(
    private readonly connections: Pick<Connections, 'record'>,
    private readonly providers: Pick<ProviderRegistry, 'connectable'>,
    private readonly refresher: TokenRefresher,
    private readonly vault: Vault,
    /** Shared with scope changes: a narrow refresh and this refresh never use one refresh token twice. */
    private readonly locks: ConnectionLocks,
    private readonly clock: Clock,
    private readonly emit: Emit,
  ) {}

  /**
   * An access token for `connectionId` valid for at least `minValidSeconds` more (when the provider
   * gave an expiry). Throws CONNECTION_REVOKED when the provider refused the refresh token.
   */
  async freshAccessToken(connectionId: string, minValidSeconds = 60): Promise<FreshToken> {
    const shared = this.inflight.get(connectionId);
    if (shared) {
      // Its failure is theirs too: fifty callers do not retry a refused or unreachable refresh fifty times.
      const token = await shared;
      // A refresh that just happened is the best there is, even if the provider's tokens live shorter.
      if (this.renewed.has(token) || this.validFor(token.expiresAt, minValidSeconds)) return token;
    }
    return this.single(connectionId, () => this.ensure(connectionId, minValidSeconds, false));
  }

  /**
   * Refreshes now, whatever the expiry: asks the provider whether the grant is still alive (Check
   * access, and the daily check in the background, which history then names).
   */
  async check(connectionId: string, { background = false }: { background?: boolean } = {}): Promise<void> {
    const record = this.connections.record(connectionId);
    if (record.state !== 'connected' || !this.vault.hasSecret(connectionId)) return;
    await this.single(connectionId, () => this.ensure(connectionId, 0, true, background));
  }

  /**
   * A separate access token carrying only `scopes`, minted by a refresh that asks for them
   * (RFC 6749 §6): what a tool the person allowed the handout receives. The connection's own access
   * token stays as it is; a rotated refresh token is saved before the new token is handed out. A
   * provider whose answer does not say the token carries only what was asked is refused: the
   * token is never broader than the person was told.
   */
  async narrowAccessToken(connectionId: string, scopes: readonly string[]): Promise<FreshToken> {
    return this.locks.run(connectionId, async () => {
      const record = this.connections.record(connectionId);
      const provider = await this.connectedProvider(record);
      const secret = await this.vault.readSecret(connectionId);
      const refreshToken = secret.refreshToken;
      if (!refreshToken) {
        throw new ScopekeeperError('PROVIDER_ERROR', `${provider.info.name} gave Scopekeeper no refresh token, so it cannot mint a narrower token.`, { error: 'no_refresh_token' });
      }
      let tokens;
      try {
        tokens = await this.refresher.refresh(provider, refreshToken, { scopes, account: false });
      } catch (error) {
        if (isGrantGone(error)) throw await this.refresher.markRevoked(record, provider, error);
        throw error;
      }
      // Saved first: a rotating provider (the Sandbox) has already retired the old refresh token.
      if (tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken) {
        await this.vault.save(record, { ...secret, refreshToken: tokens.refreshToken });
      }
      const carried = tokens.scope === undefined ? undefined : parseScopes(provider.info, tokens.scope);
      const asked = new Set(parseScopes(provider.info, formatScopes(provider.info, scopes)));
      if (!carried || carried.some((scope) => !asked.has(scope))) {
        throw new ScopekeeperError('PROVIDER_ERROR', `${provider.info.name} did not give a token limited to ${[...asked].join(', ')}, so Scopekeeper hands none out.`, {
          error: 'broader_token',
        });
      }
      return fresh(toSecret(tokens), carried);
    });
  }

  private single(connectionId: string, work: () => Promise<FreshToken>): Promise<FreshToken> {
    const run = this.locks.run(connectionId, work);
    this.inflight.set(connectionId, run);
    void run.catch(() => undefined).finally(() => {
      if (this.inflight.get(connectionId) === run) this.inflight.delete(connectionId);
    });
    return run;
  }

  /** The provider of a connection that is still connected; a disconnected or expired one is CONNECTION_REVOKED. */
  private async connectedProvider(record: ConnectionRecord): Promise<ConnectableProvider> {
    const provider = await this.providers.connectable(record.providerId);
    if (record.state !== 'connected') {
      throw new ScopekeeperError('CONNECTION_REVOKED', `This ${provider.info.name} connection is disconnected. Reconnect to use it again.`, {
        providerName: provider.info.name,
      });
    }
    // Given for a while, and the while is over: no token, even before the take-back has run.
    if (record.timeBox !== undefined && Date.parse(record.timeBox.until) <= this.clock.now().getTime()) {
      throw new ScopekeeperError('CONNECTION_REVOKED', `The time you gave this ${provider.info.name} connection is over; Scopekeeper is taking it back.`, {
        providerName: provider.info.name,
      });
    }
    return provider;
  }

  private async ensure(connectionId: string, minValidSeconds: number, force: boolean, background = false): Promise<FreshToken> {
    const record = this.connections.record(connectionId);
    const provider = await this.connectedProvider(record);
    const secret = await this.vault.readSecret(connectionId);
    if (!force && this.validFor(secret.expiresAt, minValidSeconds)) return fresh(secret, record.grantedScopes);
    if (!secret.refreshToken) {
      throw new ScopekeeperError('PROVIDER_ERROR', `${provider.info.name} gave Scopekeeper no refresh token, so an expired access token cannot be renewed. Reconnect to get a new one.`, {
        error: 'no_refresh_token',
      });
    }
    let tokens;
    try {
      tokens = await this.refresher.refresh(provider, secret.refreshToken, { account: false });
    } catch (error) {
      if (isGrantGone(error)) throw await this.refresher.markRevoked(record, provider, error, background);
      throw error;
    }
    // RFC 6749 §6: no `scope` in the answer means the same scope as before.
    const granted = tokens.scope === undefined ? record.grantedScopes : effectiveGranted(provider.info, record.grantedScopes, tokens.scope, true);
    const next = this.afterRefresh(record, provider, granted);
    // The rotated refresh token is saved before the new access token is handed to anyone.
    await this.vault.save(next.record, { ...toSecret(tokens), refreshToken: tokens.refreshToken ?? secret.refreshToken }, next.history);
    if (next.changed) this.emit('grants:changed', { connectionId });
    const token = fresh(toSecret(tokens), granted);
    this.renewed.add(token);
    return token;
  }

  /** The record after a refresh; a refresh that came back with other scopes is recorded as such. */
  private afterRefresh(record: ConnectionRecord, provider: ConnectableProvider, granted: string[]) {
    const now = this.clock.now().toISOString();
    const lost = notGranted(record.grantedScopes, granted);
    const history = [
      ...(lost.length ? [historyEntry(record, provider.info.name, now, 'revoked', lost, `${provider.info.name} left ${lost.length} permission(s) out of a renewed token.`)] : []),
      ...broaderEntry(record, provider.info, now, record.grantedScopes, granted),
    ];
    const changed = history.length > 0;
    return {
      changed,
      history,
      record: changed ? { ...record, grantedScopes: granted, grantedAt: stampGranted(record.grantedAt, granted, now), updatedAt: now } : record,
    };
  }

  private validFor(expiresAt: number | undefined, seconds: number): boolean {
    // A provider that gives no expiry: the token is used until it is refused.
    return expiresAt === undefined || expiresAt - this.clock.now().getTime() / 1000 >= seconds;
  }
}

function fresh(secret: TokenSecret, scopes: string[]): FreshToken {
  return {
    accessToken: secret.accessToken,
    tokenType: secret.tokenType,
    ...(secret.expiresAt !== undefined ? { expiresAt: secret.expiresAt } : {}),
    scopes: [...scopes],
  };
}
