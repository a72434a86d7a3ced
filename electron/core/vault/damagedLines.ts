import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { SetAsideLines } from '../../../shared/ipc/contract';
import { completeLines } from './appendFile';

/** What reading a JSON-lines log found: its entries, and how many damaged lines were set aside. */
export interface LogRead<T> {
  entries: T[];
  setAside: number;
}

/**
 * Reads a JSON-lines log's complete lines (a torn last line is the append that never returned:
 * AppendFile cuts it off). A complete line `parse` refuses is damaged: it is appended to `asidePath`
 * (mode 0600) and the log rewritten without it (whole, then renamed into place), so it is kept for
 * inspection, never dropped, and never found (or reported) again. `beforeRewrite` runs first: the
 * caller closes its handle on the log, which the rename replaces.
 */
export function readSettingAside<T>(path: string, asidePath: string, parse: (line: string) => T | undefined, beforeRewrite: () => void): LogRead<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], setAside: 0 };
    throw error;
  }
  const entries: T[] = [];
  const kept: string[] = [];
  const damaged: string[] = [];
  for (const line of completeLines(text).lines) {
    const entry = parse(line);
    if (entry === undefined) {
      damaged.push(line);
    } else {
      entries.push(entry);
      kept.push(line);
    }
  }
  if (damaged.length > 0) {
    beforeRewrite();
    // Aside first: a crash before the rename leaves the lines in both places, never in neither.
    writeDurably(asidePath, 'a', damaged);
    const temporary = `${path}.tmp-aside`;
    writeDurably(temporary, 'w', kept);
    renameSync(temporary, path);
  }
  return { entries, setAside: damaged.length };
}

/** A parser for one JSON line: the value `accept` makes of it, or undefined for anything else. */
export function jsonLine<T>(accept: (raw: unknown) => T | undefined): (line: string) => T | undefined {
  return (line) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return undefined;
    }
    return accept(raw);
  };
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
