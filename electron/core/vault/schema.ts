import { z } from 'zod';
import { HISTORY_KINDS } from '../../../shared/ipc/contract';
import { TIME_BOXES } from '../../../shared/timeBox';
import { mcpServerRecordSchema, registeredClientRecordSchema } from './mcpSchema';

/** Access the person gave for a while: it ends at `until`; `chosen` is what they picked (said in history). */
const timeBoxSchema = z.object({ until: z.iso.datetime(), chosen: z.enum(TIME_BOXES) });
export type StoredTimeBox = z.infer<typeof timeBoxSchema>;

/** Bump with a migration in `migrations.ts` whenever the stored shape changes. */
export const VAULT_SCHEMA_VERSION = 5;

/** How a connection's scopes may change: with the actions the person turns on ('follow'), or only within a list they keep ('fixed'). */
export const SCOPE_MODES = ['follow', 'fixed'] as const;
export type ScopeMode = (typeof SCOPE_MODES)[number];

export const connectionRecordSchema = z.object({
  id: z.string().min(1),
  providerId: z.string().min(1),
  issuer: z.string(),
  /** Stable account identifier at the provider (the ID token's `sub`), when known. */
  subject: z.string().optional(),
  account: z.string(),
  /** Atlassian: the names of the sites the grant reaches (accessible-resources). */
  sites: z.array(z.string()).optional(),
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
  /** The whole connection was given for a while: at `until` it is removed as "Remove connection" does. */
  timeBox: timeBoxSchema.optional(),
  /** Granted scope → when it is taken back (chosen when it was added). */
  scopeTimeBoxes: z.record(z.string(), timeBoxSchema).optional(),
  /** "Just this session": no refresh token was asked or kept; it ends when Scopekeeper quits (or at the next start). */
  sessionOnly: z.literal(true).optional(),
  /**
   * An expiry Scopekeeper could not carry out by itself (the provider has no API for it): what the
   * person is asked to take back on the provider's page, and why. Cleared by their next change.
   */
  takeBackAsked: z.object({ at: z.iso.datetime(), scopes: z.array(z.string()), url: z.string(), reason: z.string() }).optional(),
  /**
   * 'fixed': `fixedScopes` is the source of truth; nothing may add a scope outside it (grants/scopeMode.ts).
   * Absent reads as 'follow' (schema 4 writes it on every older record).
   */
  scopeMode: z.enum(SCOPE_MODES).optional(),
  /** The fixed list (with scopeMode 'fixed'). */
  fixedScopes: z.array(z.string()).optional(),
  /**
   * The catalog actions this connection has been shown (at connect, or reviewed since): an action
   * the catalog has and this list lacks came with an update and is "New". Absent: not known.
   */
  knownActions: z.array(z.string()).optional(),
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

/**
 * An OAuth 2.0 / OpenID Connect server the person added: by issuer URL (discovery; `endpoints`
 * then keeps what its metadata said, for revocation), or by endpoints alone (no discovery).
 */
export const customProviderRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  issuer: z.string().url().optional(),
  endpoints: z
    .object({ authorization: z.string().url(), token: z.string().url(), revocation: z.string().url().optional(), userinfo: z.string().url().optional() })
    .optional(),
  /** Vaults written before own clients existed kept the client here; `clients` is its home now. */
  clientId: z.string().min(1).optional(),
  addedAt: z.iso.datetime(),
})
  // Where to sign in: discovery at the issuer, or the endpoints typed in; a record with neither is damage.
  .refine((record) => record.issuer !== undefined || record.endpoints !== undefined, { message: 'a server needs an issuer or its endpoints' });
export type CustomProviderRecord = z.infer<typeof customProviderRecordSchema>;

/**
 * An OAuth client the person registered themselves for a provider (catalog or custom). The
 * secret is sealed with the SecretCipher like tokens; the rest is shown in views.
 */
export const ownClientRecordSchema = z.object({
  clientId: z.string().min(1),
  sealedSecret: z.string().min(1).optional(),
  redirectPort: z.number().int().min(1).max(65535).optional(),
  updatedAt: z.iso.datetime(),
});
export type OwnClientRecord = z.infer<typeof ownClientRecordSchema>;

/**
 * One event in a connection's timeline; kept after the connection itself is removed. Stored as
 * one line of the history log (historyLog.ts), not in the records document (since schema 3).
 */
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

/**
 * Running in the background (Settings → General, the tray menu); an absent field is its default.
 * A damaged field falls back to its default rather than making the whole vault unreadable.
 */
export const backgroundRecordSchema = z.object({
  /** Start Scopekeeper when the person logs in (default off). */
  startAtLogin: z.boolean().optional().catch(undefined),
  /** Closing the window keeps Scopekeeper running in the tray (default on). */
  keepRunning: z.boolean().optional().catch(undefined),
  /** The first close has said that Scopekeeper keeps running. */
  closeNoticeShown: z.boolean().optional().catch(undefined),
  /** "Pause tools": the broker refuses tools until the person resumes them, across restarts. */
  toolsPaused: z.boolean().optional().catch(undefined),
});
export type BackgroundRecord = z.infer<typeof backgroundRecordSchema>;

