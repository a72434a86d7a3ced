import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppendFile } from './appendFile';
import { readSettingAside } from './damagedLines';
import { historyEntrySchema, type HistoryEntry } from './schema';

/** Past this size the current file is closed and a new one started; old segments are kept. */
export const DEFAULT_ROTATE_BYTES = 4 * 1024 * 1024;

const CURRENT = 'history.jsonl';
const SEGMENT = /^history\.(\d+)\.jsonl$/;
/** Where lines that are not entries go, from every segment (kept for inspection, never read). */
const DAMAGED = 'history.damaged.jsonl';

/**
 * The history of every connection, as an append-only JSON-lines file beside the records: one
 * entry per line, written with one `write` and made durable with `fsync` before the append
 * returns, mode 0600. Past `rotateBytes` the file is renamed to `history.<n>.jsonl` and a new one
 * begun, so an append never costs more as years of history pile up. Segments are never deleted:
 * a connection's history is the person's record of what an app could do, and it outlives the
 * connection.
 *
 * Nothing is read at open. The first read parses every segment once and indexes the entries by
 * connection id; after that a connection's history is one map lookup, and appends update the
 * index as they land. A line cut short by a crash is ignored (and cut off before the next
 * append); a complete line that is not JSON is set aside in `history.damaged.jsonl`, counted and
 * reported; an object that is not an entry (a newer version's) is skipped where it is (damagedLines.ts).
 */
export class HistoryLog {
  private readonly current: AppendFile;
  private index: { all: HistoryEntry[]; byConnection: Map<string, HistoryEntry[]>; ids: Set<string> } | undefined;
  /** Lines that could not be read back, for diagnostics and tests. */
  skippedLines = 0;

  constructor(
    readonly directory: string,
    private readonly rotateBytes: number = DEFAULT_ROTATE_BYTES,
    /** Told how many damaged lines were set aside, when the first read finds some. */
    private readonly onSetAside: (lines: number) => void = () => undefined,
  ) {
    this.current = new AppendFile(join(directory, CURRENT));
  }

  /** Appends the entries as one durable write. Throws when the disk refuses; then nothing was indexed. */
  append(entries: readonly HistoryEntry[]): void {
    if (entries.length === 0) return;
    this.current.append(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    if (this.index) for (const entry of entries) this.remember(this.index, entry);
    if (this.current.size >= this.rotateBytes) this.rotate();
  }

  /**
   * Appends the entries, flushing them together with whatever `alongside` flushes (another
   * file written for the same change), and indexes them once both are on disk.
   */
  async appendAlongside(entries: readonly HistoryEntry[], alongside: () => Promise<void>): Promise<void> {
    if (entries.length === 0) return alongside();
    this.current.write(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    await Promise.all([this.current.sync(), alongside()]);
    if (this.index) for (const entry of entries) this.remember(this.index, entry);
    if (this.current.size >= this.rotateBytes) this.rotate();
  }

  /** A connection's entries, oldest first; every connection's when no id is given. */
  read(connectionId?: string): HistoryEntry[] {
    const index = this.load();
    if (connectionId === undefined) return [...index.all];
    return [...(index.byConnection.get(connectionId) ?? [])];
  }

  /** The ids of every connection with history, in the order their first entry was written. */
  connectionIds(): string[] {
    return [...this.load().byConnection.keys()];
  }

  /** Whether an entry with this id was written already (a re-run migration must not add it twice). */
  has(entryId: string): boolean {
    return this.load().ids.has(entryId);
  }

  /** The files holding the history, oldest first. */
  files(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      names = [];
    }
    const segments = names
      .map((name) => ({ name, n: SEGMENT.exec(name)?.[1] }))
      .filter((s): s is { name: string; n: string } => s.n !== undefined)
      .sort((a, b) => Number(a.n) - Number(b.n))
      .map((s) => join(this.directory, s.name));
    return [...segments, join(this.directory, CURRENT)];
  }

  close(): void {
    this.current.close();
  }

  private rotate(): void {
    this.close();
    const last = this.files().slice(0, -1).pop();
    const next = last ? Number(SEGMENT.exec(last.slice(this.directory.length + 1))![1]) + 1 : 1;
    renameSync(join(this.directory, CURRENT), join(this.directory, `history.${next}.jsonl`));
  }

  private load(): NonNullable<HistoryLog['index']> {
    if (this.index) return this.index;
    const index = { all: [] as HistoryEntry[], byConnection: new Map<string, HistoryEntry[]>(), ids: new Set<string>() };
    let setAside = 0;
    for (const file of this.files()) {
      // A cut-short last line belongs to an append that never returned: not an entry, not an error.
      const read = readSettingAside(file, join(this.directory, DAMAGED), accept, () => this.current.close());
      for (const entry of read.entries) this.remember(index, entry);
      setAside += read.setAside;
      this.skippedLines += read.setAside + read.skipped;
    }
    if (setAside > 0) this.onSetAside(setAside);
    this.index = index;
    return index;
  }

  private remember(index: NonNullable<HistoryLog['index']>, entry: HistoryEntry): void {
    index.all.push(entry);
    index.ids.add(entry.id);
    const list = index.byConnection.get(entry.connectionId);
    if (list) list.push(entry);
    else index.byConnection.set(entry.connectionId, [entry]);
  }
}

function accept(raw: object): HistoryEntry | undefined {
  const parsed = historyEntrySchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
