import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { SetAsideLines } from '../../../shared/ipc/contract';
import { completeLines } from './appendFile';

/** What reading a JSON-lines log found: its entries, how many damaged lines were set aside, how many skipped. */
export interface LogRead<T> {
  entries: T[];
  setAside: number;
  /** JSON objects `accept` refused: left in place (a newer Scopekeeper may have written them). */
  skipped: number;
}

/**
 * Reads a JSON-lines log's complete lines (a torn last line is the append that never returned:
 * AppendFile cuts it off). A complete line that is not a JSON object is damaged (bytes a crash or
 * the disk mangled, two writes run together): it is appended to `asidePath` (mode 0600) and the
 * log rewritten without it (whole, then renamed into place), so it is kept for inspection, never
 * dropped, and never found (or reported) again. A JSON object `accept` refuses stays where it is,
 * skipped: a newer Scopekeeper may have written it, and will read it again. `beforeRewrite` runs
 * first: the caller closes its handle on the log, which the rename replaces.
 */
export function readSettingAside<T>(path: string, asidePath: string, accept: (raw: object) => T | undefined, beforeRewrite: () => void): LogRead<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], setAside: 0, skipped: 0 };
    throw error;
  }
  const entries: T[] = [];
  const kept: string[] = [];
  const damaged: string[] = [];
  let skipped = 0;
  for (const line of completeLines(text).lines) {
    const raw = jsonObject(line);
    if (raw === undefined) {
      damaged.push(line);
      continue;
    }
    kept.push(line);
    const entry = accept(raw);
    if (entry === undefined) skipped++;
    else entries.push(entry);
  }
  if (damaged.length > 0) {
    beforeRewrite();
    // Aside first: a crash before the rename leaves the lines in both places, never in neither.
    writeDurably(asidePath, 'a', damaged);
    const temporary = `${path}.tmp-aside`;
    writeDurably(temporary, 'w', kept);
    renameSync(temporary, path);
  }
  return { entries, setAside: damaged.length, skipped };
}

function jsonObject(line: string): object | undefined {
  try {
    const raw: unknown = JSON.parse(line);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : undefined;
  } catch {
    return undefined;
  }
}

function writeDurably(path: string, flags: 'a' | 'w', lines: string[]): void {
  const fd = openSync(path, flags, 0o600);
  try {
    // The mode given to openSync applies only to a new file.
    fchmodSync(fd, 0o600);
    if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What the logs set aside this run, per log, for the window to say once (app:status). */
export class SetAsideReport {
  private readonly found = new Map<SetAsideLines['log'], SetAsideLines>();

  /** A reporter for one log, whose damaged lines go to `fileName` in the data folder. */
  reporter(log: SetAsideLines['log'], fileName: string): (lines: number) => void {
    return (lines) => {
      const before = this.found.get(log)?.lines ?? 0;
      this.found.set(log, { log, lines: before + lines, fileName });
    };
  }

  list(): SetAsideLines[] {
    return [...this.found.values()];
  }
}
