import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { VaultStatus } from '../../../shared/ipc/contract';
import type { Clock, RecordStore, SecretCipher } from '../ports';
import { AppendFile } from './appendFile';
import { applyChange, changeLine, CHANGES_FILE, type VaultChange } from './changeLog';
import { DEFAULT_ROTATE_BYTES, HistoryLog } from './historyLog';
import { McpRecords } from './mcpRecords';
import { openDocument, removeStaleTempFiles } from './openDocument';
import {
  tokenSecretSchema,
  type ConnectionRecord,
  type CustomProviderRecord,
  type HistoryEntry,
  type OwnClientRecord,
  type TokenSecret,
  type VaultSettings,
  type VaultDocument,
} from './schema';

/** A connection that was removed from this computer, known only from its history. */
export interface RemovedConnection {
  connectionId: string;
  providerId: string;
  providerName: string;
  account: string;
  /** When it was removed (its last entry when no removal was recorded). */
  removedAt: string;
  /** Oldest first. */
  history: HistoryEntry[];
}

export interface VaultOptions {
  /** Size at which the history log starts a new file. */
  historyRotateBytes?: number;
  /** The change log is folded into the document past max(this, a quarter of the document). */
  compactMinBytes?: number;
  /** Told how many damaged history lines were set aside, when reading finds some. */
  onHistorySetAside?: (lines: number) => void;
}

const DEFAULT_COMPACT_MIN_BYTES = 256 * 1024;

/**
 * Connection records in clear (provider, account, scopes, times) and each connection's tokens
 * sealed as one secret, in one document written atomically (the RecordStore). An unreadable file
 * is moved aside and reported, never silently replaced. The document is read once, at open;
 * after that memory is the truth and writes never read the file again.
 *
 * A write does not rewrite the document (megabytes at thousands of connections): it appends one
 * line holding the keys it changes to `vault.changes.jsonl` (fsync'd, 0600) and applies it in
 * memory. Once that log passes a quarter of the document's size, the document is written whole
 * through the RecordStore and the log emptied, off the writer's path (the next write waits).
 * Opening reads the document, then replays the log; a change is idempotent, so one that is in
 * both (a crash between the two steps) does no harm.
 *
 * History lives apart, in an append-only log beside the records (historyLog.ts): the document
 * stays small as years of history pile up, and a removed connection keeps its history.
 *
 * Every write goes through one queue per vault and builds its document from the state at the
 * moment it commits: a write that awaited a slow cipher never writes back a map of secrets it
 * captured before the await (which lost the other connection's rotated tokens).
 */
export class Vault {
  private constructor(
    private readonly records: RecordStore,
    private readonly cipher: SecretCipher,
    private readonly log: HistoryLog,
    private readonly changes: AppendFile,
    private readonly compactMinBytes: number,
    private document: VaultDocument,
    private readonly baseStatus: VaultStatus,
    /** Set when the file was written by a newer Scopekeeper: then nothing is written over it. */
    private readonly readOnlyReason: string | undefined,
  ) {}

  /** Where an unreadable file was moved at open, if one was. */
  movedAsidePath: string | undefined;

  /** The tail of the write queue: each write starts when the one before it has settled. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The last secret decrypted per connection, with the sealed string it came from. */
  private readonly opened = new Map<string, { sealed: string; secret: TokenSecret }>();
  /** Change-log size past which the document is written whole; 0 until a document exists. */
  private compactAt = 0;
  private compacting = false;
  /** Told of each connection removed from the file (what depends on a connection forgets it). */
  private readonly removedListeners = new Set<(connectionId: string) => void>();
  private readonly savedListeners = new Set<(record: ConnectionRecord) => void>();

  static open(records: RecordStore, cipher: SecretCipher, clock: Clock, options: VaultOptions = {}): Vault {
    removeStaleTempFiles(records.path);
    const directory = dirname(records.path);
    const log = new HistoryLog(directory, options.historyRotateBytes ?? DEFAULT_ROTATE_BYTES, options.onHistorySetAside);
    const changes = new AppendFile(join(directory, CHANGES_FILE));
    const compactMin = options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES;
    const opened = openDocument(records, changes.path, log, clock);
    const vault = new Vault(records, cipher, log, changes, compactMin, opened.document, opened.status, opened.readOnlyReason);
    const bytes = documentBytes(records.path);
    vault.compactAt = bytes === 0 ? 0 : Math.max(compactMin, bytes / 4);
    vault.movedAsidePath = opened.movedAsidePath;
    return vault;
  }

