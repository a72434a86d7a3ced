import type * as oidc from 'openid-client';
import type { OAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { ScopekeeperError, type ErrorCode } from '../../../shared/ipc/errors';
import { DEFAULT_REQUEST_TIMEOUT_SECONDS, discover } from '../oauth/client';
import { isLoopbackHttp } from '../security/urls';
import { loadMcpSdk, type McpSdk } from './mcpSdk';

/**
 * Finding out how a remote MCP server (Streamable HTTP) is signed in to, from its URL alone, as the
 * MCP authorization spec describes it
 * (https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization):
 * an `initialize` POST without a token; a `401` names the protected resource metadata
 * (`resource_metadata`, RFC 9728 §5.1) and perhaps the scopes to ask for (`scope`); without it the
 * path-inserted, then the root well-known URI (RFC 9728 §3.1); then the authorization server's own
 * metadata, RFC 8414 first and OpenID Connect Discovery second (openid-client, which checks the
 * issuer it names). A `2xx` to the probe is a server that needs no sign-in.
 *
 * Nothing here ever carries a token: it runs before there is one.
 */

/** Why a server cannot be added, for the window (`details.reason`); the message is the sentence. */
export type McpDiscoveryReason =
  | 'mcp-insecure-url'
  | 'mcp-unreachable'
  | 'mcp-not-mcp'
  | 'mcp-redirect'
  | 'mcp-no-resource-metadata'
  | 'mcp-bad-resource-metadata'
  | 'mcp-resource-mismatch'
  | 'mcp-no-authorization-server'
  | 'mcp-bad-authorization-server'
  | 'mcp-no-pkce'
  /** Refused when added (grants/mcpServers.ts): already there, or a server that signs in only apps registered with it. */
  | 'mcp-already-added'
  | 'mcp-needs-own-client';

/** A refusal with its reason; what was asked stays as it was. */
export function mcpRefusal(code: ErrorCode, reason: McpDiscoveryReason, message: string, details: Record<string, unknown> = {}): ScopekeeperError {
  return new ScopekeeperError(code, message, { ...details, reason, field: 'url' });
}

export type McpDiscovery =
  | { kind: 'open'; url: string }
  | {
      kind: 'oauth';
      url: string;
      /** The RFC 8707 resource to ask tokens for: the metadata's `resource`, verbatim, checked against `url`. */
      resource: string;
      /** The scopes the 401 named (asked for first), and those the metadata lists. */
      challengeScopes: string[];
      scopesSupported: string[];
      /** The authorization server's metadata, its issuer checked by openid-client. */
      server: oidc.ServerMetadata;
    };

/** Only https, or plain http to this computer; never credentials in the URL, never a fragment. */
export function assertMcpUrl(raw: string, what = 'address'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw mcpRefusal('INVALID_REQUEST', 'mcp-insecure-url', `That is not a web address: enter the server’s ${what} as https://…`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw mcpRefusal('INVALID_REQUEST', 'mcp-insecure-url', `Scopekeeper only connects to https servers (plain http only on this computer): check the ${what}.`);
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw mcpRefusal('INVALID_REQUEST', 'mcp-insecure-url', `The ${what} may not carry a user name, a password or a #fragment.`);
  }
  return url;
}

/** A scope list from a header or metadata: scope tokens only (RFC 6749 §3.3), bounded. */
export function scopeTokens(value: string | readonly unknown[] | undefined): string[] {
  const list = typeof value === 'string' ? value.split(' ') : (value ?? []);
  const valid = list.filter((s): s is string => typeof s === 'string' && /^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/.test(s));
  return [...new Set(valid)].slice(0, 200);
}

export interface DiscoveryOptions {
  fetch: typeof fetch;
  signal?: AbortSignal | undefined;
  timeoutSeconds?: number | undefined;
}

/** Everything about signing in to the server at `raw`, or a refusal that says what is wrong. */
export async function discoverMcpServer(raw: string, options: DiscoveryOptions): Promise<McpDiscovery> {
  const url = assertMcpUrl(raw);
  const timeout = options.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const fetchFn: typeof fetch = (input, init = {}) => {
    const limits = [AbortSignal.timeout(timeout * 1000), ...(options.signal ? [options.signal] : [])];
    return options.fetch(input, { ...init, signal: AbortSignal.any(limits) });
  };
  const mcp = await loadMcpSdk();
  const answer = await probe(mcp, url, fetchFn);
  if (answer.kind === 'open') return { kind: 'open', url: url.href };
  const metadata = await resourceMetadata(mcp, url, answer.metadataUrl, fetchFn);
  if (!mcp.authUtils.checkResourceAllowed({ requestedResource: url, configuredResource: metadata.resource })) {
    throw mcpRefusal('INVALID_REQUEST', 'mcp-resource-mismatch', `The server says it is ${metadata.resource}, not ${url.href}: Scopekeeper will not sign in to it for that address.`, {
      resource: metadata.resource,
    });
  }
  assertMcpUrl(metadata.resource, 'resource in its metadata');
  const issuer = metadata.authorization_servers?.[0];
  if (issuer === undefined) {
    throw mcpRefusal('PROVIDER_ERROR', 'mcp-no-authorization-server', `${url.host} asks for a sign-in but names no authorization server to sign in with.`);
  }
  assertMcpUrl(issuer, 'authorization server');
  const server = await authorizationServer(issuer, fetchFn, timeout);
  return {
    kind: 'oauth',
    url: url.href,
    resource: metadata.resource,
    challengeScopes: answer.scopes,
    scopesSupported: scopeTokens(metadata.scopes_supported),
    server,
  };
}

type ProbeAnswer = { kind: 'open' } | { kind: 'protected'; metadataUrl?: URL | undefined; scopes: string[] };

/** The MCP `initialize` request, without a token: what the server says to a stranger. */
async function probe(mcp: McpSdk, url: URL, fetchFn: typeof fetch): Promise<ProbeAnswer> {
  const body = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: mcp.types.LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'Scopekeeper', version: '1' } } };
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify(body),
      redirect: 'manual',
    });
  } catch (error) {
    throw mcpRefusal('PROVIDER_UNREACHABLE', 'mcp-unreachable', `Scopekeeper could not reach ${url.host}: check the address, and that the server is running.`, {
      cause: error instanceof Error ? error.message : String(error),
    });
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 401) {
    const challenge = mcp.auth.extractWWWAuthenticateParams(response);
    const metadataUrl = challenge.resourceMetadataUrl && assertMcpUrl(challenge.resourceMetadataUrl.href, 'metadata address it named');
    return { kind: 'protected', metadataUrl, scopes: scopeTokens(challenge.scope) };
  }
  if (response.status >= 300 && response.status < 400) {
    const to = response.headers.get('location') ?? 'another address';
    throw mcpRefusal('INVALID_REQUEST', 'mcp-redirect', `${url.host} sends Scopekeeper on to ${to}: add that address instead, if it is the server you meant.`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && /^(application\/json|text\/event-stream)\b/i.test(type)) {
    await endSession(mcp, url, response, fetchFn);
    return { kind: 'open' };
  }
  throw mcpRefusal('PROVIDER_ERROR', 'mcp-not-mcp', `${url.host} did not answer as an MCP server (HTTP ${response.status}): check that the address is the server’s MCP endpoint.`, {
    status: response.status,
  });
}

