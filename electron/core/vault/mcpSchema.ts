import { z } from 'zod';

/**
 * What the vault keeps of remote MCP servers (schema 5): each server the person added by URL, and
 * the OAuth clients Scopekeeper registered itself (RFC 7591), one per authorization server.
 */

/** How a server signs in: absent on a server that needs no sign-in. */
export const mcpAuthSchema = z.object({
  /** The RFC 8707 resource its tokens are asked for: the protected resource metadata's `resource`, checked against `url`. */
  resource: z.string().url(),
  /** The authorization server's issuer (its metadata is read again at sign-in). */
  issuer: z.string().url(),
  /** What a Connect asks for untouched: the 401's `scope`, else the metadata's `scopes_supported`. */
  scopes: z.array(z.string()),
  /** Every scope the server named (challenge and metadata), offered in the picker. */
  knownScopes: z.array(z.string()),
  endpoints: z.object({ authorization: z.string().url(), token: z.string().url(), revocation: z.string().url().optional() }),
  /** Which client signs in when the person has none of their own: a Client ID Metadata Document URL, or the one registered at `issuer`. */
  client: z.enum(['metadata-document', 'registered']).optional(),
});
export type McpAuth = z.infer<typeof mcpAuthSchema>;

export const mcpServerRecordSchema = z.object({
  /** `mcp-<uuid>`: its provider id. */
  id: z.string().regex(/^mcp-[0-9a-f-]{36}$/),
  name: z.string().min(1),
  /** The Streamable HTTP endpoint the person added: the only place its tokens are sent to. */
  url: z.string().url(),
  auth: mcpAuthSchema.optional(),
  addedAt: z.iso.datetime(),
});
export type McpServerRecord = z.infer<typeof mcpServerRecordSchema>;

/** A client Scopekeeper registered at an authorization server (RFC 7591), reused by every server it protects. */
export const registeredClientRecordSchema = z.object({
  issuer: z.string().url(),
  clientId: z.string().min(1),
  /** Sealed like tokens; absent for a public client (token_endpoint_auth_method none). */
  sealedSecret: z.string().min(1).optional(),
  /** RFC 7591 §3.2.1 `client_secret_expires_at` (seconds; absent or 0: never). */
  secretExpiresAt: z.number().int().min(0).optional(),
  registeredAt: z.iso.datetime(),
});
export type RegisteredClientRecord = z.infer<typeof registeredClientRecordSchema>;
