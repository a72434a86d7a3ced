import { readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { VaultStatus } from '../../../shared/ipc/contract';
import type { Clock, RecordStore, SecretCipher } from '../ports';
import { migrate } from './migrations';
import {
  emptyVault,
  tokenSecretSchema,
  vaultDocumentSchema,
  type ConnectionRecord,
  type CustomProviderRecord,
  type HistoryEntry,
  type TokenSecret,
  type VaultSettings,
  type VaultDocument,
} from './schema';

/**
 * Connection records in clear (provider, account, scopes, times) and each connection's tokens
 * sealed as one secret, in one document written atomically. An unreadable file is moved aside
 * and reported, never silently replaced.
 *
 * Every write goes through one queue per vault and builds its document from the state at the
 * moment it commits: a write that awaited a slow cipher never writes back a map of secrets it
 * captured before the await (which lost the other connection's rotated tokens).
 */
export class Vault {
  private constructor(
    private readonly records: RecordStore,
    private readonly cipher: SecretCipher,
    private document: VaultDocument,
    private readonly baseStatus: VaultStatus,
    /** Set when the file was written by a newer Scopekeeper: then nothing is written over it. */
    private readonly readOnlyReason: string | undefined,
  ) {}

  /** Where an unreadable file was moved at open, if one was. */
  movedAsidePath: string | undefined;

  /** The tail of the write queue: each write starts when the one before it has settled. */
  private queue: Promise<unknown> = Promise.resolve();

  static open(records: RecordStore, cipher: SecretCipher, clock: Clock): Vault {
    removeStaleTempFiles(records.path);
    const loaded = load(records);
    if (loaded.kind === 'ok') return new Vault(records, cipher, loaded.document, { state: 'ready' }, undefined);
    if (loaded.kind === 'newer') {
      const reason = `Your saved connections were written by a newer version of Scopekeeper (schema ${loaded.version}). Update Scopekeeper to use them; nothing was changed.`;
      return new Vault(records, cipher, emptyVault(), { state: 'locked', lockedReason: reason }, reason);
    }
    const at = clock.now();
    const movedTo = `${records.path}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(records.path, movedTo);
    } catch (error) {
      // Neither readable nor movable: keep hands off the file and say so.
      // No path in what reaches the window: the file is named, the folder is Scopekeeper's own.
      const reason = `Your saved connections file (${basename(records.path)} in Scopekeeper’s data folder) could not be read (${loaded.reason}) or moved aside (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`;
      return new Vault(records, cipher, emptyVault(), { state: 'locked', lockedReason: reason }, reason);
    }
    // The renderer gets the file's name only; the path stays here for "Show in folder".
    const recovered = { fileName: basename(movedTo), at: at.toISOString(), reason: loaded.reason };
    const vault = new Vault(records, cipher, emptyVault(), { state: 'ready', recovered }, undefined);
    vault.movedAsidePath = movedTo;
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
   * Seals the tokens and writes record, secret and history together: all land or none does.
   * A null secret deletes the stored one (the grant was revoked).
   */
  async save(record: ConnectionRecord, secret: TokenSecret | null, history: readonly HistoryEntry[] = []): Promise<void> {
    // Sealing starts now, alongside other writes; the commit waits for its turn in the queue.
    const sealing = secret ? this.cipher.encrypt(JSON.stringify(secret)) : Promise.resolve(null);
    sealing.catch(() => undefined);
    return this.enqueue(async () => {
      await this.assertWritable();
      const sealed = await sealing;
      const { [record.id]: _old, ...otherSecrets } = this.document.secrets;
      this.commit({
        ...this.document,
        connections: { ...this.document.connections, [record.id]: record },
        secrets: sealed === null ? otherSecrets : { ...otherSecrets, [record.id]: sealed },
        history: [...this.document.history, ...history],
      });
    });
  }

  settings(): VaultSettings {
    return this.document.settings;
  }

  async saveSettings(settings: VaultSettings): Promise<void> {
    return this.enqueue(async () => {
      if (this.readOnlyReason) throw new ScopekeeperError('VAULT_LOCKED', this.readOnlyReason);
      this.commit({ ...this.document, settings });
    });
  }

  /** Adds to the timeline without touching records or secrets. */
  async appendHistory(entries: readonly HistoryEntry[]): Promise<void> {
    return this.enqueue(async () => {
      await this.assertWritable();
      this.commit({ ...this.document, history: [...this.document.history, ...entries] });
    });
  }

  /** A connection's timeline, oldest first; every connection's when no id is given. */
  history(connectionId?: string): HistoryEntry[] {
    return connectionId === undefined ? [...this.document.history] : this.document.history.filter((e) => e.connectionId === connectionId);
  }

  hasSecret(id: string): boolean {
    return Object.hasOwn(this.document.secrets, id);
  }

  async readSecret(id: string): Promise<TokenSecret> {
    const sealed = Object.hasOwn(this.document.secrets, id) ? this.document.secrets[id] : undefined;
    if (sealed === undefined) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'This connection has no saved tokens.');
    const plain = await this.cipher.decrypt(sealed).catch((error: unknown) => {
      throw new ScopekeeperError('VAULT_LOCKED', 'The saved tokens could not be decrypted on this computer.', {
        reason: error instanceof Error ? error.message : String(error),
      });
    });
    return tokenSecretSchema.parse(JSON.parse(plain));
  }

  customProviders(): CustomProviderRecord[] {
    return Object.values(this.document.providers).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  /** Keeps a server the person added; it holds no secret (public clients only). */
  async saveCustomProvider(provider: CustomProviderRecord): Promise<void> {
    return this.enqueue(async () => {
      if (this.readOnlyReason) throw new ScopekeeperError('VAULT_LOCKED', this.readOnlyReason);
      this.commit({ ...this.document, providers: { ...this.document.providers, [provider.id]: provider } });
    });
  }

  /** Deletes the record and its secret from the file; the history stays, with `history` appended. */
  async remove(id: string, history: readonly HistoryEntry[] = []): Promise<void> {
    return this.enqueue(async () => {
      if (!Object.hasOwn(this.document.connections, id)) {
        throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'That connection is not saved on this computer.');
      }
      if (this.readOnlyReason) throw new ScopekeeperError('VAULT_LOCKED', this.readOnlyReason);
      const { [id]: _record, ...connections } = this.document.connections;
      const { [id]: _secret, ...secrets } = this.document.secrets;
      this.commit({ ...this.document, connections, secrets, history: [...this.document.history, ...history] });
    });
  }

  private async assertWritable(): Promise<void> {
    const status = await this.status();
    if (status.state === 'locked') {
      throw new ScopekeeperError('VAULT_LOCKED', status.lockedReason ?? 'The vault is locked.');
    }
  }

  /** Runs `work` after every write queued before it, whether those succeeded or failed. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Writes first, then adopts: a failed write leaves memory and file agreeing. */
  private commit(next: VaultDocument): void {
    this.records.write(next);
    this.document = next;
  }
}

/**
 * Removes the temporary files an atomic write leaves behind when the process dies between writing
 * and renaming (`vault.json.tmp-<time><random>`). Only this app writes them and one instance runs
 * at a time (single-instance lock), so any found at open are orphans.
 */
function removeStaleTempFiles(path: string): void {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      rmSync(join(dirname(path), name), { force: true });
    } catch {
      // Not a file we can remove (a folder someone made): it does no harm where it is.
    }
  }
}

type Loaded = { kind: 'ok'; document: VaultDocument } | { kind: 'newer'; version: number } | { kind: 'unreadable'; reason: string };

function load(records: RecordStore): Loaded {
  let raw: unknown;
  try {
    raw = records.read();
  } catch (error) {
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
  const outcome = migrate(raw);
  switch (outcome.kind) {
    case 'empty':
      return { kind: 'ok', document: emptyVault() };
    case 'newer':
      return outcome;
    case 'invalid':
      return { kind: 'unreadable', reason: outcome.reason };
    case 'current':
    case 'migrated': {
      const parsed = vaultDocumentSchema.safeParse(outcome.document);
      if (!parsed.success) return { kind: 'unreadable', reason: `the file does not match the vault schema (${parsed.error.issues[0]?.message ?? 'invalid'})` };
      if (outcome.kind === 'migrated') records.write(parsed.data);
      return { kind: 'ok', document: parsed.data };
    }
  }
}
