import type * as oidc from 'openid-client';
import type { AuthorizationServerMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { loadMcpSdk } from './mcpSdk';

/**
 * Which OAuth client signs in to an MCP server's authorization server, in the order the MCP spec
 * prefers (https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization, "Client
 * Registration Approaches"): the person's own pre-registered client; else this build's Client ID
 * Metadata Document URL, where the server says it accepts one (`client_id_metadata_document_supported`);
 * else dynamic client registration (RFC 7591), kept per authorization server and reused; else none.
 */
export type ClientRoute =
  | { kind: 'own' }
  | { kind: 'metadata-document'; clientId: string }
  | { kind: 'registered' }
  | { kind: 'register'; endpoint: string }
  | { kind: 'none' };

export interface ClientRouteInput {
  /** The person gave their own client for this server. */
  own: boolean;
  /** This build's Client ID Metadata Document URL (resources/oauth-clients.json), if it has one. */
  metadataDocument: string | undefined;
  server: Pick<oidc.ServerMetadata, 'registration_endpoint'> & { client_id_metadata_document_supported?: unknown };
  /** A client registered at this authorization server before (for another of its servers). */
  registered: boolean;
}

export function chooseClient(input: ClientRouteInput): ClientRoute {
  if (input.own) return { kind: 'own' };
  if (input.metadataDocument !== undefined && input.server.client_id_metadata_document_supported === true) {
    return { kind: 'metadata-document', clientId: input.metadataDocument };
  }
  if (input.registered) return { kind: 'registered' };
  const endpoint = input.server.registration_endpoint;
  return typeof endpoint === 'string' ? { kind: 'register', endpoint } : { kind: 'none' };
}

/** What Scopekeeper registers as (RFC 7591 §2): a native app, a public client with PKCE, loopback redirects on any port (RFC 8252 §7.3). */
export const NATIVE_CLIENT_METADATA = {
  client_name: 'Scopekeeper',
  application_type: 'native',
  redirect_uris: ['http://127.0.0.1/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
} as const;

export interface RegisteredClient {
  clientId: string;
  clientSecret?: string | undefined;
  /** RFC 7591 §3.2.1; 0 or absent: the secret does not expire. */
  secretExpiresAt?: number | undefined;
}

/** Registers Scopekeeper at the server (the SDK's RFC 7591 request, through core's fetch). */
export async function registerNativeClient(server: oidc.ServerMetadata, fetchFn: typeof fetch): Promise<RegisteredClient> {
  // Loaded before the request, so a failed load is said as itself, not as the server's refusal.
  const { auth } = await loadMcpSdk();
  try {
    const answer = await auth.registerClient(server.issuer, {
      metadata: server as unknown as AuthorizationServerMetadata,
      clientMetadata: { ...NATIVE_CLIENT_METADATA, redirect_uris: [...NATIVE_CLIENT_METADATA.redirect_uris], grant_types: [...NATIVE_CLIENT_METADATA.grant_types], response_types: [...NATIVE_CLIENT_METADATA.response_types] },
      fetchFn,
    });
    return {
      clientId: answer.client_id,
      ...(answer.client_secret !== undefined ? { clientSecret: answer.client_secret } : {}),
      ...(answer.client_secret_expires_at ? { secretExpiresAt: answer.client_secret_expires_at } : {}),
    };
  } catch (error) {
    const host = new URL(server.issuer).host;
    const said = error instanceof Error ? error.message : String(error);
    throw new ScopekeeperError('PROVIDER_ERROR', `${host} refused to register Scopekeeper as an app (${said}), so the server was not added.`, {
      reason: 'mcp-registration-refused',
      field: 'url',
      error: (error as { errorCode?: unknown }).errorCode ?? 'registration_failed',
      error_description: said,
    });
  }
}