  /** Locked when the file is from a newer version or this machine cannot encrypt secrets. */
  async status(): Promise<VaultStatus> {
    if (this.readOnlyReason) return this.baseStatus;
    const reason = await this.cipher.unavailableReason();
    return reason ? { ...this.baseStatus, state: 'locked', lockedReason: reason } : this.baseStatus;
  }

  list(): ConnectionRecord[] {
    return Object.values(this.document.connections).sort((a, b) => a.connectedAt.localeCompare(b.connectedAt));
  }

  get(id: string): ConnectionRecord | undefined {
    // Ids come from the renderer: `__proto__` or `constructor` must not find Object.prototype.
    return Object.hasOwn(this.document.connections, id) ? this.document.connections[id] : undefined;
  }

  /**
   * Seals the tokens and writes record and secret together (both land or neither does), then
   * appends the history: the record is the truth, the history tells how it came to be.
   * A null secret deletes the stored one (the grant was revoked); 'keep' leaves it as it is sealed.
   */
  async save(record: ConnectionRecord, secret: TokenSecret | null | 'keep', history: readonly HistoryEntry[] = []): Promise<void> {
    // Sealing starts now, alongside other writes; the commit waits for its turn in the queue.
    const sealing = secret && secret !== 'keep' ? this.cipher.encrypt(JSON.stringify(secret)) : Promise.resolve(null);
    sealing.catch(() => undefined);
    return this.enqueue(async () => {
      await this.assertWritable();
      const sealed = await sealing;
      await this.commit({ connections: { [record.id]: record }, ...(secret === 'keep' ? {} : { secrets: { [record.id]: sealed } }) }, history);
      tell(this.savedListeners, record);
    });
  }

  settings(): VaultSettings {
    return this.document.settings;
  }

  async saveSettings(settings: VaultSettings): Promise<void> {
    await this.updateSettings(() => settings);
  }

  /** Changes the settings as they are when this write's turn comes, so changes made together never undo each other. */
  async updateSettings(change: (current: VaultSettings) => VaultSettings): Promise<VaultSettings> {
    return this.enqueue(async () => {
      if (this.readOnlyReason) throw new ScopekeeperError('VAULT_LOCKED', this.readOnlyReason);
      const settings = change(this.document.settings);
      await this.commit({ settings });
      return settings;
    });
  }

  /** Adds to the timeline without touching records or secrets. */
  async appendHistory(entries: readonly HistoryEntry[]): Promise<void> {
    return this.enqueue(async () => {
      await this.assertWritable();
      this.log.append(entries);
    });
  }

  /**
   * A connection's timeline, oldest first; every connection's (removed ones included) when no id
   * is given. The log is read on the first call and indexed by connection, so one connection's
   * history is a lookup, not a scan.
   */
  /** Reads the history files if no one has yet (damaged lines are found, and set aside, then). */
  readHistory(): void {
    this.log.connectionIds();
  }

  history(connectionId?: string): HistoryEntry[] {
    return this.log.read(connectionId);
  }

  /** Connections removed from this computer whose history is kept, most recently removed first. */
  removedConnections(): RemovedConnection[] {
    const removed: RemovedConnection[] = [];
    for (const connectionId of this.log.connectionIds()) {
      if (Object.hasOwn(this.document.connections, connectionId)) continue;
      const history = this.log.read(connectionId);
      const last = history[history.length - 1]!;
      const removal = history.findLast((entry) => entry.kind === 'removed') ?? last;
      removed.push({ connectionId, providerId: last.providerId, providerName: last.providerName, account: last.account, removedAt: removal.at, history });
    }
    return removed.sort((a, b) => b.removedAt.localeCompare(a.removedAt));
  }

  hasSecret(id: string): boolean {
    return Object.hasOwn(this.document.secrets, id);
  }

