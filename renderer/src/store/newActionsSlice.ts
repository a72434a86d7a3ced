import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

/** Actions an app update brought: reviewing them on a connection, and Settings → "New actions enabled by default". */
export interface NewActionsSlice {
  /** Actions an update brought, reviewed (Mark as reviewed): no longer New. */
  reviewActions(connectionId: string, actionIds: readonly string[]): Promise<boolean>;
  /** Settings → "New actions enabled by default"; null until read. */
  newActionsOn: boolean | null;
  loadNewActionsSetting(): Promise<void>;
  setNewActionsSetting(on: boolean): Promise<void>;
}

export const createNewActionsSlice: SliceCreator<NewActionsSlice> = (set, get) => ({
  async reviewActions(connectionId, actionIds) {
    const result = await call(() => getBridge().grants.reviewActions({ connectionId, actionIds: [...actionIds] }));
    if (!result.ok) {
      get().reportError(result.error, undefined, undefined, PLACES.actions(connectionId));
      return false;
    }
    get().showConnection(result.value);
    void get().loadReview();
    return true;
  },

  newActionsOn: null,

  async loadNewActionsSetting() {
    const result = await call(() => getBridge().app.newActions());
    if (result.ok) set({ newActionsOn: result.value.on });
  },

  async setNewActionsSetting(on) {
    const result = await call(() => getBridge().app.setNewActions({ on }));
    if (!result.ok) {
      get().reportError(result.error, undefined, undefined, PLACES.settingsPermissions);
      return;
    }
    set({ newActionsOn: result.value.on });
    // Each connection's new actions may have turned on or off.
    await get().loadConnections();
    void get().loadReview();
  },
});
