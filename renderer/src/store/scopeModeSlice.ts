import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

export type ScopeModeChoice = 'follow' | 'fixed';

/**
 * The fixed list's editor, open for one connection: `adding` are scopes it opens with ticked on
 * top of the list ("Add it to the list"), `reset` opens it with the recommended list instead.
 * `n` counts openings, so asking again with the same scopes opens it afresh.
 */
export interface ListEditor {
  connectionId: string;
  adding: readonly string[];
  reset: boolean;
  n: number;
}

/** A connection's scope mode (Follow my actions, Fixed list) and the editor of its list. */
export interface ScopeModeSlice {
  listEditor: ListEditor | null;
  openListEditor(connectionId: string, options?: { adding?: readonly string[]; reset?: boolean }): void;
  closeListEditor(): void;
  /** "Add it to the list" (from an action or a tool's question): the connection shown, its editor open with `missing` ticked. */
  addToList(connectionId: string, missing: readonly string[]): void;
  setScopeMode(connectionId: string, mode: ScopeModeChoice): Promise<void>;
  /** Saves the list; true when it was saved (the editor then closes). */
  saveFixedList(connectionId: string, scopes: readonly string[]): Promise<boolean>;
}

export const createScopeModeSlice: SliceCreator<ScopeModeSlice> = (set, get) => ({
  listEditor: null,

  openListEditor(connectionId, options = {}) {
    set((state) => ({ listEditor: { connectionId, adding: options.adding ?? [], reset: options.reset === true, n: (state.listEditor?.n ?? 0) + 1 } }));
  },

  closeListEditor() {
    set({ listEditor: null });
  },

  addToList(connectionId, missing) {
    get().select(connectionId);
    set((state) => ({ viewAsked: { view: 'connections', n: (state.viewAsked?.n ?? 0) + 1 } }));
    get().openListEditor(connectionId, { adding: missing });
  },

  async setScopeMode(connectionId, mode) {
    const result = await call(() => getBridge().grants.setScopeMode({ connectionId, mode }));
    const place = PLACES.connection(connectionId);
    if (!result.ok) {
      get().reportError(result.error, undefined, undefined, place);
      return;
    }
    get().showConnection(result.value);
    if (mode === 'follow' && get().listEditor?.connectionId === connectionId) set({ listEditor: null });
    get().showNotice(
      mode === 'fixed' ? 'This connection now keeps a fixed list: nothing is added outside it until you edit it.' : 'This connection now follows the actions you turn on.',
      place,
      'success',
    );
  },

  async saveFixedList(connectionId, scopes) {
    const result = await call(() => getBridge().grants.saveFixedList({ connectionId, scopes: [...scopes] }));
    const place = PLACES.connection(connectionId);
    if (!result.ok) {
      get().reportError(result.error, undefined, undefined, place);
      return false;
    }
    get().showConnection(result.value);
    set({ listEditor: null });
    const granted = new Set(result.value.grantedScopes);
    const pending = result.value.scopeMode?.list.filter((scope) => !granted.has(scope.scope)) ?? [];
    get().showNotice(
      pending.length > 0
        ? `The list is saved. Not granted yet: ${pending.map((s) => s.title).join(', ')}; nothing was asked of ${result.value.providerName}.`
        : 'The list is saved.',
      place,
      'success',
    );
    return true;
  },
});