export const vaultDocumentSchema = z.object({
  schemaVersion: z.literal(VAULT_SCHEMA_VERSION),
  connections: z.record(z.string(), connectionRecordSchema),
  /** Connection id → sealed TokenSecret, kept apart from the readable records. */
  secrets: z.record(z.string(), z.string()),
  providers: z.record(z.string(), customProviderRecordSchema),
  /**
   * Provider id → the person's own OAuth client. Optional in the file (absent in vaults written
   * before it existed), so adding it needed no schema version of its own.
   */
  clients: z.record(z.string(), ownClientRecordSchema).default({}),
  /** Provider id (`mcp-<uuid>`) → a remote MCP server the person added by URL (since schema 5). */
  mcpServers: z.record(z.string(), mcpServerRecordSchema).default({}),
  /** Authorization server issuer → the client Scopekeeper registered there (since schema 5). Both maps read as empty when absent. */
  registeredClients: z.record(z.string(), registeredClientRecordSchema).default({}),
  /** The person's own settings. */
  settings: z.object({
    sandboxIssuer: z.string().optional(),
    background: backgroundRecordSchema.optional().catch(undefined),
    /**
     * Which notifications the person turned off (absent: all on). Optional, so no schema version of
     * its own; kinds are plain strings (a newer app's kind is kept, not a damaged file), and a
     * damaged value reads as absent rather than setting the whole vault aside.
     */
    notifications: z.object({ off: z.array(z.string()), quiet: z.boolean() }).optional().catch(undefined),
    /** Settings → "New actions enabled by default" (absent: off): whether actions an update brings are usable before review, in Follow mode. */
    newActionsOn: z.boolean().optional().catch(undefined),
  }),
});
export type VaultSettings = VaultDocument['settings'];
export type VaultDocument = z.infer<typeof vaultDocumentSchema>;

export function emptyVault(): VaultDocument {
  return { schemaVersion: VAULT_SCHEMA_VERSION, connections: {}, secrets: {}, providers: {}, clients: {}, mcpServers: {}, registeredClients: {}, settings: {} };
}

export type DocumentParse = { success: true; data: VaultDocument } | { success: false; message: string };

/**
 * `vaultDocumentSchema.safeParse`, walked by hand at the top two levels: zod's `record` copies
 * and checks thousands of entries through generic machinery, which made validating the file
 * cost as much as parsing it. Each record is still parsed by its zod schema (unknown keys
 * stripped, the same messages); the maps are plain loops. Keys are set as own properties, so an
 * id such as `__proto__` stays a key.
 *
 * Connections and secrets, the maps that grow with the person's accounts, first go through an
 * in-place check (`isStoredConnectionRecord`): when every entry is exactly what the app writes,
 * the parsed map is kept as it is, with no copy. Anything else (an unknown key, a wrong type, a
 * date zod would refuse) falls through to zod, which stays the one judge of what is valid.
 */
export function parseVaultDocument(value: unknown): DocumentParse {
  if (!isPlainObject(value)) return { success: false, message: 'the document is not an object' };
  if (value.schemaVersion !== VAULT_SCHEMA_VERSION) return { success: false, message: 'schemaVersion: not the current version' };
  const connections = parseMap(value.connections, 'connections', (entry) => connectionRecordSchema.safeParse(entry), isStoredConnectionRecord);
  if (!connections.success) return connections;
  const secrets = parseMap(
    value.secrets,
    'secrets',
    (entry) => (typeof entry === 'string' ? { success: true as const, data: entry } : { success: false as const, error: { issues: [{ message: 'expected a string' }] } }),
    (entry): entry is string => typeof entry === 'string',
  );
  if (!secrets.success) return secrets;
  const providers = parseMap(value.providers, 'providers', (entry) => customProviderRecordSchema.safeParse(entry));
  if (!providers.success) return providers;
  // Absent in files written before own clients existed.
  const clients = parseMap(value.clients ?? {}, 'clients', (entry) => ownClientRecordSchema.safeParse(entry));
  if (!clients.success) return clients;
  const mcpServers = parseMap(value.mcpServers ?? {}, 'mcpServers', (entry) => mcpServerRecordSchema.safeParse(entry));
  if (!mcpServers.success) return mcpServers;
  const registeredClients = parseMap(value.registeredClients ?? {}, 'registeredClients', (entry) => registeredClientRecordSchema.safeParse(entry));
  if (!registeredClients.success) return registeredClients;
  const settings = vaultDocumentSchema.shape.settings.safeParse(value.settings);
  if (!settings.success) return { success: false, message: `settings: ${settings.error.issues[0]?.message ?? 'invalid'}` };
  return {
    success: true,
    data: {
      schemaVersion: VAULT_SCHEMA_VERSION,
      connections: connections.data,
      secrets: secrets.data,
      providers: providers.data,
      clients: clients.data,
      mcpServers: mcpServers.data,
      registeredClients: registeredClients.data,
      settings: settings.data,
    },
  };
}

