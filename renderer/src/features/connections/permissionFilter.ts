import type { ActionView, ConnectionView, ExplainedScope } from '../../../../shared/ipc/contract';
import { CATEGORY_LABELS, sortByCategory } from '../../ui/scopeLabels';

/** The query as matched: trimmed and lower-cased; empty means "not filtering". */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/**
 * Whether a granted scope matches the search: what a person reads about it (its title, its
 * sentence, what it includes), its category, or its raw string. "delete" finds the scopes whose
 * sentence says they can delete; "calendar" finds the calendar scopes.
 */
export function scopeMatches(scope: ExplainedScope, normalizedQuery: string): boolean {
  return normalizedQuery === '' || searchText(scope).includes(normalizedQuery);
}

/**
 * What a scope is searched by, lower-cased once per scope object (the views are replaced, never
 * changed, when connections reload): a keystroke then costs one `includes` per scope instead of
 * lower-casing six strings each time. Joined by newlines, which a query from the one-line search
 * field cannot contain, so no match spans two of the texts.
 */
const searchTexts = new WeakMap<ExplainedScope, string>();
function searchText(scope: ExplainedScope): string {
  let text = searchTexts.get(scope);
  if (text === undefined) {
    text = [scope.title, scope.sentence, ...scope.includes, scope.scope, scope.category, CATEGORY_LABELS[scope.category]].join('\n').toLowerCase();
    searchTexts.set(scope, text);
  }
  return text;
}

/** Whether an action ("Send email") matches the search, by its title. */
export function actionMatches(action: ActionView, normalizedQuery: string): boolean {
  return normalizedQuery === '' || action.title.toLowerCase().includes(normalizedQuery);
}

/** The granted scopes to show, sorted by category, filtered by the query. */
export function visibleGranted(granted: readonly ExplainedScope[], query: string): ExplainedScope[] {
  const normalized = normalizeQuery(query);
  return sortByCategory(granted.filter((scope) => scopeMatches(scope, normalized)));
}

/** How many of one connection's granted scopes match a normalized query. */
export function countMatchingIn(connection: Pick<ConnectionView, 'granted'>, normalizedQuery: string): number {
  let shown = 0;
  for (const scope of connection.granted) if (scopeMatches(scope, normalizedQuery)) shown += 1;
  return shown;
}

/** [matching, total] granted scopes over every connection, for "Showing n of m permissions". */
export function countMatching(connections: readonly Pick<ConnectionView, 'granted'>[], query: string): [number, number] {
  const normalized = normalizeQuery(query);
  let shown = 0;
  let total = 0;
  for (const connection of connections) {
    total += connection.granted.length;
    shown += countMatchingIn(connection, normalized);
  }
  return [shown, total];
}
