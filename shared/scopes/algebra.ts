import type { ActionInfo, ProviderInfo, ScopeInfo } from '../catalog';

/**
 * Set arithmetic on scopes, aware of which scope already covers which. Inputs are canonical
 * spellings (see `parseScopes`); scopes the catalog does not know imply nothing.
 */

type Reach = ReadonlyMap<string, ReadonlySet<string>>;
const reaches = new WeakMap<readonly ScopeInfo[], Reach>();

/** For every catalog scope, every scope it covers, directly or through others (itself excluded). */
function buildReach(scopes: readonly ScopeInfo[]): Reach {
  const direct = new Map(scopes.map((s) => [s.scope, s.implies ?? []]));
  const reach = new Map<string, Set<string>>();
  for (const { scope } of scopes) {
    const found = new Set<string>();
    const stack = [...(direct.get(scope) ?? [])];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === scope || found.has(next)) continue;
      found.add(next);
      stack.push(...(direct.get(next) ?? []));
    }
    reach.set(scope, found);
  }
  return reach;
}

function reachOf(provider: ProviderInfo): Reach {
  let reach = reaches.get(provider.scopes);
  if (reach === undefined) {
    reach = buildReach(provider.scopes);
    reaches.set(provider.scopes, reach);
  }
  return reach;
}

const coverers = new WeakMap<readonly ScopeInfo[], ReadonlyMap<string, readonly string[]>>();

/** For every catalog scope that another covers, the scopes that cover it: the reach turned around, built once per catalog. */
function coverersOf(provider: ProviderInfo): ReadonlyMap<string, readonly string[]> {
  let above = coverers.get(provider.scopes);
  if (above === undefined) {
    const built = new Map<string, string[]>();
    for (const [broader, below] of reachOf(provider)) {
      for (const narrower of below) {
        const list = built.get(narrower);
        if (list === undefined) built.set(narrower, [broader]);
        else list.push(broader);
      }
    }
    coverers.set(provider.scopes, (above = built));
  }
  return above;
}

/** Whether holding `broader` already gives everything `narrower` gives (and they differ). */
export function covers(provider: ProviderInfo, broader: string, narrower: string): boolean {
  return reachOf(provider).get(broader)?.has(narrower) ?? false;
}

/** Every catalog scope that holding `scope` already gives (directly or through others; itself excluded). */
export function includedScopes(provider: ProviderInfo, scope: string): string[] {
  return [...(reachOf(provider).get(scope) ?? [])];
}

function unique(scopes: Iterable<string>): string[] {
  return [...new Set(scopes)];
}

/** The scopes given, then everything they imply, each once. */
export function closure(provider: ProviderInfo, scopes: readonly string[]): string[] {
  const reach = reachOf(provider);
  return unique([...scopes, ...scopes.flatMap((s) => [...(reach.get(s) ?? [])])]);
}

/**
 * For each scope in `scopes` that another one in `scopes` covers, those others, in input order.
 * Linear in the input (each scope's catalog reach is walked once), not pairwise.
 */
export function coveredBy(provider: ProviderInfo, scopes: readonly string[]): Map<string, string[]> {
  const reach = reachOf(provider);
  const held = new Set(scopes);
  const by = new Map<string, string[]>();
  for (const broader of held) {
    for (const narrower of reach.get(broader) ?? []) {
      if (narrower === broader || !held.has(narrower)) continue;
      const list = by.get(narrower);
      if (list === undefined) by.set(narrower, [broader]);
      else list.push(broader);
    }
  }
  return by;
}

/** Granted scopes that another granted scope already covers: dropping them changes nothing. */
export function redundant(provider: ProviderInfo, granted: readonly string[]): string[] {
  const covered = coveredBy(provider, granted);
  return unique(granted).filter((s) => covered.has(s));
}

export interface ScopeDiff {
  add: string[];
  remove: string[];
}

/** What to add to and remove from `from` to get `to`, as sets; order follows the inputs. */
export function diff(from: readonly string[], to: readonly string[]): ScopeDiff {
  const fromSet = new Set(from);
  const toSet = new Set(to);
  return {
    add: unique(to.filter((s) => !fromSet.has(s))),
    remove: unique(from.filter((s) => !toSet.has(s))),
  };
}

