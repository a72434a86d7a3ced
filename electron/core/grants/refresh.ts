import { ScopekeeperError } from '../../../shared/ipc/errors';
import { formatScopes } from '../../../shared/scopes/format';
import { refreshTokens, type TokenSet } from '../oauth/client';
import type { ConfigurationCache } from '../oauth/configurations';
import { providerFailure } from '../oauth/providers/errors';
import { readTokens } from '../oauth/providers/tokens';
import type { Emit } from '../ipc/events';
import type { Clock, Notifier } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { configure, providerSession } from './connect';
import type { ConnectableProvider } from './providers';
import { historyEntry } from './records';

/**
 * The provider's answers to a refresh that mean the grant is gone there: `invalid_grant` (RFC 6749
 * §5.2: revoked, expired, or a rotated refresh token reused), and the names some providers use for it.
 */
const GRANT_GONE = new Set(['invalid_grant', 'invalid_refresh_token', 'bad_refresh_token', 'token_revoked', 'token_expired']);

export function isGrantGone(error: unknown): error is ScopekeeperError {
  return error instanceof ScopekeeperError && error.code === 'PROVIDER_ERROR' && GRANT_GONE.has(String(error.details?.error));
}

/**
 * Refreshing a grant at the provider, for access tokens on demand and for a narrower token, and
 * recording it when the provider says the grant is gone.
 */
export class TokenRefresher {
  constructor(
    private readonly configurations: ConfigurationCache,
    private readonly fetch: typeof globalThis.fetch,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly emit: Emit,
    /** Told when a provider ended a grant: the person hears of it even with the window closed. */
    private readonly notify?: Notifier,
  ) {}

  /**
   * Refreshes with `refreshToken`, read the provider's way; `scopes` asks for a narrower token, and
   * `account: false` skips the account lookup (a plain renewal keeps the connection's account).
   * A refusal is thrown as the provider said it (see isGrantGone).
   * @see RFC 6749 §6
   */
  async refresh(provider: ConnectableProvider, refreshToken: string, options: { scopes?: readonly string[]; account?: false } = {}): Promise<TokenSet> {
    const config = await configure(provider, this.configurations);
    const session = providerSession(provider, this.fetch);
    const scope = options.scopes === undefined ? undefined : formatScopes(provider.info, options.scopes);
    const read = options.account === false ? { account: false } : {};
    return refreshTokens(config, refreshToken, scope, (response) => readTokens(response, config, session, read)).catch((error: unknown) => {
      throw providerFailure(error, 'token refresh', provider.protocol, provider.info);
    });
  }

  /**
   * Records that the provider no longer honours the grant: disconnected, nothing granted, the
   * tokens deleted, `restore` = what was granted, and a history entry saying when and why (and
   * that the daily check found it, when `background`; with the provider's hint for this client,
   * such as Google's 7 days for an own app in "Testing"); then a 'grant-ended' notification.
   */
  async markRevoked(record: ConnectionRecord, provider: ConnectableProvider, error: ScopekeeperError, background = false): Promise<ScopekeeperError> {
    const at = this.clock.now().toISOString();
    const said = [error.details?.error, error.details?.error_description].filter((part) => typeof part === 'string').join(': ');
    const found = background ? ' Found by Scopekeeper’s daily check in the background.' : '';
    const hint = provider.protocol.grantGoneHint?.(provider.client);
    const reason = `${provider.info.name} refused Scopekeeper’s saved access${said ? ` (${said})` : ''}: the grant was revoked there, or it expired.${hint ? ` ${hint}` : ''}${found}`;
    const revoked: ConnectionRecord = {
      ...record,
      state: 'disconnected',
      restoreScopes: record.grantedScopes,
      grantedScopes: [],
      grantedAt: {},
      updatedAt: at,
      revokedAtProvider: { at, reason },
    };
    await this.vault.save(revoked, null, [
      historyEntry(record, provider.info.name, at, 'revoked-at-provider', record.grantedScopes, `${reason} Reconnect to restore ${record.grantedScopes.length} permission(s).`),
    ]);
    this.emit('grants:changed', { connectionId: record.id });
    this.notify?.show({
      kind: 'grant-ended',
      title: `${provider.info.name} access ended`,
      body: `${provider.info.name} no longer accepts Scopekeeper’s access to ${record.account}. Reconnect to use it again.`,
      opens: { connectionId: record.id },
    });
    return new ScopekeeperError('CONNECTION_REVOKED', `${provider.info.name} no longer accepts this connection. Reconnect to use it again.`, {
      providerName: provider.info.name,
      ...(typeof error.details?.error === 'string' ? { error: error.details.error } : {}),
    });
  }
}
