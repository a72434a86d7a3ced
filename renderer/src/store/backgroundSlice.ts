import type { BackgroundSettings } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

/**
 * Running in the background (Settings → General) and Pause tools. The main process is the source
 * of truth: each answer, and each `background:changed` (the tray menu paused tools), replaces it.
 */
export interface BackgroundSlice {
  /** null until loaded. */
  background: BackgroundSettings | null;
  /** True while a switch or Pause is being saved, so it is not pressed twice. */
  savingBackground: boolean;

  loadBackground(): Promise<void>;
  /** Settings → General: Start at login, Keep running when the window is closed. */
  setBackground(change: { startAtLogin?: boolean; keepRunning?: boolean }): Promise<void>;
  /** Pause tools (true) or resume them; `place` is where the outcome is said. */
  pauseTools(paused: boolean, place: string): Promise<void>;
  backgroundChanged(background: BackgroundSettings): void;
}

export const createBackgroundSlice: SliceCreator<BackgroundSlice> = (set, get) => {
  async function save(request: () => ReturnType<ReturnType<typeof getBridge>['background']['set']>, place: string): Promise<boolean> {
    if (get().savingBackground) return false;
    set({ savingBackground: true });
    const result = await call(request);
    set({ savingBackground: false, ...(result.ok ? { background: result.value } : {}) });
    if (!result.ok) get().reportError(result.error, undefined, undefined, place);
    return result.ok;
  }

  return {
    background: null,
    savingBackground: false,

    async loadBackground() {
      const result = await call(() => getBridge().background.get());
      if (result.ok) set({ background: result.value });
      else get().reportError(result.error, undefined, undefined, PLACES.general);
    },

    async setBackground(change) {
      await save(() => getBridge().background.set(change), PLACES.general);
    },

    async pauseTools(paused, place) {
      if (await save(() => getBridge().background.pauseTools({ paused }), place)) {
        get().showNotice(paused ? 'Tools are paused: Scopekeeper refuses their requests until you resume them.' : 'Tools are resumed.', place, 'success');
      }
    },

    backgroundChanged(background) {
      set({ background });
    },
  };
};
