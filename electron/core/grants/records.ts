import { randomUUID } from 'node:crypto';
import type { ConnectionRecord, HistoryEntry } from '../vault/schema';
import type { TokenSet } from '../oauth/client';
import type { TokenSecret } from '../vault/schema';
import type { ProviderInfo } from '../../../shared/catalog';
import { broaderThanAsked } from './intake';

/** "1 permission", "3 permissions": history is read by people, so no "permission(s)". */
export function permissionCount(n: number): string {
  return `${n} ${n === 1 ? 'permission' : 'permissions'}`;
}

/** The part of a token response that is sealed in the vault. */
export function toSecret(tokens: TokenSet): TokenSecret {
  return {
    accessToken: tokens.accessToken,
    tokenType: tokens.tokenType,
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    ...(tokens.idToken ? { idToken: tokens.idToken } : {}),
    ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
  };
}

/** Keeps the first-granted time of scopes still granted; stamps new ones with `now`. */
export function stampGranted(previous: Record<string, string>, granted: readonly string[], now: string): Record<string, string> {
  // A scope a provider calls `__proto__` is a key like any other, never the object's prototype.
  return Object.fromEntries(granted.map((scope) => [scope, (Object.hasOwn(previous, scope) ? previous[scope] : undefined) ?? now]));
}

export function historyEntry(
  record: Pick<ConnectionRecord, 'id' | 'providerId' | 'account'>,
  providerName: string,
  at: string,
  kind: HistoryEntry['kind'],
  scopes: readonly string[],
  message: string,
): HistoryEntry {
  return {
    id: randomUUID(),
    connectionId: record.id,
    providerId: record.providerId,
    providerName,
    account: record.account,
    at,
    kind,
    scopes: [...scopes],
    message,
  };
}

/** The history entry that flags a grant broader than what was asked for; none when it is not. */
export function broaderEntry(
  record: Pick<ConnectionRecord, 'id' | 'providerId' | 'account'>,
  info: ProviderInfo,
  at: string,
  asked: readonly string[],
  granted: readonly string[],
): HistoryEntry[] {
  const extra = broaderThanAsked(info, asked, granted);
  if (extra.length === 0) return [];
  return [historyEntry(record, info.name, at, 'broader-grant', extra, `${info.name} granted ${extra.length} permission(s) Scopekeeper did not ask for: ${extra.join(', ')}.`)];
}

/** Runs work for one connection at a time (RFC 9700: one refresh at a time per grant). */
export class ConnectionLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(connectionId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.tails.set(connectionId, next);
    void next.catch(() => undefined).finally(() => {
      if (this.tails.get(connectionId) === next) this.tails.delete(connectionId);
    });
    return next;
  }

  /** Whether work for this connection is running or queued (a change may be waiting for the person's consent). */
  busy(connectionId: string): boolean {
    return this.tails.has(connectionId);
  }
}
