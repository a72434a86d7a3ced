/** Scope lists keep the first spelling and order, drop blanks and duplicates. */
export function uniqueScopes(scopes: Iterable<string>): string[] {
  return [...new Set([...scopes].map((s) => s.trim()).filter(Boolean))];
}

/** Asked for, but not in the grant. */
export function notGranted(requested: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted);
  return requested.filter((s) => !have.has(s));
}
