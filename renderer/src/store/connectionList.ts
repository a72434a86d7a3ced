import type { ConnectionList, ConnectionView, ExplainedScope, GrantedFacts, ScopeMeaning } from '../../../shared/ipc/contract';

/**
 * A connection as the list holds it: its summary, with its granted and not-granted scopes
 * explained from its provider's meanings. What only the detail shows (actions, history, what a
 * reconnect restores) comes with the full view, asked for when the connection is shown.
 */
export type ConnectionListItem = Omit<ConnectionView, 'requestedScopes' | 'restore' | 'actions' | 'history' | 'granted' | 'notGranted'> & {
  readonly granted: ListedScope[];
  readonly notGranted: ListedScope[];
  /** What the sidebar's line says ("14 permissions · 10 sensitive"), counted without explaining each scope. */
  readonly counts: GrantCounts;
};

/**
 * A scope as the list explains it: its meaning, and when and for how long this connection holds
 * it. Which granted scopes already include it is the detail's to say (the full view's
 * ExplainedScope); the list, its search and Settings do not show it.
 */
export type ListedScope = Omit<ExplainedScope, 'redundantWith'>;

/**
 * The list's items from grants:list's answer. Scopes are looked up in Maps (a scope may be called
 * `__proto__`); a scope without a meaning (its provider is not known here) is left out, as the
 * full view leaves it out. Each explained scope is the meaning's fields and the connection's own
 * facts (when granted, for how long), as in the full view.
 *
 * The explained lists and the counts are worked out when first read: at start the window explains
 * only the connection it shows, and the sidebar's rows read the counts, which look each scope's
 * meaning up and build nothing. Their getters are shared by every item (LAZY_LISTS), each item
 * keeping what they need in one record of its own, out of sight: no closures per item.
 */
export function listItems(list: ConnectionList): ConnectionListItem[] {
  const meanings = new Map(list.meanings.map(({ providerId, scopes }) => [providerId, new Map(scopes.map((meaning) => [meaning.scope, meaning]))]));
  return list.connections.map(({ grantedFacts, ...summary }) => {
    const item = Object.defineProperties(summary, LAZY_LISTS) as Held;
    Object.defineProperty(item, LAZY, { value: { known: meanings.get(summary.providerId), facts: grantedFacts } satisfies Lazy });
    return item;
  });
}

/** What an item's lazy lists are worked out from, and each once it is. */
interface Lazy {
  readonly known: ReadonlyMap<string, ScopeMeaning> | undefined;
  readonly facts: readonly (GrantedFacts | null)[] | undefined;
  granted?: ListedScope[];
  notGranted?: ListedScope[];
  counts?: GrantCounts;
}
const LAZY = Symbol('lazy');
type Held = ConnectionListItem & { readonly [LAZY]: Lazy };

const LAZY_LISTS = {
  granted: {
    enumerable: true,
    get(this: Held): ListedScope[] {
      const lazy = this[LAZY];
      return (lazy.granted ??= explain(lazy.known, this.grantedScopes, { facts: lazy.facts, connectedAt: this.connectedAt }));
    },
  },
  notGranted: {
    enumerable: true,
    get(this: Held): ListedScope[] {
      const lazy = this[LAZY];
      return (lazy.notGranted ??= explain(lazy.known, this.notGrantedScopes));
    },
  },
  counts: {
    enumerable: true,
    get(this: Held): GrantCounts {
      const lazy = this[LAZY];
      return (lazy.counts ??= grantCounts(this.grantedScopes.flatMap((scope) => lazy.known?.get(scope) ?? [])));
    },
  },
} satisfies PropertyDescriptorMap;

/** Scopes explained from their provider's meanings; granted ones with their facts (a date left out is the connection's own). */
function explain(
  known: ReadonlyMap<string, ScopeMeaning> | undefined,
  scopes: readonly string[],
  granted?: { facts: readonly (GrantedFacts | null)[] | undefined; connectedAt: string },
): ListedScope[] {
  return scopes.flatMap((scope, index) => {
    const meaning = known?.get(scope);
    if (meaning === undefined) return [];
    if (granted === undefined) return [meaning];
    const { grantedAt = granted.connectedAt, timeBox } = granted.facts?.[index] ?? {};
    return [{ ...meaning, ...(grantedAt !== null ? { grantedAt } : {}), ...(timeBox ? { timeBox } : {}) }];
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

/*
 * Lookups in a list the store holds, worked out once per list: the store replaces the list and
 * never changes it in place. The sidebar's rows run them on every store update; mapping the list,
 * or searching it with a new closure, each time allocated most of what the window made while it
 * started (and the scavenges that follow).
 */
const idsOf = new WeakMap<readonly ConnectionListItem[], string[]>();
const byIdOf = new WeakMap<readonly ConnectionListItem[], ReadonlyMap<string, ConnectionListItem>>();

/** The list's ids in its order, the same array for the same list. */
export function connectionIds(connections: readonly ConnectionListItem[]): string[] {
  let ids = idsOf.get(connections);
  if (ids === undefined) idsOf.set(connections, (ids = connections.map((c) => c.id)));
  return ids;
}

/** The list's item with this id. */
export function listedConnection(connections: readonly ConnectionListItem[], connectionId: string): ConnectionListItem | undefined {
  let byId = byIdOf.get(connections);
  if (byId === undefined) byIdOf.set(connections, (byId = new Map(connections.map((c) => [c.id, c]))));
  return byId.get(connectionId);
}

/** The list's item for a connection whose full view the main process just answered with. */
export function listItemOf(view: ConnectionView): ConnectionListItem {
  const { requestedScopes: _requested, restore: _restore, actions: _actions, history: _history, granted, notGranted, ...rest } = view;
  // As the list's own items: which granted scopes include another stays with the detail.
  const listed = (scopes: readonly ExplainedScope[]): ListedScope[] => scopes.map(({ redundantWith: _detailOnly, ...scope }) => scope);
  return { ...rest, granted: listed(granted), notGranted: listed(notGranted), counts: grantCounts(granted) };
}