type EntryParse<T> = { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };

function parseMap<T>(
  value: unknown,
  name: string,
  parse: (entry: unknown) => EntryParse<T>,
  exact?: (entry: unknown) => entry is T,
): { success: true; data: Record<string, T> } | { success: false; message: string } {
  if (!isPlainObject(value)) return { success: false, message: `${name}: expected an object` };
  const keys = Object.keys(value);
  // JSON.parse made this map and nothing else holds it: when every entry is already exactly what
  // zod would return, the map is the answer.
  if (exact && Object.getPrototypeOf(value) === Object.prototype && keys.every((key) => exact(value[key]))) {
    return { success: true, data: value as Record<string, T> };
  }
  const out: Record<string, T> = {};
  for (const key of keys) {
    const entry = value[key];
    let data: T;
    if (exact?.(entry)) data = entry;
    else {
      const parsed = parse(entry);
      if (!parsed.success) return { success: false, message: `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
      data = parsed.data;
    }
    Object.defineProperty(out, key, { value: data, enumerable: true, writable: true, configurable: true });
  }
  return { success: true, data: out };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pattern `z.iso.datetime()` checks (no offset, any precision); a unit test holds them equal. */
const DATETIME = z.regexes.datetime({ precision: null, offset: false, local: false });
const CONNECTION_KEYS = new Set<string>(connectionRecordSchema.keyof().options);

/**
 * True only for a connection record exactly as zod's parse would return it: the keys the schema
 * knows (no others), each of its type. It never widens what is accepted; a record it turns down
 * is judged by `connectionRecordSchema` itself. A field added to the schema and not here makes
 * such records take the slower, still correct, zod path.
 */
export function isStoredConnectionRecord(value: unknown): value is ConnectionRecord {
  if (!isJsonObject(value)) return false;
  const r = value;
  for (const key in r) if (!CONNECTION_KEYS.has(key) || r[key] === undefined) return false;
  return (
    nonEmptyString(r.id) &&
    nonEmptyString(r.providerId) &&
    typeof r.issuer === 'string' &&
    (r.subject === undefined || typeof r.subject === 'string') &&
    typeof r.account === 'string' &&
    (r.sites === undefined || isStringArray(r.sites)) &&
    isStringArray(r.requestedScopes) &&
    isStringArray(r.grantedScopes) &&
    isDatetime(r.connectedAt) &&
    isDatetime(r.updatedAt) &&
    isDatetimeMap(r.grantedAt) &&
    (r.state === 'connected' || r.state === 'disconnected') &&
    (r.restoreScopes === undefined || isStringArray(r.restoreScopes)) &&
    (r.revokedAtProvider === undefined || isRevokedAtProvider(r.revokedAtProvider)) &&
    (r.timeBox === undefined || isTimeBox(r.timeBox)) &&
    (r.scopeTimeBoxes === undefined || isTimeBoxMap(r.scopeTimeBoxes)) &&
    (r.sessionOnly === undefined || r.sessionOnly === true) &&
    (r.takeBackAsked === undefined || isTakeBackAsked(r.takeBackAsked)) &&
    (r.scopeMode === undefined || r.scopeMode === 'follow' || r.scopeMode === 'fixed') &&
    (r.fixedScopes === undefined || isStringArray(r.fixedScopes)) &&
    (r.knownActions === undefined || isStringArray(r.knownActions))
  );
}

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
}

function isTimeBox(value: unknown): boolean {
  return isJsonObject(value) && hasOnlyKeys(value, ['until', 'chosen']) && isDatetime(value.until) && (TIME_BOXES as readonly unknown[]).includes(value.chosen);
}

function isTimeBoxMap(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  for (const key in value) if (!isTimeBox(value[key])) return false;
  return true;
}

function isTakeBackAsked(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    hasOnlyKeys(value, ['at', 'scopes', 'url', 'reason']) &&
    isDatetime(value.at) &&
    isStringArray(value.scopes) &&
    typeof value.url === 'string' &&
    typeof value.reason === 'string'
  );
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isDatetime(value: unknown): boolean {
  return typeof value === 'string' && DATETIME.test(value);
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function isDatetimeMap(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  for (const key in value) if (!isDatetime(value[key])) return false;
  return true;
}

function isRevokedAtProvider(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  for (const key in value) if (key !== 'at' && key !== 'reason') return false;
  return isDatetime(value.at) && typeof value.reason === 'string';
}
