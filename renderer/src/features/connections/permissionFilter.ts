import type { ActionView } from '../../../../shared/ipc/contract';
import type { ListedScope } from '../../store';
import { compileQuery, indexMatches, indexTexts } from '../../../../shared/search/match';
import type { SearchIndex, SearchQuery } from '../../../../shared/search/match';
import { CATEGORY_LABELS, sortByCategory } from '../../ui/scopeLabels';

/** The query as matched: trimmed and lower-cased; empty means "not filtering". */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/**
 * The query's words and their stems (shared/search/match.ts), compiled once per query: a keystroke
 * asks every scope of every connection, always with the same query.
 */
let lastQuery: { text: string; compiled: SearchQuery } = { text: '', compiled: compileQuery('') };
export function searchQuery(query: string): SearchQuery {
  if (query !== lastQuery.text) lastQuery = { text: query, compiled: compileQuery(query) };
  return lastQuery.compiled;
}

/**
 * Whether a granted scope matches the search: what a person reads about it (its title, its
 * sentence, what it includes), its category, or its raw string, each word of the query by its
 * letters or its stem. "delete" finds the scopes whose sentence says "deleting"; "calendar" finds
 * the calendar scopes.
 */
export function scopeMatches(scope: ListedScope, normalizedQuery: string): boolean {
  return normalizedQuery === '' || indexMatches(scopeIndex(scope), searchQuery(normalizedQuery));
}

/**
 * What a scope is searched by, indexed once per scope object (the views are replaced, never
 * changed, when connections reload): a keystroke then costs a few lookups per scope.
 */
const scopeIndexes = new WeakMap<ListedScope, SearchIndex>();
function scopeIndex(scope: ListedScope): SearchIndex {
  let index = scopeIndexes.get(scope);
  if (index === undefined) {
    index = indexTexts([scope.title, scope.sentence, ...scope.includes, scope.scope, scope.category, CATEGORY_LABELS[scope.category]]);
    scopeIndexes.set(scope, index);
  }
  return index;
}

const actionIndexes = new WeakMap<ActionView, SearchIndex>();

/** Whether an action ("Send email") matches the search, by its title, with the same rules. */
export function actionMatches(action: ActionView, normalizedQuery: string): boolean {
  if (normalizedQuery === '') return true;
  let index = actionIndexes.get(action);
  if (index === undefined) {
    index = indexTexts([action.title]);
    actionIndexes.set(action, index);
  }
  return indexMatches(index, searchQuery(normalizedQuery));
}

/** The granted scopes to show, sorted by category, filtered by the query. */
export function visibleGranted<S extends ListedScope>(granted: readonly S[], query: string): S[] {
  const normalized = normalizeQuery(query);
  return sortByCategory(granted.filter((scope) => scopeMatches(scope, normalized)));
}

/** How many of one connection's granted scopes match a normalized query. */
export function countMatchingIn(connection: { readonly granted: readonly ListedScope[] }, normalizedQuery: string): number {
  let shown = 0;
  for (const scope of connection.granted) if (scopeMatches(scope, normalizedQuery)) shown += 1;
  return shown;
}

/** [matching, total] granted scopes over every connection, for "Showing n of m permissions". */
export function countMatching(connections: readonly { readonly granted: readonly ListedScope[] }[], query: string): [number, number] {
  const normalized = normalizeQuery(query);
  let shown = 0;
  let total = 0;
  for (const connection of connections) {
    total += connection.granted.length;
    shown += countMatchingIn(connection, normalized);
  }
  return [shown, total];
}
