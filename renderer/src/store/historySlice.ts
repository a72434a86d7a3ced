import type { RemovedConnectionView } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { latestRequestLoader } from './latestRequest';
import type { LoadStatus, SliceCreator } from './types';

export interface HistorySlice {
  /** Connections removed from this computer, whose history the main process keeps. */
  removedConnections: RemovedConnectionView[];
  removedConnectionsLoadStatus: LoadStatus;
  loadRemovedConnections(): Promise<void>;
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => {
  // Refetched on every grants:changed; only the newest answer may replace the list.
  const removedLoader = latestRequestLoader(get, {
    request: () => getBridge().history.listRemoved(),
    setStatus: (removedConnectionsLoadStatus) => set({ removedConnectionsLoadStatus }),
    loaded: (removedConnections) => set({ removedConnections, removedConnectionsLoadStatus: 'ready' }),
  });

  return {
    removedConnections: [],
    removedConnectionsLoadStatus: 'idle',

    loadRemovedConnections: () => removedLoader.load(),
  };
};
