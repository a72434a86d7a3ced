import { z } from 'zod';
import { id } from './fields';

/** The OAuth 2.0 / OpenID Connect servers the person adds, as the window sends them. */

const serverUrl = z.url({ protocol: /^https?$/ }).max(500);
const serverFields = {
  name: z.string().trim().min(1).max(80),
  /** Discovery (OpenID Connect or RFC 8414) at this issuer... */
  issuer: serverUrl.optional(),
  /** ...or, for a server that publishes no metadata, its endpoints typed by hand. */
  endpoints: z
    .strictObject({ authorization: serverUrl, token: serverUrl, revocation: serverUrl.optional(), userinfo: serverUrl.optional() })
    .optional(),
  clientId: z.string().trim().min(1).max(500),
};
const issuerOrEndpoints = (server: { issuer?: string | undefined; endpoints?: object | undefined }): boolean =>
  (server.issuer === undefined) !== (server.endpoints === undefined);
const ISSUER_OR_ENDPOINTS = { message: 'Give either an issuer URL or the endpoints, not both.', path: ['issuer'] };

/**
 * A remote MCP server (Streamable HTTP) the person adds by its URL, with their name for it and,
 * for a server that signs in only apps registered with it, their own client there.
 */
export const mcpServerRequestSchema = z.strictObject({
  url: serverUrl,
  name: serverFields.name,
  clientId: z.string().trim().min(1).max(500).optional(),
  clientSecret: z.string().min(1).max(2000).optional(),
});

/** An OAuth 2.0 / OpenID Connect server the person adds: by issuer (discovery) or by endpoints. */
export const serverRequestSchema = z
  .strictObject({ ...serverFields, clientSecret: z.string().min(1).max(2000).optional() })
  .refine(issuerOrEndpoints, ISSUER_OR_ENDPOINTS);

/** The same, for a server already added; `clientSecret` as in providers:set-client. */
export const serverEditSchema = z
  .strictObject({ providerId: id, ...serverFields, clientSecret: z.string().min(1).max(2000).nullable().optional() })
  .refine(issuerOrEndpoints, ISSUER_OR_ENDPOINTS);