/** `scopes` with `change` applied: removals first, then additions at the end. */
export function applyDiff(scopes: readonly string[], change: ScopeDiff): string[] {
  const removed = new Set(change.remove);
  return unique([...scopes.filter((s) => !removed.has(s)), ...change.add]);
}

const actionIndexes = new WeakMap<readonly ActionInfo[], ReadonlyMap<string, ActionInfo>>();

/** The provider's actions by id (the first of a repeated id, as a search would find), built once per catalog list. */
function actionIndex(provider: ProviderInfo): ReadonlyMap<string, ActionInfo> {
  let index = actionIndexes.get(provider.actions);
  if (index === undefined) {
    const built = new Map<string, ActionInfo>();
    for (const action of provider.actions) if (!built.has(action.id)) built.set(action.id, action);
    actionIndexes.set(provider.actions, (index = built));
  }
  return index;
}

/** Every scope the given actions ask for, each once, in order. Throws on an action id the provider does not list. */
function scopesOfActions(provider: ProviderInfo, actionIds: readonly string[]): Set<string> {
  const index = actionIndex(provider);
  const needed = new Set<string>();
  for (const id of actionIds) {
    const action = index.get(id);
    if (action === undefined) throw new Error(`No action "${id}" for provider "${provider.id}"`);
    for (const scope of action.scopes) needed.add(scope);
  }
  return needed;
}

/** The provider's action with this id, if it lists one (found through an index, not a search). */
export function actionById(provider: ProviderInfo, actionId: string): ActionInfo | undefined {
  return actionIndex(provider).get(actionId);
}

/**
 * Which granted scopes a call used, given the scopes its action needs: each need held itself, or
 * else the granted scopes that cover it (in grant order). Built once per grant, then linear in the
 * needs: "Used by" and the review both count a call this way.
 */
export function grantedScopesUsed(provider: ProviderInfo | undefined, granted: readonly string[]): (needs: readonly string[]) => string[] {
  const held = new Set(granted);
  const coverers = new Map<string, string[]>();
  if (provider !== undefined) {
    const reach = reachOf(provider);
    for (const broader of held) {
      for (const narrower of reach.get(broader) ?? []) {
        const list = coverers.get(narrower);
        if (list === undefined) coverers.set(narrower, [broader]);
        else list.push(broader);
      }
    }
  }
  return (needs) => unique(needs.flatMap((need) => (held.has(need) ? [need] : (coverers.get(need) ?? []))));
}

/**
 * The fewest scopes that cover the given actions: every scope they need, less those another
 * needed scope already covers. Throws on an action id the provider does not list. Linear in the
 * actions' scopes and their catalog reach (bench: scripts/bench/advisor.ts).
 */
export function minimalCover(provider: ProviderInfo, actionIds: readonly string[]): string[] {
  const needed = scopesOfActions(provider, actionIds);
  const above = coverersOf(provider);
  const cover: string[] = [];
  for (const scope of needed) {
    const broader = above.get(scope);
    if (broader === undefined || !broader.some((b) => needed.has(b))) cover.push(scope);
  }
  return cover;
}

/**
 * Granted scopes no used action asks for (identity scopes aside): the app holds more than the
 * actions it uses need, e.g. gmail.modify when it only reads mail.
 */
export function broaderThanNeeded(
  provider: ProviderInfo,
  granted: readonly string[],
  usedActionIds: readonly string[],
): string[] {
  const needed = scopesOfActions(provider, usedActionIds);
  const identity = new Set(provider.identityScopes);
  return unique(granted).filter((s) => !needed.has(s) && !identity.has(s));
}

export interface ActionStatus {
  action: ActionInfo;
  available: boolean;
  /** The action's scopes the grant does not cover. */
  missing: string[];
}

/** For every action of the provider, whether the grant (with what it implies) covers it. */
export function actionStatus(provider: ProviderInfo, granted: readonly string[]): ActionStatus[] {
  const held = new Set(closure(provider, granted));
  return provider.actions.map((action) => {
    const missing = action.scopes.filter((s) => !held.has(s));
    return { action, available: missing.length === 0, missing };
  });
}
