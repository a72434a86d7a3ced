import type { AccessLevel, Category, Sensitivity } from '../../../../shared/catalog/types';
import type { ProviderView, ScopeOption } from '../../../../shared/ipc/contract';
import type { ConnectionListItem, ListedScope } from '../../store';

/** The Settings filters; '' means "all". */
export interface PermissionFilters {
  providerId: string;
  category: Category | '';
  access: AccessLevel | '';
  sensitivity: Sensitivity | '';
}

export const NO_FILTERS: PermissionFilters = { providerId: '', category: '', access: '', sensitivity: '' };

/** True when any filter narrows the table. */
export function isFiltering(filters: PermissionFilters): boolean {
  return filters.providerId !== '' || filters.category !== '' || filters.access !== '' || filters.sensitivity !== '';
}

/** One row of "All granted permissions": a granted scope of a connected account. */
export interface PermissionRow {
  connectionId: string;
  providerName: string;
  account: string;
  scope: ListedScope;
}

/** Every granted scope of every connected account that matches the filters, in list order. */
export function permissionRows(connections: readonly ConnectionListItem[], filters: PermissionFilters): PermissionRow[] {
  return connections
    .filter((c) => c.state === 'connected' && (filters.providerId === '' || c.providerId === filters.providerId))
    .flatMap((c) =>
      c.granted
        .filter(
          (s) =>
            (filters.category === '' || s.category === filters.category) &&
            (filters.access === '' || s.access === filters.access) &&
            (filters.sensitivity === '' || s.sensitivity === filters.sensitivity),
        )
        .map((scope) => ({ connectionId: c.id, providerName: c.providerName, account: c.account, scope })),
    );
}

/** The providers that have a connection, once each, in the order their first connection is listed. */
export function connectedProviders(connections: readonly ConnectionListItem[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const c of connections) if (!seen.has(c.providerId)) seen.set(c.providerId, c.providerName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** What can still be added to a connection: its provider's options it has not been granted. */
export function addableOptions(
  connections: readonly ConnectionListItem[],
  providers: readonly ProviderView[],
  connectionId: string,
): ScopeOption[] {
  const connection = connections.find((c) => c.id === connectionId);
  if (connection === undefined) return [];
  const options = providers.find((p) => p.id === connection.providerId)?.scopeOptions ?? [];
  return options.filter((o) => !connection.grantedScopes.includes(o.scope));
}
