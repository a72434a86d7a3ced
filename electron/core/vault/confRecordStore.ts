import { readFileSync } from 'node:fs';
import type { RecordStore } from '../ports';

/** The part of conf / electron-store this adapter uses (electron-store extends conf). */
export interface ConfLike {
  store: Record<string, unknown>;
}

/**
 * A RecordStore over conf or electron-store (atomic writes, file mode set by the caller).
 *
 * The file is read here, once, as the JSON it holds, not through conf: conf parses the file in
 * its constructor and again on `store`, and reads any JSON that is not an object (`[1,2,3]`,
 * `null`, `"hello"`) as an EMPTY store, which the next write would then save over the person's
 * data. The vault must see exactly what is in the file to move such a file aside.
 * conf is opened on the first write only, so a corrupt file is never parsed by it at start-up.
 */
export function confRecordStore(path: string, open: () => ConfLike): RecordStore {
  let conf: ConfLike | undefined;
  return {
    path,
    read: () => readJsonFile(path),
    write: (document) => {
      (conf ??= open()).store = document;
    },
  };
}

/** The JSON value a file holds; undefined when there is no file. Throws when it is not JSON. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    // A text editor may have saved a byte order mark, which JSON.parse refuses and conf skips.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    // V8's message quotes the text around the failure: part of the file, which must not reach a
    // log or the screen, so the original error is deliberately not attached.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`the file is not valid JSON${error instanceof SyntaxError && /position \d+/.test(error.message) ? ` (${/position \d+/.exec(error.message)![0]})` : ''}`);
  }
}
