import type { ConnectionView } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import type { LoadStatus, SliceCreator } from './types';

export interface ConnectionsSlice {
  connections: ConnectionView[];
  connectionsLoadStatus: LoadStatus;
  /** True once a list has arrived, so a refetch does not look like a first load. */
  connectionsLoaded: boolean;
  /** The connection a forget request is pending for. */
  forgettingId: string | null;
  /** The connection whose access is being checked at its provider. */
  checkingId: string | null;
  loadConnections(): Promise<void>;
  /** Asks the provider whether the grant is still alive; a revoked one then shows as such. */
  checkConnection(connectionId: string): Promise<void>;
  /** Resolves true when the main process forgot the connection. */
  forget(connectionId: string): Promise<boolean>;
}

export const createConnectionsSlice: SliceCreator<ConnectionsSlice> = (set, get) => {
  let latestRequest = 0;

  return {
    connections: [],
    connectionsLoadStatus: 'idle',
    connectionsLoaded: false,
    forgettingId: null,
    checkingId: null,

    async loadConnections() {
      // grants:changed can arrive in bursts; only the newest answer may replace the list.
      const request = ++latestRequest;
      set({ connectionsLoadStatus: 'loading' });
      const result = await call(() => getBridge().grants.list());
      if (request !== latestRequest) return;
      if (result.ok) {
        set({ connections: result.value, connectionsLoadStatus: 'ready', connectionsLoaded: true });
      } else {
        set({ connectionsLoadStatus: 'error' });
        get().reportError(result.error);
      }
    },

    async checkConnection(connectionId) {
      const connection = get().connections.find((c) => c.id === connectionId);
      set({ checkingId: connectionId, notice: null });
      const result = await call(() => getBridge().grants.check({ connectionId }));
      set({ checkingId: null });
      if (!result.ok) {
        get().reportError(result.error, connection?.providerName);
        return;
      }
      const checked = result.value;
      set((state) => ({ connections: state.connections.map((c) => (c.id === connectionId ? checked : c)) }));
      if (checked.state === 'connected') get().showNotice(`${checked.providerName} still accepts Scopekeeper's access to ${checked.account}.`);
    },

    async forget(connectionId) {
      const connection = get().connections.find((c) => c.id === connectionId);
      set({ forgettingId: connectionId, notice: null });
      const result = await call(() => getBridge().grants.forget({ connectionId }));
      set({ forgettingId: null });

      if (result.ok) {
        // Drop it at once; the refetch (and grants:changed) then confirms what main has saved.
        set((state) => ({ connections: state.connections.filter((c) => c.id !== connectionId) }));
        if (connection !== undefined) {
          get().showNotice(`${connection.account} on ${connection.providerName} was forgotten on this computer.`);
        }
        void get().loadConnections();
        return true;
      }

      get().reportError(result.error, connection?.providerName);
      // Our list was stale: show what is really saved.
      if (result.error.code === 'CONNECTION_NOT_FOUND') void get().loadConnections();
      return false;
    },
  };
};
