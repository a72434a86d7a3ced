import type { RemoteToolsView } from '../../../shared/ipc/contract';
import { errorText } from '../ui/errorText';
import { getBridge } from '../bridge';
import { call } from './call';
import type { SliceCreator } from './types';

/** A connection's MCP server tools as last listed, or why they could not be (a sentence to show). */
export type RemoteToolsState = { view: RemoteToolsView } | { problem: string };

/**
 * What the MCP servers of the connections shown so far offer (`remote:tools`), listed through
 * Scopekeeper's own session in the main process; listed again when a server says its tools
 * changed (`remote:tools-changed`).
 */
export interface RemoteToolsSlice {
  remoteTools: Record<string, RemoteToolsState>;
  loadRemoteTools(connectionId: string): Promise<void>;
  /** A server's tools changed: listed again if its connection was shown. */
  remoteToolsChanged(connectionId: string): void;
}

export const createRemoteToolsSlice: SliceCreator<RemoteToolsSlice> = (set, get) => ({
  remoteTools: {},
  loadRemoteTools: async (connectionId) => {
    const result = await call(() => getBridge().remote.tools({ connectionId }));
    const state: RemoteToolsState = result.ok ? { view: result.value } : { problem: errorText(result.error) };
    set((s) => ({ remoteTools: { ...s.remoteTools, [connectionId]: state } }));
  },
  remoteToolsChanged: (connectionId) => {
    if (connectionId in get().remoteTools) void get().loadRemoteTools(connectionId);
  },
});
