import { ATLASSIAN } from './atlassian';
import { GITHUB } from './github';
import { GOOGLE } from './google';
import { lookupIn } from './lookup';
import { MICROSOFT } from './microsoft';
import { OIDC_STANDARD_SCOPES } from './oidc';
import { SANDBOX_SCOPES, sandboxProvider } from './sandbox';
import { genericProvider } from './generic';
import { SLACK } from './slack';
import type { ProviderInfo, ScopeFormat, ScopeInfo } from './types';

export type * from './types';
export { ACCESS_LEVELS, ACTION_EFFECTS, CATEGORIES, HTTP_METHODS, SENSITIVITIES } from './types';
export { genericProvider, type GenericProviderOptions } from './generic';
export { sandboxApiBase, sandboxProvider, SANDBOX_CLIENT_ID, SANDBOX_SCOPES } from './sandbox';
export { actionCovering, matchOperation, parseTemplate, resolveOperationUrl, templateMatches, unsafePath } from './operations';
export { OIDC_STANDARD_SCOPES } from './oidc';
export { GRAPH_RESOURCE } from './microsoft';
export { lookupScope, scopeKey, stripResource } from './lookup';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The providers with fixed endpoints. The sandbox (endpoints from where it runs) comes from
 * `sandboxProvider(issuer)`, any other server from `genericProvider(...)`. Frozen: share, never edit.
 */
export const CATALOG: readonly ProviderInfo[] = deepFreeze([GOOGLE, MICROSOFT, SLACK, GITHUB, ATLASSIAN]);

export function getProvider(id: string): ProviderInfo | undefined {
  return CATALOG.find((p) => p.id === id);
}

/**
 * The ids of the actions this build's catalog describes for a provider (the Sandbox's, a catalog
 * provider's, else a server the person added: the generic ones).
 */
export function catalogActionIds(providerId: string): string[] {
  const info = providerId === 'sandbox' ? sandboxProvider('http://127.0.0.1') : (getProvider(providerId) ?? genericProvider({ id: providerId, name: providerId, issuer: 'http://127.0.0.1', authorizationEndpoint: '', tokenEndpoint: '' }));
  return info.actions.map((action) => action.id);
}

const PLAIN_FORMAT: ScopeFormat = { requestSeparator: ' ', responseSeparator: ' ', scopeParam: 'scope' };

/**
 * The catalog entry for `scope` at `providerId`, matching aliases and resource-qualified names.
 * 'sandbox' uses the sandbox's scopes; any id not in the catalog (a generic server) is explained
 * with the OpenID Connect standard scopes only.
 */
export function findScope(providerId: string, scope: string): ScopeInfo | undefined {
  const provider = getProvider(providerId);
  if (provider !== undefined) return lookupIn(provider.scopes, provider.scopeFormat, scope);
  const scopes = providerId === 'sandbox' ? SANDBOX_SCOPES : OIDC_STANDARD_SCOPES;
  return lookupIn(scopes, PLAIN_FORMAT, scope);
}
