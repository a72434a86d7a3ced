import type { ProviderInfo } from '../../../shared/catalog';
import type { NamedScope } from '../../../shared/ipc/contract';
import { canonicalScope } from '../../../shared/scopes/format';
import type { ConnectionRecord, HistoryEntry } from '../vault/schema';
import { explainScopes } from './explain';
import { historyEntry } from './records';

/**
 * What a sign-in did to a connection that already existed, in words a person reads: which
 * permissions came back, and, for an account already connected, what it does not have.
 *
 * The rule (README, "Connecting an account that is already connected"): a sign-in never widens a
 * connection silently. Connect or Add another account that signs in an account already connected
 * leaves that connection as it is and offers Add permissions for what it lacks; Reconnect asks only
 * for what the connection has (or, disconnected, what it would restore); a provider that grants
 * more anyway is recorded as granted, and each permission that came back is named.
 */

/** Scopes with their titles, as the person reads them. */
export function namedScopes(info: ProviderInfo, scopes: readonly string[]): NamedScope[] {
  return explainScopes(info, scopes, []).map(({ scope, title }) => ({ scope, title }));
}

/** What a connection held before a sign-in: its grant, or (disconnected) what a reconnect restores. */
export function heldBefore(record: ConnectionRecord): string[] {
  return record.state === 'connected' ? record.grantedScopes : (record.restoreScopes ?? record.requestedScopes);
}

/** Granted now and not held before (compared as the provider spells them). */
export function scopesBeyond(info: ProviderInfo, before: readonly string[], now: readonly string[]): string[] {
  const had = new Set(before.map((scope) => canonicalScope(info, scope)));
  return now.filter((scope) => !had.has(canonicalScope(info, scope)));
}

/** "Came back: Manage files and who sees them (files:admin)." as a history entry; none when nothing did. */
export function cameBackEntry(record: Pick<ConnectionRecord, 'id' | 'providerId' | 'account'>, info: ProviderInfo, at: string, scopes: readonly string[]): HistoryEntry[] {
  if (scopes.length === 0) return [];
  const names = namedScopes(info, scopes).map(({ scope, title }) => `${title} (${scope})`);
  return [historyEntry(record, info.name, at, 'upgraded', scopes, `Came back: ${names.join(', ')}.`)];
}
