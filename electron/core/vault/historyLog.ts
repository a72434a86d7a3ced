import { closeSync, fchmodSync, fstatSync, fsyncSync, openSync, readdirSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { historyEntrySchema, type HistoryEntry } from './schema';

/** Past this size the current file is closed and a new one started; old segments are kept. */
export const DEFAULT_ROTATE_BYTES = 4 * 1024 * 1024;

const CURRENT = 'history.jsonl';
const SEGMENT = /^history\.(\d+)\.jsonl$/;

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
 * index as they land. A line that does not parse (the tail of a write cut off by a crash) is
 * skipped and counted, and the next append starts on a fresh line.
 */
export class HistoryLog {
  private fd: number | undefined;
  private size = 0;
  private index: { all: HistoryEntry[]; byConnection: Map<string, HistoryEntry[]>; ids: Set<string> } | undefined;
  /** Lines that could not be read back, for diagnostics and tests. */
  skippedLines = 0;

  constructor(
    readonly directory: string,
    private readonly rotateBytes: number = DEFAULT_ROTATE_BYTES,
  ) {}

  /** Appends the entries as one durable write. Throws when the disk refuses; then nothing was indexed. */
  append(entries: readonly HistoryEntry[]): void {
    if (entries.length === 0) return;
    const fd = this.open();
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    this.size += bytes.length;
    if (this.index) for (const entry of entries) this.remember(this.index, entry);
    if (this.size >= this.rotateBytes) this.rotate();
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
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(join(this.directory, CURRENT), 'a+', 0o600);
    // The mode given to openSync only applies to a new file (and the umask may lower it further).
    fchmodSync(fd, 0o600);
    this.size = fstatSync(fd).size;
    // A crash can leave half a line at the end; the next entry must not be glued to it.
    if (this.size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, this.size - 1);
      if (last[0] !== 0x0a) {
        writeSync(fd, '\n');
        this.size += 1;
      }
    }
    this.fd = fd;
    return fd;
  }

  private rotate(): void {
    this.close();
    const last = this.files().slice(0, -1).pop();
    const next = last ? Number(SEGMENT.exec(last.slice(this.directory.length + 1))![1]) + 1 : 1;
    renameSync(join(this.directory, CURRENT), join(this.directory, `history.${next}.jsonl`));
    this.size = 0;
  }

  private load(): NonNullable<HistoryLog['index']> {
    if (this.index) return this.index;
    const index = { all: [] as HistoryEntry[], byConnection: new Map<string, HistoryEntry[]>(), ids: new Set<string>() };
    for (const file of this.files()) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const entry = parseLine(line);
        if (entry) this.remember(index, entry);
        else this.skippedLines += 1;
      }
    }
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

function parseLine(line: string): HistoryEntry | undefined {
  try {
    const parsed = historyEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
