import { lookupScope, scopeKey, stripResource } from '../catalog';
import type { ProviderInfo } from '../catalog';

/**
 * Scope strings in and out of the wire format each provider uses.
 *
 * @see RFC 6749 §3.3 (scope is a list of space-delimited, case-sensitive strings; providers differ)
 */

/**
 * The catalog spelling of `scope` at this provider: aliases map to their scope, Microsoft's
 * `https://graph.microsoft.com/Mail.Read` (any case) becomes `Mail.Read`. A scope the catalog does
 * not know is kept as given, trimmed and without the provider's resource prefix.
 */
export function canonicalScope(provider: ProviderInfo, scope: string): string {
  const trimmed = scope.trim();
  return lookupScope(provider, trimmed)?.scope ?? stripResource(provider.scopeFormat, trimmed);
}

/** Canonical spellings, empty ones dropped, first occurrence kept (by the provider's case rule). */
function canonicalList(provider: ProviderInfo, scopes: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of scopes) {
    const scope = canonicalScope(provider, raw);
    const key = scopeKey(provider.scopeFormat, scope);
    if (scope === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(scope);
  }
  return out;
}

/**
 * Splits a granted-scope string. Space-separated providers split on whitespace only (RFC 6749
 * allows commas inside a scope); comma-separated ones (GitHub, Slack) split on commas and
 * whitespace, since GitHub writes "repo, user" in headers and their scope names hold neither.
 */
function splitScopes(provider: ProviderInfo, raw: string): string[] {
  const separator = provider.scopeFormat.responseSeparator === ',' ? /[\s,]+/ : /\s+/;
  return raw.split(separator);
}

/** The scopes in a token response's `scope` (or a header), canonical, deduplicated, in order. */
export function parseScopes(provider: ProviderInfo, raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return canonicalList(provider, splitScopes(provider, raw));
}

/** The value of the authorization request's scope parameter (`scopeFormat.scopeParam`). */
export function formatScopes(provider: ProviderInfo, scopes: readonly string[]): string {
  return canonicalList(provider, scopes).join(provider.scopeFormat.requestSeparator);
}

/**
 * What the provider actually granted. An absent `scope` means "as requested" (RFC 6749 §3.3,
 * §5.1); a present but empty one means nothing was granted (GitHub, when the person unticked
 * everything). Each provider's protocol module decides which a token response says: a standard
 * server's blank `scope` is passed here as absent. A refresh token issued after `offline_access`
 * was asked is that scope granted even when the response leaves it out, as Microsoft always does.
 *
 * @see RFC 6749 §3.3, §5.1; OpenID Connect Core 1.0 §11
 */
export function effectiveGranted(
  provider: ProviderInfo,
  requested: readonly string[],
  grantedRaw: string | undefined,
  hasRefreshToken: boolean,
): string[] {
  const asked = canonicalList(provider, requested);
  if (grantedRaw === undefined) return asked;
  const granted = parseScopes(provider, grantedRaw);
  const offline = 'offline_access';
  if (hasRefreshToken && asked.includes(offline) && !granted.includes(offline)) granted.push(offline);
  return granted;
}