/** The probe may have opened a session (Streamable HTTP): it is ended at once (a server may refuse, 405). */
async function endSession(mcp: McpSdk, url: URL, response: Response, fetchFn: typeof fetch): Promise<void> {
  const session = response.headers.get('mcp-session-id');
  if (session === null) return;
  await fetchFn(url, { method: 'DELETE', headers: { 'Mcp-Session-Id': session, 'MCP-Protocol-Version': mcp.types.LATEST_PROTOCOL_VERSION }, redirect: 'manual' })
    .then((r) => r.body?.cancel())
    .catch(() => undefined);
}

/** RFC 9728 metadata: at the URL the 401 named, else the path-inserted then the root well-known URI (the SDK's order). */
async function resourceMetadata(mcp: McpSdk, url: URL, metadataUrl: URL | undefined, fetchFn: typeof fetch): Promise<OAuthProtectedResourceMetadata> {
  try {
    return await mcp.auth.discoverOAuthProtectedResourceMetadata(url, { protocolVersion: mcp.types.LATEST_PROTOCOL_VERSION, ...(metadataUrl ? { resourceMetadataUrl: metadataUrl } : {}) }, fetchFn);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && (error.name === 'ZodError' || error instanceof SyntaxError)) {
      throw mcpRefusal('PROVIDER_ERROR', 'mcp-bad-resource-metadata', `${url.host} asks for a sign-in, but its sign-in metadata is not valid, so Scopekeeper cannot sign in to it.`, { cause: message });
    }
    if (error instanceof TypeError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
      throw mcpRefusal('PROVIDER_UNREACHABLE', 'mcp-unreachable', `Scopekeeper could not read ${url.host}’s sign-in metadata: try again in a moment.`, { cause: message });
    }
    throw mcpRefusal('PROVIDER_ERROR', 'mcp-no-resource-metadata', `${url.host} asks for a sign-in but does not publish how (no protected resource metadata), so Scopekeeper cannot sign in to it.`, {
      cause: message,
    });
  }
}

/**
 * The authorization server's metadata through openid-client: RFC 8414 first, OpenID Connect
 * Discovery second; either way the document must name the issuer asked (RFC 8414 §3.3). It must
 * offer PKCE with S256 (the MCP spec: a client refuses a server that does not say so) and use only
 * https endpoints (or http on this computer).
 */
async function authorizationServer(issuer: string, fetchFn: typeof fetch, timeout: number): Promise<oidc.ServerMetadata> {
  const server = new URL(issuer);
  const configuration = await discover(issuer, 'scopekeeper-discovery', fetchFn, { timeoutSeconds: timeout, first: 'oauth2' });
  const metadata = configuration.serverMetadata();
  const host = server.host;
  for (const [what, endpoint] of [['authorization', metadata.authorization_endpoint], ['token', metadata.token_endpoint]] as const) {
    if (typeof endpoint !== 'string') throw mcpRefusal('PROVIDER_ERROR', 'mcp-bad-authorization-server', `${host} publishes no ${what} endpoint, so Scopekeeper cannot sign in with it.`);
  }
  for (const endpoint of [metadata.authorization_endpoint, metadata.token_endpoint, metadata.revocation_endpoint, metadata.registration_endpoint]) {
    if (endpoint !== undefined) assertMcpUrl(endpoint, `endpoint ${endpoint} of ${host}`);
  }
  if (!metadata.code_challenge_methods_supported?.includes('S256')) {
    throw mcpRefusal('PROVIDER_ERROR', 'mcp-no-pkce', `${host} does not say it supports PKCE (S256), which the MCP sign-in requires, so Scopekeeper will not sign in with it.`);
  }
  return metadata;
}
