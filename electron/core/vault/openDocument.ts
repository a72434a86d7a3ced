import { chmodSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { VaultStatus } from '../../../shared/ipc/contract';
import type { Clock, RecordStore } from '../ports';
import { applyChange, readChanges, readChangesFile } from './changeLog';
import type { HistoryLog } from './historyLog';
import { migrate } from './migrations';
import { emptyVault, parseVaultDocument, historyEntrySchema, type HistoryEntry, type VaultDocument } from './schema';

/**
 * Opening the vault's files: the document read and brought up to date (migrated, the change log
 * replayed), or, when it cannot be read, moved aside and reported; never silently replaced.
 */

/** What the vault starts from, and how it stands. */
export interface OpenedDocument {
  document: VaultDocument;
  status: VaultStatus;
  /** Set when nothing may be written over the files: they are from a newer Scopekeeper, or could not be brought up to date. */
  readOnlyReason?: string;
  /** Where an unreadable file was moved, if one was. */
  movedAsidePath?: string;
}

type Loaded =
  | { kind: 'ok'; document: VaultDocument; migrated: boolean; legacyHistory: HistoryEntry[] }
  | { kind: 'newer'; version: number }
  | { kind: 'unreadable'; reason: string };

/** Reads the document in `records` and the change log at `changesPath`; old history goes to `log`. */
export function openDocument(records: RecordStore, changesPath: string, log: HistoryLog, clock: Clock): OpenedDocument {
  ownerOnly(records.path);
  const loaded = load(records);
  if (loaded.kind === 'ok') return upToDate(loaded, records, changesPath, log, clock);
  if (loaded.kind === 'newer') {
    return locked(`Your saved connections were written by a newer version of Scopekeeper (schema ${loaded.version}). Update Scopekeeper to use them; nothing was changed.`);
  }
  return movedAside(records, changesPath, loaded.reason, clock);
}

/**
 * The records are written 0600, but a file copied in, restored from a backup or chmod-ed by hand
 * may be readable by the group or everyone: it holds every account name and sealed token, so it
 * is made owner-only again before anything else (nothing rewrites it whole these days: writes go
 * to the change log). Windows has no such mode bits (the data folder's ACL applies).
 */
function ownerOnly(path: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch (error) {
    // No file yet is the first start; one we may not change (another owner's) is read as it is.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

function locked(reason: string): OpenedDocument {
  return { document: emptyVault(), status: { state: 'locked', lockedReason: reason }, readOnlyReason: reason };
}

/** Migrates (history moved to the log) and replays the change log onto the document. */
function upToDate(loaded: Loaded & { kind: 'ok' }, records: RecordStore, changesPath: string, log: HistoryLog, clock: Clock): OpenedDocument {
  const document = loaded.document;
  let recovered: VaultStatus['recovered'];
  let movedAside: string | undefined;
  try {
    if (loaded.migrated) {
      // History first, then the document without it: a crash in between leaves the old
      // document, whose history is moved again at the next open, skipping what already landed.
      log.append(loaded.legacyHistory.filter((entry) => !log.has(entry.id)));
      records.write(document);
    }
    const replay = readChanges(readChangesFile(changesPath));
    for (const change of replay.changes) applyChange(document, change);
    if (replay.unreadable > 0) {
      // Keep what could be read, in the document; the log itself goes aside for inspection.
      const at = clock.now();
      records.write(document);
      const movedTo = `${changesPath}.corrupt-${stamp(at)}`;
      renameSync(changesPath, movedTo);
      movedAside = movedTo;
      recovered = { fileName: basename(movedTo), at: at.toISOString(), reason: `${replay.unreadable} saved change(s) could not be read; the rest were kept` };
    }
  } catch (error) {
    return locked(
      `Your saved connections could not be brought up to date (${error instanceof Error ? error.message : String(error)}). Nothing was lost; restart Scopekeeper to try again.`,
    );
  }
  return { document, status: recovered ? { state: 'ready', recovered } : { state: 'ready' }, movedAsidePath: movedAside };
}

/** An unreadable document goes aside (with the changes made on top of it); the vault starts empty. */
function movedAside(records: RecordStore, changesPath: string, reason: string, clock: Clock): OpenedDocument {
  const at = clock.now();
  const movedTo = `${records.path}.corrupt-${stamp(at)}`;
  try {
    renameSync(records.path, movedTo);
    // Changes made on top of the unreadable document mean nothing without it: aside with it.
    if (readChangesFile(changesPath) !== '') renameSync(changesPath, `${changesPath}.corrupt-${stamp(at)}`);
  } catch (error) {
    // Neither readable nor movable: keep hands off the file and say so.
    // No path in what reaches the window: the file is named, the folder is Scopekeeper's own.
    return locked(
      `Your saved connections file (${basename(records.path)} in Scopekeeper’s data folder) could not be read (${reason}) or moved aside (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`,
    );
  }
  // The renderer gets the file's name only; the path stays here for "Show in folder".
  return { document: emptyVault(), status: { state: 'ready', recovered: { fileName: basename(movedTo), at: at.toISOString(), reason } }, movedAsidePath: movedTo };
}

/**
 * Schema 2 kept history inside the document; schema 3 moves it to the log. Entries that do not
 * match the schema are dropped here as they would have failed the whole file before.
 */
function legacyHistory(raw: unknown): HistoryEntry[] {
  const history = (raw as { history?: unknown }).history;
  if (!Array.isArray(history)) return [];
  return history.flatMap((entry) => {
    const parsed = historyEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/**
 * Removes the temporary files an atomic write leaves behind when the process dies between writing
 * and renaming (`vault.json.tmp-<time><random>`). Only this app writes them and one instance runs
 * at a time (single-instance lock), so any found at open are orphans.
 */
export function removeStaleTempFiles(path: string): void {
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
      return { kind: 'ok', document: emptyVault(), migrated: false, legacyHistory: [] };
    case 'newer':
      return outcome;
    case 'invalid':
      return { kind: 'unreadable', reason: outcome.reason };
    case 'current':
    case 'migrated': {
      const parsed = parseVaultDocument(outcome.document);
      if (!parsed.success) return { kind: 'unreadable', reason: `the file does not match the vault schema (${parsed.message})` };
      return { kind: 'ok', document: parsed.data, migrated: outcome.kind === 'migrated', legacyHistory: legacyHistory(raw) };
    }
  }
}
