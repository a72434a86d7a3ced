import type { ConnectionView, ExplainedScope } from '../../../../shared/ipc/contract';
import { CATEGORY_LABELS, sortByCategory } from '../../ui/scopeLabels';

/** The query as matched: trimmed and lower-cased; empty means "not filtering". */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/**
 * Whether a granted scope matches the search: its title, its raw string or its category name.
 * Not the sentence or the includes, so "calendar" does not pull in every scope that mentions one.
 */
export function scopeMatches(scope: ExplainedScope, normalizedQuery: string): boolean {
  if (normalizedQuery === '') return true;
  return [scope.title, scope.scope, scope.category, CATEGORY_LABELS[scope.category]].some((text) =>
    text.toLowerCase().includes(normalizedQuery),
  );
}

/** The granted scopes to show, sorted by category, filtered by the query. */
export function visibleGranted(granted: readonly ExplainedScope[], query: string): ExplainedScope[] {
  const normalized = normalizeQuery(query);
  return sortByCategory(granted.filter((scope) => scopeMatches(scope, normalized)));
}

/** [matching, total] granted scopes over every connection, for "Showing n of m permissions". */
export function countMatching(connections: readonly ConnectionView[], query: string): [number, number] {
  const normalized = normalizeQuery(query);
  let shown = 0;
  let total = 0;
  for (const connection of connections) {
    total += connection.granted.length;
    for (const scope of connection.granted) if (scopeMatches(scope, normalized)) shown += 1;
  }
  return [shown, total];
}
