import { catalogActionIds } from '../../../shared/catalog';
import { VAULT_SCHEMA_VERSION } from './schema';

/** A schema 3 connection record as schema 4 has it (also each one a schema 3 change-log line holds). */
export function toSchema4<T extends Record<string, unknown>>(record: T): T & { scopeMode: unknown; knownActions: unknown } {
  return { ...record, scopeMode: record.scopeMode ?? 'follow', knownActions: record.knownActions ?? catalogActionIds(String(record.providerId)) };
}

type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/** `MIGRATIONS[n]` turns a version-n document into version n+1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 2 keeps the servers the person added by hand, each connection's history, its state,
  // and when each scope was granted (unknown for older grants: their connection time).
  1: (document) => ({
    ...document,
    connections: Object.fromEntries(
      Object.entries((document.connections ?? {}) as Record<string, Record<string, unknown>>).map(([id, c]) => [
        id,
        {
          ...c,
          state: 'connected',
          grantedAt: Object.fromEntries(((c.grantedScopes ?? []) as string[]).map((s) => [s, c.connectedAt])),
        },
      ]),
    ),
    providers: {},
    history: [],
    settings: {},
  }),
  // Version 3 keeps history in the append-only log beside the records (the vault moves the
  // entries there when it opens a version 2 file), so the document stays small.
  2: ({ history: _history, ...document }) => document,
  // Version 4 has scope modes (every older connection follows its actions) and the actions each
  // connection knows, so an update's new ones show as New: older connections know the catalog of
  // the app that migrates them. The bump keeps an older Scopekeeper, which knows neither and would
  // drop them at its next write, from writing over a Fixed list (it opens the file read-only).
  3: (document) => ({
    ...document,
    connections: Object.fromEntries(
      Object.entries((document.connections ?? {}) as Record<string, Record<string, unknown>>).map(([id, c]) => [
        id,
        toSchema4(c),
      ]),
    ),
  }),
  // Version 5 keeps remote MCP servers added by URL and the clients registered for them. The bump
  // keeps an older Scopekeeper, which would drop both at its next write and leave connections to
  // servers it no longer knows, from writing over them (it opens the file read-only).
  4: (document) => ({ ...document, mcpServers: {}, registeredClients: {} }),
};

export type MigrationOutcome =
  | { kind: 'empty' }
  | { kind: 'current'; document: Record<string, unknown> }
  | { kind: 'migrated'; document: Record<string, unknown>; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; reason: string };

/** Brings a stored document up to the current schema version, one step at a time. */
export function migrate(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = VAULT_SCHEMA_VERSION,
): MigrationOutcome {
  if (raw === undefined || (isPlainObject(raw) && Object.keys(raw).length === 0)) return { kind: 'empty' };
  if (!isPlainObject(raw)) return { kind: 'invalid', reason: 'the file does not hold a JSON object' };
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'invalid', reason: 'the file has no valid schema version' };
  }
  if (version > current) return { kind: 'newer', version };
  let document = raw;
  for (let v = version; v < current; v += 1) {
    const step = migrations[v];
    if (!step) return { kind: 'invalid', reason: `no migration from schema version ${v}` };
    document = { ...step(document), schemaVersion: v + 1 };
  }
  return version === current ? { kind: 'current', document } : { kind: 'migrated', document, from: version };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
