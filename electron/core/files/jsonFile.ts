import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Small owner-only JSON files written whole (the broker's tools, the CLI's secrets, the sandbox's
 * state). Reading gives the text: what a missing file means and what to do with one that does not
 * parse is each caller's to decide.
 */

/** The file's text, or undefined when there is no such file; any other read error is thrown. */
export function readJsonText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes `value` as JSON, whole: to `<path>.<pid>.tmp` (mode 0600), then renamed into place, so a
 * crash leaves the old file or the new one, never part of one. `indent` as JSON.stringify's.
 */
export function writeJsonAtomically(path: string, value: unknown, indent?: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, indent), { mode: 0o600 });
  renameSync(temporary, path);
  // The mode above applies only to a file writeFileSync creates (and under the umask): a temporary
  // file left by an earlier crash keeps its own. The file is owner-only whatever was there.
  chmodSync(path, 0o600);
}
