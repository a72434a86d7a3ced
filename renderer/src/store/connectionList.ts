import type { ConnectionList, ConnectionView, ExplainedScope, GrantedFacts, ScopeMeaning } from '../../../shared/ipc/contract';

/**
 * A connection as the list holds it: its summary, with its granted and not-granted scopes
 * explained from its provider's meanings. What only the detail shows (actions, history, what a
 * reconnect restores) comes with the full view, asked for when the connection is shown.
 */
export type ConnectionListItem = Omit<ConnectionView, 'requestedScopes' | 'restore' | 'actions' | 'history'> & {
  /** What the sidebar's line says ("14 permissions · 10 sensitive"), counted without explaining each scope. */
  readonly counts: GrantCounts;
};

/**
 * The list's items from grants:list's answer. Scopes are looked up in Maps (a scope may be called
 * `__proto__`); a scope without a meaning (its provider is not known here) is left out, as the
 * full view leaves it out. Each explained scope is the meaning's fields and the connection's own
 * facts (when granted, for how long, which granted scopes include it), as in the full view.
 */
export function listItems(list: ConnectionList): ConnectionListItem[] {
  const meanings = new Map(list.meanings.map(({ providerId, scopes }) => [providerId, new Map(scopes.map((meaning) => [meaning.scope, meaning]))]));
  return list.connections.map(({ grantedFacts, ...summary }) => {
    const known = meanings.get(summary.providerId);
    // Granted scopes carry their facts (a date left out is the connection's own); the others have none.
    const explain = (scopes: readonly string[], facts?: readonly GrantedFacts[]): ExplainedScope[] =>
      scopes.flatMap((scope, index) => {
        const meaning: ScopeMeaning | undefined = known?.get(scope);
        if (meaning === undefined) return [];
        if (facts === undefined) return [{ ...meaning, redundantWith: [] }];
        const { redundantWith = [], grantedAt = summary.connectedAt, timeBox } = facts[index] ?? {};
        return [{ ...meaning, redundantWith, ...(grantedAt !== null ? { grantedAt } : {}), ...(timeBox ? { timeBox } : {}) }];
      });
    // Explained when first read: at start the window explains only the connection it shows; the
    // sidebar's rows read the counts, which look each scope's meaning up and build nothing.
    const item = { ...summary } as ConnectionListItem;
    once(item, 'granted', () => explain(summary.grantedScopes, grantedFacts));
    once(item, 'notGranted', () => explain(summary.notGrantedScopes));
    once(item, 'counts', () => grantCounts(summary.grantedScopes.flatMap((scope) => known?.get(scope) ?? [])));
    return item;
  });
}

/** How many permissions a connection holds, and how many of them are sensitive (restricted included) or admin. */
export interface GrantCounts {
  permissions: number;
  sensitive: number;
  admin: number;
}

/** The counts of explained scopes (a connection's granted ones). */
export function grantCounts(granted: readonly Pick<ExplainedScope, 'sensitivity' | 'access'>[]): GrantCounts {
  const counts = { permissions: 0, sensitive: 0, admin: 0 };
  for (const scope of granted) {
    counts.permissions += 1;
    if (scope.sensitivity !== 'basic') counts.sensitive += 1;
    if (scope.access === 'admin') counts.admin += 1;
  }
  return counts;
}

/** An enumerable property worked out on its first read, then kept. */
function once<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, key, { enumerable: true, get: () => (value ??= make()) });
}

/** The list's item for a connection whose full view the main process just answered with. */
export function listItemOf(view: ConnectionView): ConnectionListItem {
  const { requestedScopes: _requested, restore: _restore, actions: _actions, history: _history, ...rest } = view;
  const item = rest as ConnectionListItem;
  once(item, 'counts', () => grantCounts(view.granted));
  return item;
}
