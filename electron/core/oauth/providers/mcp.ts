import type * as oidc from 'openid-client';
import { generic } from './generic';
import type { ProviderProtocol } from './types';

/**
 * A remote MCP server's authorization server: the standard behaviour, with every token bound to the
 * one resource the server is (RFC 8707), as the MCP authorization spec requires: `resource` on the
 * authorization request and on every token request (code exchange, refresh, a narrowing refresh,
 * the device grant), whoever makes it. The module is made per server, so its configurations (and
 * their fetch) are never shared with another server's, even on the same authorization server with
 * the same client.
 * @see RFC 8707 §2.1, §2.2; https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#resource-parameter-implementation
 */
export function mcpProtocol(resource: string): ProviderProtocol {
  return {
    ...generic,
    // Tells configurations apart (configure.ts keys its cache on it), so each carries its own resource.
    id: `mcp ${resource}`,
    fetch: (base) => withResource(base, resource),
    authorizationParams: (info, options) => ({ ...generic.authorizationParams(info, options), resource }),
  };
}

/** Sets `resource` on every grant request to the token endpoint (a form with `grant_type`); revocation and the rest are left as they are. */
export function withResource(base: typeof fetch, resource: string): oidc.CustomFetch {
  return ((url: string, options: oidc.CustomFetchOptions) => {
    const body = options.body;
    if (options.method === 'POST' && body instanceof URLSearchParams && body.has('grant_type')) body.set('resource', resource);
    return base(url, options as RequestInit);
  }) as oidc.CustomFetch;
}
