import { z } from 'zod';

/** Bump with a migration in `migrations.ts` whenever the stored shape changes. */
export const VAULT_SCHEMA_VERSION = 1;

export const connectionRecordSchema = z.object({
  id: z.string().min(1),
  providerId: z.string().min(1),
  issuer: z.string(),
  /** Stable account identifier at the provider (the ID token's `sub`), when known. */
  subject: z.string().optional(),
  account: z.string(),
  requestedScopes: z.array(z.string()),
  grantedScopes: z.array(z.string()),
  connectedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ConnectionRecord = z.infer<typeof connectionRecordSchema>;

/** What is sealed as ONE secret per connection. Never written in clear, never sent to the renderer. */
export const tokenSecretSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  refreshToken: z.string().optional(),
  idToken: z.string().optional(),
  expiresAt: z.number().optional(),
});
export type TokenSecret = z.infer<typeof tokenSecretSchema>;

export const vaultDocumentSchema = z.object({
  schemaVersion: z.literal(VAULT_SCHEMA_VERSION),
  connections: z.record(z.string(), connectionRecordSchema),
  /** Connection id → sealed TokenSecret, kept apart from the readable records. */
  secrets: z.record(z.string(), z.string()),
});
export type VaultDocument = z.infer<typeof vaultDocumentSchema>;

export function emptyVault(): VaultDocument {
  return { schemaVersion: VAULT_SCHEMA_VERSION, connections: {}, secrets: {} };
}
