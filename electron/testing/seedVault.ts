import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFolderStores } from '../headless/adapters';
import { VAULT_SCHEMA_VERSION, type ConnectionRecord, type HistoryEntry } from '../core/vault/schema';

/** A saved connection's record as the app leaves it after one sign-in (override any field). */
export function connectedRecord(id: string, providerId: string, scopes: readonly string[], at: string, fields: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id,
    providerId,
    issuer: `https://${providerId}.example`,
    subject: `subject-${id}`,
    account: `${id}@example.test`,
    requestedScopes: [...scopes],
    grantedScopes: [...scopes],
    connectedAt: at,
    updatedAt: at,
    grantedAt: Object.fromEntries(scopes.map((scope) => [scope, at])),
    state: 'connected',
    ...fields,
  };
}

/**
 * Writes a data folder as the headless host keeps it, directly (not one save per connection):
 * the records, each one's tokens sealed with the folder's key, and one "connected" history line each.
 */
export async function seedDataFolder(dir: string, records: readonly ConnectionRecord[], providerName: (providerId: string) => string): Promise<void> {
  const { cipher, records: store } = dataFolderStores(dir);
  const sealed = await Promise.all(
    records.map((r) => cipher.encrypt(JSON.stringify({ accessToken: `access-${r.id}`, refreshToken: `refresh-${r.id}`, tokenType: 'Bearer', expiresAt: 1_900_000_000 }))),
  );
  store.write({
    schemaVersion: VAULT_SCHEMA_VERSION,
    connections: Object.fromEntries(records.map((r) => [r.id, r])),
    secrets: Object.fromEntries(records.map((r, i) => [r.id, sealed[i]!])),
    providers: {},
    settings: {},
  });
  const entries = records.map(
    (r): HistoryEntry => ({
      id: `${r.id}-h0`,
      connectionId: r.id,
      providerId: r.providerId,
      providerName: providerName(r.providerId),
      account: r.account,
      at: r.connectedAt,
      kind: 'connected',
      scopes: r.grantedScopes,
      message: `Connected with ${r.grantedScopes.length} permissions.`,
    }),
  );
  writeFileSync(join(dir, 'history.jsonl'), `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`, { mode: 0o600 });
}
