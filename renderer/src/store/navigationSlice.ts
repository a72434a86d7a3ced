import type { SettingsSection } from './places';
import type { SliceCreator } from './types';

/**
 * Where the person is inside a view, kept in the store (not in a component) so it survives
 * switching views and so a deep link or a clicked notification can set it: the Settings section
 * shown, whether Connections shows the removed connections' history, and the tool shown in Tools.
 */
export interface NavigationSlice {
  settingsSection: SettingsSection;
  showSettingsSection(section: SettingsSection): void;
  /**
   * With no connection selected, Connections shows the removed connections' history instead of
   * "Connect an account". Selecting anything else (a connection, Connect an account) clears it.
   */
  removedShown: boolean;
  showRemoved(): void;
  /**
   * The tool whose approvals the Tools view shows. Null, or a tool gone since, shows the first
   * tool (how to connect one when there is none).
   */
  selectedToolId: string | null;
  /** The Tools view shows how to connect a tool, chosen in its list. */
  connectToolShown: boolean;
  selectTool(toolId: string): void;
  showConnectTool(): void;
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (set) => ({
  settingsSection: 'permissions',
  removedShown: false,
  selectedToolId: null,
  connectToolShown: false,

  showSettingsSection(settingsSection) {
    set({ settingsSection });
  },

  showRemoved() {
    set({ selectedId: null, removedShown: true });
  },

  selectTool(selectedToolId) {
    set({ selectedToolId, connectToolShown: false });
  },

  showConnectTool() {
    set({ selectedToolId: null, connectToolShown: true });
  },
});
