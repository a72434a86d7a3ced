import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { completeLines } from './appendFile';
import { toSchema4 } from './migrations';
import { connectionRecordSchema, customProviderRecordSchema, ownClientRecordSchema, VAULT_SCHEMA_VERSION, vaultDocumentSchema, type VaultDocument } from './schema';
import { mcpServerRecordSchema, registeredClientRecordSchema } from './mcpSchema';

/** The file beside `vault.json` holding the changes made since it was last written whole. */
export const CHANGES_FILE = 'vault.changes.jsonl';

/**
 * One write to the vault, as one line of the change log: the new value of each key it touches
 * (null deletes the key). Applying a change twice gives the same document as applying it once,
 * so a change that is in both the document and the log (a crash between writing the document
 * and emptying the log) is harmless.
 */
export const vaultChangeSchema = z.strictObject({
  // A line written at schema 3 reads as is: schema 4 only added optional fields to connections
  // (an absent scope mode is 'follow'), so the log survives the migration of its document; schema 5
  // only added maps, so a schema 4 line is a schema 5 change as it stands.
  schemaVersion: z.union([z.literal(3), z.literal(4), z.literal(VAULT_SCHEMA_VERSION)]),
  connections: z.record(z.string(), connectionRecordSchema.nullable()).optional(),
  secrets: z.record(z.string(), z.string().nullable()).optional(),
  providers: z.record(z.string(), customProviderRecordSchema.nullable()).optional(),
  clients: z.record(z.string(), ownClientRecordSchema.nullable()).optional(),
  mcpServers: z.record(z.string(), mcpServerRecordSchema.nullable()).optional(),
  registeredClients: z.record(z.string(), registeredClientRecordSchema.nullable()).optional(),
  settings: vaultDocumentSchema.shape.settings.optional(),
});
export type VaultChange = Omit<z.infer<typeof vaultChangeSchema>, 'schemaVersion'>;

/** The change as its line in the log. */
export function changeLine(change: VaultChange): string {
  return `${JSON.stringify({ schemaVersion: VAULT_SCHEMA_VERSION, ...change })}\n`;
}

/**
 * Applies a change to the document IN PLACE: copying maps of thousands of connections on every
 * write would make each write cost as much as the whole vault. Keys are set as own properties,
 * so an id such as `__proto__` is a key like any other.
 */
export function applyChange(document: VaultDocument, change: VaultChange): void {
  const apply = <T>(target: Record<string, T>, values: Record<string, T | null> | undefined): void => {
    if (!values) return;
    for (const [key, value] of Object.entries(values)) {
      if (value === null) delete target[key];
      else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
  };
  apply(document.connections, change.connections);
  apply(document.secrets, change.secrets);
  apply(document.providers, change.providers);
  apply(document.clients, change.clients);
  apply(document.mcpServers, change.mcpServers);
  apply(document.registeredClients, change.registeredClients);
  if (change.settings) document.settings = change.settings;
}

/** The changes a log holds, in order, and how many complete lines could not be read. */
export function readChanges(text: string): { changes: VaultChange[]; unreadable: number } {
  const changes: VaultChange[] = [];
  let unreadable = 0;
  // A last line without its newline was cut short by a crash before its fsync returned: the
  // write it belongs to never reported success, so it is not a lost change.
  for (const line of completeLines(text).lines) {
    let parsed: ReturnType<typeof vaultChangeSchema.safeParse>;
    try {
      parsed = vaultChangeSchema.safeParse(JSON.parse(line));
    } catch {
      unreadable += 1;
      continue;
    }
    if (!parsed.success) {
      unreadable += 1;
      continue;
    }
    const { schemaVersion: version, ...change } = parsed.data;
    changes.push(version !== 3 ? change : { ...change, ...(change.connections ? { connections: upgraded(change.connections) } : {}) });
  }
  return { changes, unreadable };
}

/** A schema 3 line's connection records as schema 4 has them (a null still deletes). */
function upgraded(connections: NonNullable<VaultChange['connections']>): NonNullable<VaultChange['connections']> {
  const out: NonNullable<VaultChange['connections']> = {};
  for (const [id, record] of Object.entries(connections)) {
    Object.defineProperty(out, id, { value: record === null ? null : connectionRecordSchema.parse(toSchema4(record)), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The change log's text, or '' when there is none. */
export function readChangesFile(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * The vault as it is on disk, for tests and diagnostics: the document with the change log
 * applied, and the raw text of both files (to check that no token is written in clear).
 */
export function readVaultFiles(documentPath: string, changesPath: string): { document: Record<string, unknown>; raw: string } {
  const documentText = existsSync(documentPath) ? readFileSync(documentPath, 'utf8') : '';
  const changesText = readChangesFile(changesPath);
  const document = (documentText === '' ? { connections: {}, secrets: {}, providers: {}, clients: {}, settings: {} } : JSON.parse(documentText)) as VaultDocument;
  // A document written before own clients (or MCP servers) existed has no map for them yet.
  document.clients = document.clients ?? {};
  document.mcpServers = document.mcpServers ?? {};
  document.registeredClients = document.registeredClients ?? {};
  for (const change of readChanges(changesText).changes) applyChange(document, change);
  return { document: document as unknown as Record<string, unknown>, raw: `${documentText}\n${changesText}` };
}
