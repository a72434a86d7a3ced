import type { RemovedConnectionView } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import type { LoadStatus, SliceCreator } from './types';

export interface HistorySlice {
  /** Connections removed from this computer, whose history the main process keeps. */
  removedConnections: RemovedConnectionView[];
  removedConnectionsLoadStatus: LoadStatus;
  loadRemovedConnections(): Promise<void>;
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => {
  let latestRequest = 0;

  return {
    removedConnections: [],
    removedConnectionsLoadStatus: 'idle',

    async loadRemovedConnections() {
      // Refetched on every grants:changed; only the newest answer may replace the list.
      const request = ++latestRequest;
      set({ removedConnectionsLoadStatus: 'loading' });
      const result = await call(() => getBridge().history.listRemoved());
      if (request !== latestRequest) return;
      if (result.ok) {
        set({ removedConnections: result.value, removedConnectionsLoadStatus: 'ready' });
      } else {
        set({ removedConnectionsLoadStatus: 'error' });
        get().reportError(result.error);
      }
    },
  };
};
