import type { ProviderInfo } from '../../../shared/catalog';
import { connectionIdSchema, grantedFactsOf, scopeSchema, type ConnectionList, type ConnectionSummary, type ProviderMeanings, type ScopeMeaning } from '../../../shared/ipc/contract';
import type { ConnectionRecord } from '../vault/schema';
import { explainScopes } from './explain';
import { notGranted } from './scopes';

/** What the list needs of the provider registry: a provider's catalog entry and its name. */
export interface ProviderLookup {
  info(providerId: string): ProviderInfo | undefined;
  name(providerId: string): string;
}

/** One connection as the list shows it, built from its record alone (no history, no actions). */
export function connectionSummary(record: ConnectionRecord, providerName: string): ConnectionSummary {
  const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined => (map && Object.hasOwn(map, key) ? map[key] : undefined);
  const granted = record.grantedScopes.map((scope) => ({ grantedAt: own(record.grantedAt, scope), timeBox: own(record.scopeTimeBoxes, scope) }));
  return {
    id: record.id,
    providerId: record.providerId,
    providerName,
    account: record.account,
    ...(record.sites ? { sites: record.sites } : {}),
    connectedAt: record.connectedAt,
    updatedAt: record.updatedAt,
    state: record.state,
    grantedScopes: record.grantedScopes,
    notGrantedScopes: record.state === 'connected' ? notGranted(record.requestedScopes, record.grantedScopes) : [],
    ...grantedFactsOf(granted, record.connectedAt),
    ...(record.revokedAtProvider ? { revokedAtProvider: record.revokedAtProvider } : {}),
    ...(record.timeBox ? { timeBox: record.timeBox } : {}),
    ...(record.sessionOnly ? { sessionOnly: true as const } : {}),
    ...(record.takeBackAsked ? { takeBackAsked: record.takeBackAsked } : {}),
  };
}

/**
 * Each scope the summaries hold, explained once per provider. Only scopes and providers within the
 * contract's limits: a saved connection that breaks them is shown as damaged, and must not take
 * the whole list with it.
 */
function meaningsOf(summaries: readonly ConnectionSummary[], providers: ProviderLookup): ProviderMeanings[] {
  const scopesByProvider = new Map<string, Set<string>>();
  for (const summary of summaries) {
    let scopes = scopesByProvider.get(summary.providerId);
    if (scopes === undefined) scopesByProvider.set(summary.providerId, (scopes = new Set()));
    for (const scope of summary.grantedScopes) scopes.add(scope);
    for (const scope of summary.notGrantedScopes) scopes.add(scope);
  }
  const meanings: ProviderMeanings[] = [];
  for (const [providerId, scopes] of scopesByProvider) {
    const info = providers.info(providerId);
    if (info === undefined || !connectionIdSchema.safeParse(providerId).success) continue;
    const within = [...scopes].filter((scope) => scopeSchema.safeParse(scope).success);
    const explained = explainScopes(info, within, []).map(({ redundantWith: _connectionOwn, ...meaning }): ScopeMeaning => meaning);
    meanings.push({ providerId, scopes: explained });
  }
  return meanings;
}

/**
 * The list the window starts with: one summary per saved connection, each built once, and the
 * meanings of their scopes once per provider. Unchecked here: the IPC edge checks each summary once
 * against the contract, which turns one that breaks the limits into the damaged placeholder.
 */
export function connectionList(records: readonly ConnectionRecord[], providers: ProviderLookup): ConnectionList {
  const connections = records
    // Ids are ours (random UUIDs); one that breaks the contract could not even be removed.
    .filter((record) => connectionIdSchema.safeParse(record.id).success)
    .map((record) => connectionSummary(record, providers.name(record.providerId)));
  return { connections, meanings: meaningsOf(connections, providers) };
}
