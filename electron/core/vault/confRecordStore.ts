import type { RecordStore } from '../ports';

/** The part of conf / electron-store this adapter uses (electron-store extends conf). */
export interface ConfLike {
  store: Record<string, unknown>;
}

/**
 * A RecordStore over conf or electron-store (atomic writes, file mode set by the caller).
 * conf parses the file in its constructor, so the store is opened on first use: a corrupt file
 * then fails `read()`, where the vault can move it aside, instead of failing start-up.
 */
export function confRecordStore(path: string, open: () => ConfLike): RecordStore {
  let conf: ConfLike | undefined;
  const instance = (): ConfLike => (conf ??= open());
  return {
    path,
    read: () => instance().store,
    write: (document) => {
      instance().store = document;
    },
  };
}