  /**
   * The connection's tokens, decrypted. The last one opened per connection is kept (in this
   * process only) while its sealed form in the vault is unchanged, so the broker's calls do not
   * decrypt on every call; a new secret, or none, replaces or drops it.
   */
  async readSecret(id: string): Promise<TokenSecret> {
    const sealed = Object.hasOwn(this.document.secrets, id) ? this.document.secrets[id] : undefined;
    const opened = this.opened.get(id);
    if (opened !== undefined && opened.sealed === sealed) return opened.secret;
    this.opened.delete(id);
    if (sealed === undefined) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'This connection has no saved tokens.');
    const plain = await this.cipher.decrypt(sealed).catch((error: unknown) => {
      throw new ScopekeeperError('VAULT_LOCKED', 'The saved tokens could not be decrypted on this computer.', {
        reason: error instanceof Error ? error.message : String(error),
      });
    });
    const secret = Object.freeze(tokenSecretSchema.parse(JSON.parse(plain)));
    // Only if the vault still holds what was decrypted (a save may have come in meanwhile).
    if ((Object.hasOwn(this.document.secrets, id) ? this.document.secrets[id] : undefined) === sealed) this.opened.set(id, { sealed, secret });
    return secret;
  }

  /** Remote MCP servers and the clients registered for them (mcpRecords.ts), written through this vault's queue. */
  readonly mcp: McpRecords = new McpRecords(() => this.document, (change) => this.enqueue(async () => (await this.assertWritable(), this.commit(change))), () => this.cipher);

  customProviders(): CustomProviderRecord[] {
    return Object.values(this.document.providers).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  /** Keeps a server the person added; its client lives with the own clients (`saveOwnClient`). */
  async saveCustomProvider(provider: CustomProviderRecord): Promise<void> {
    return this.enqueue(async () => {
      if (this.readOnlyReason) throw new ScopekeeperError('VAULT_LOCKED', this.readOnlyReason);
      await this.commit({ providers: { [provider.id]: provider } });
    });
  }

  /** Forgets a server the person added, and their client for it; its connections' history stays. */
  async removeCustomProvider(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.assertWritable();
      await this.commit({ providers: { [id]: null }, clients: { [id]: null } });
    });
  }

  /** The person's own client for a provider, without opening its secret. */
  ownClient(providerId: string): { clientId: string; hasSecret: boolean; redirectPort?: number | undefined } | undefined {
    const stored = Object.hasOwn(this.document.clients, providerId) ? this.document.clients[providerId] : undefined;
    if (stored) return { clientId: stored.clientId, hasSecret: stored.sealedSecret !== undefined, redirectPort: stored.redirectPort };
    // A server added before own clients existed kept its client ID in its own record.
    const legacy = Object.hasOwn(this.document.providers, providerId) ? this.document.providers[providerId]?.clientId : undefined;
    return legacy === undefined ? undefined : { clientId: legacy, hasSecret: false };
  }

  async ownClientSecret(providerId: string): Promise<string | undefined> {
    const sealed = Object.hasOwn(this.document.clients, providerId) ? this.document.clients[providerId]?.sealedSecret : undefined;
    if (sealed === undefined) return undefined;
    return this.cipher.decrypt(sealed).catch((error: unknown) => {
      throw new ScopekeeperError('VAULT_LOCKED', 'The saved client secret could not be decrypted on this computer.', {
        reason: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /**
   * Saves the person's own client for a provider, the secret sealed like tokens. `clientSecret`:
   * a string replaces it, null removes it, undefined keeps the saved one when the client ID stays.
   */
  async saveOwnClient(
    providerId: string,
    client: { clientId: string; clientSecret?: string | null | undefined; redirectPort?: number | undefined },
    updatedAt: string,
  ): Promise<void> {
    const secret = client.clientSecret;
    const sealing = typeof secret === 'string' ? this.cipher.encrypt(secret) : Promise.resolve(undefined);
    sealing.catch(() => undefined);
    return this.enqueue(async () => {
      await this.assertWritable();
      const sealed = await sealing;
      // Read in the queue: the saved client as it is when this write's turn comes.
      const previous = Object.hasOwn(this.document.clients, providerId) ? this.document.clients[providerId] : undefined;
      const sealedSecret = sealed ?? (secret === undefined && previous?.clientId === client.clientId ? previous.sealedSecret : undefined);
      const record: OwnClientRecord = {
        clientId: client.clientId,
        ...(sealedSecret !== undefined ? { sealedSecret } : {}),
        ...(client.redirectPort !== undefined ? { redirectPort: client.redirectPort } : {}),
        updatedAt,
      };
      await this.commit({ clients: { [providerId]: record } });
    });
  }

  /** Forgets the person's own client (and a legacy one kept in a custom server's record). */
  async removeOwnClient(providerId: string): Promise<void> {
    return this.enqueue(async () => {
      await this.assertWritable();
      const custom = Object.hasOwn(this.document.providers, providerId) ? this.document.providers[providerId] : undefined;
      await this.commit({ clients: { [providerId]: null }, ...(custom?.clientId !== undefined ? { providers: { [providerId]: withoutClientId(custom) } } : {}) });
    });
  }

  /** Deletes the record and its secret from the file; the history stays, with `history` appended. */
  async remove(id: string, history: readonly HistoryEntry[] = []): Promise<void> {
    return this.enqueue(async () => {
      if (!Object.hasOwn(this.document.connections, id)) {
        throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'That connection is not saved on this computer.');
      }
      if (this.readOnlyReason) throw new ScopekeeperError('VAULT_LOCKED', this.readOnlyReason);
      await this.commit({ connections: { [id]: null }, secrets: { [id]: null } }, history);
      tell(this.removedListeners, id);
    });
  }

  /** Calls `listener` after each connection record is saved (made, changed, revoked); returns the unsubscribe. */
  onSaved(listener: (record: ConnectionRecord) => void): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  /** Calls `listener` after each connection is removed, whichever way (forgotten, disconnected); returns the unsubscribe. */
  onRemoved(listener: (connectionId: string) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  private async assertWritable(): Promise<void> {
    const status = await this.status();
    if (status.state === 'locked') {
      throw new ScopekeeperError('VAULT_LOCKED', status.lockedReason ?? 'The vault is locked.');
    }
  }

  /** Resolves once every write queued so far (and any fold of the change log) has settled. */
  async flush(): Promise<void> {
    await this.enqueue(async () => undefined);
  }

  /** Runs `work` after every write queued before it, whether those succeeded or failed. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Writes first, then adopts: a failed write leaves memory and disk agreeing. Runs inside the
   * queue, on the document as it is at this moment. The change and its history are written to
   * their two files, then both flushed at once: one wait for the disk, not two.
   */
  private async commit(change: VaultChange, history: readonly HistoryEntry[] = []): Promise<void> {
    if (this.compactAt === 0) {
      // No document on disk yet: the first write creates it whole (it is small).
      const next = structuredClone(this.document);
      applyChange(next, change);
      this.records.write(next);
      this.document = next;
      this.changes.truncate();
      this.compactAt = Math.max(this.compactMinBytes, documentBytes(this.records.path) / 4);
      this.log.append(history);
      return;
    }
    this.changes.write(changeLine(change));
    await this.log.appendAlongside(history, () => this.changes.sync());
    applyChange(this.document, change);
    if (this.changes.size > this.compactAt && !this.compacting) {
      this.compacting = true;
      void this.enqueue(async () => this.compact()).catch(() => undefined);
    }
  }

  /** Folds the change log into the document: write it whole, then empty the log. */
  private compact(): void {
    try {
      this.records.write(this.document);
      this.changes.truncate();
      this.compactAt = Math.max(this.compactMinBytes, documentBytes(this.records.path) / 4);
    } finally {
      // A failed fold leaves the log as it was (still replayed at open); the next write retries.
      this.compacting = false;
    }
  }
}

/** Tells each listener; one that throws keeps the others from nothing (the write has landed either way). */
function tell<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch {
      // What was written stands; whatever depends on it catches up at the next start.
    }
  }
}

/** The document's size on disk; 0 when there is none yet. */
function documentBytes(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

function withoutClientId(record: CustomProviderRecord): CustomProviderRecord {
  const { clientId: _legacy, ...rest } = record;
  return rest;
}
