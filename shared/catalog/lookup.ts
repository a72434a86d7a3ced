import type { ProviderInfo, ScopeFormat, ScopeInfo } from './types';

/**
 * Finding the catalog entry a scope string names: its own spelling or an alias, with the
 * provider's resource prefix removed, case-insensitively where the provider is.
 */

/**
 * The provider's resource prefix removed, when the scope carries it (any letter case). Names that
 * only mean something qualified, such as Microsoft's `https://graph.microsoft.com/.default`, stay.
 */
export function stripResource(format: ScopeFormat, scope: string): string {
  const { resource } = format;
  if (resource === undefined || scope.length <= resource.length) return scope;
  const rest = scope.slice(resource.length);
  const qualified = scope.slice(0, resource.length).toLowerCase() === resource.toLowerCase();
  return qualified && !rest.startsWith('.') ? rest : scope;
}

/** The key two spellings of one scope share: trimmed, bare, lower-cased if the provider ignores case. */
export function scopeKey(format: ScopeFormat, scope: string): string {
  const bare = stripResource(format, scope.trim());
  return format.caseInsensitive === true ? bare.toLowerCase() : bare;
}

type Index = ReadonlyMap<string, ScopeInfo>;
const indexes = new WeakMap<readonly ScopeInfo[], { keyFormat: string; index: Index }>();

function buildIndex(scopes: readonly ScopeInfo[], format: ScopeFormat): Index {
  const index = new Map<string, ScopeInfo>();
  for (const info of scopes) {
    for (const spelling of [info.scope, ...(info.aliases ?? [])]) {
      index.set(scopeKey(format, spelling), info);
    }
  }
  return index;
}

/** The entry in `scopes` that `scope` names, if any. Indexes are cached per scope list. */
export function lookupIn(scopes: readonly ScopeInfo[], format: ScopeFormat, scope: string): ScopeInfo | undefined {
  // Only the resource and case rule shape the keys; rebuild if the same list is read another way.
  const keyFormat = `${format.resource ?? ''}|${format.caseInsensitive === true}`;
  let cached = indexes.get(scopes);
  if (cached?.keyFormat !== keyFormat) {
    cached = { keyFormat, index: buildIndex(scopes, format) };
    indexes.set(scopes, cached);
  }
  return cached.index.get(scopeKey(format, scope));
}

/** The provider's catalog entry for `scope` (catalog spelling, alias, or resource-qualified). */
export function lookupScope(provider: ProviderInfo, scope: string): ScopeInfo | undefined {
  return lookupIn(provider.scopes, provider.scopeFormat, scope);
}
