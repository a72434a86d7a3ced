import { z } from 'zod';
import { HISTORY_KINDS } from '../../../shared/ipc/contract';

/** Bump with a migration in `migrations.ts` whenever the stored shape changes. */
export const VAULT_SCHEMA_VERSION = 2;

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
  /** When each granted scope was first granted. */
  grantedAt: z.record(z.string(), z.iso.datetime()),
  /**
   * 'disconnected': the provider's grant was revoked during a change that did not finish (for
   * example the new consent was cancelled); no tokens are kept, `restoreScopes` says what a
   * reconnect asks for.
   */
  state: z.enum(['connected', 'disconnected']),
  restoreScopes: z.array(z.string()).optional(),
  /** Set when the provider refused the refresh token (invalid_grant): when, and what it said. */
  revokedAtProvider: z.object({ at: z.iso.datetime(), reason: z.string() }).optional(),
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

/** An OAuth 2.0 / OpenID Connect server the person added by issuer URL and client ID. */
export const customProviderRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  addedAt: z.iso.datetime(),
});
export type CustomProviderRecord = z.infer<typeof customProviderRecordSchema>;

/** One event in a connection's timeline; kept after the connection itself is removed. */
export const historyEntrySchema = z.object({
  id: z.string().min(1),
  connectionId: z.string().min(1),
  providerId: z.string().min(1),
  providerName: z.string(),
  account: z.string(),
  at: z.iso.datetime(),
  kind: z.enum(HISTORY_KINDS),
  scopes: z.array(z.string()),
  message: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const vaultDocumentSchema = z.object({
  schemaVersion: z.literal(VAULT_SCHEMA_VERSION),
  connections: z.record(z.string(), connectionRecordSchema),
  /** Connection id → sealed TokenSecret, kept apart from the readable records. */
  secrets: z.record(z.string(), z.string()),
  providers: z.record(z.string(), customProviderRecordSchema),
  history: z.array(historyEntrySchema),
  /** The person's own settings. */
  settings: z.object({ sandboxIssuer: z.string().optional() }),
});
export type VaultSettings = VaultDocument['settings'];
export type VaultDocument = z.infer<typeof vaultDocumentSchema>;

export function emptyVault(): VaultDocument {
  return { schemaVersion: VAULT_SCHEMA_VERSION, connections: {}, secrets: {}, providers: {}, history: [], settings: {} };
}
