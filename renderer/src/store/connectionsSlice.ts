import type { ConnectionView } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { latestRequestLoader } from './latestRequest';
import { PLACES } from './places';
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
  /**
   * The connection whose detail the window shows; null shows "Connect an account". Only this one
   * connection's detail is rendered, however many there are.
   */
  selectedId: string | null;
  loadConnections(): Promise<void>;
  /** Asks the provider whether the grant is still alive; a revoked one then shows as such. */
  checkConnection(connectionId: string): Promise<void>;
  /** Resolves true when the main process forgot the connection. */
  forget(connectionId: string): Promise<boolean>;
  /** Shows a connection's detail, or "Connect an account" with null. */
  select(connectionId: string | null): void;
  /** Puts a connection the main process just answered with into the list, and selects it. */
  showConnection(connection: ConnectionView): void;
}

/**
 * Which connection stays selected when the list changes: the same one while it exists; when it
 * went away, the one now at its place (or the last); on the first list, the first connection.
 */
export function nextSelection(
  before: readonly ConnectionView[],
  after: readonly ConnectionView[],
  selectedId: string | null,
  firstLoad: boolean,
): string | null {
  if (selectedId === null) return firstLoad ? (after[0]?.id ?? null) : null;
  if (after.some((c) => c.id === selectedId)) return selectedId;
  const index = before.findIndex((c) => c.id === selectedId);
  if (after.length === 0) return null;
  return after[Math.min(Math.max(index, 0), after.length - 1)]!.id;
}

export const createConnectionsSlice: SliceCreator<ConnectionsSlice> = (set, get) => {
  function replaceConnections(list: ConnectionView[], firstLoad: boolean): void {
    const { connections, selectedId } = get();
    set({ connections: list, selectedId: nextSelection(connections, list, selectedId, firstLoad) });
  }

  // grants:changed can arrive in bursts; only the newest answer may replace the list.
  const connectionsLoader = latestRequestLoader(get, {
    request: () => getBridge().grants.list(),
    setStatus: (connectionsLoadStatus) => set({ connectionsLoadStatus }),
    loaded: (list) => {
      replaceConnections(list, !get().connectionsLoaded);
      set({ connectionsLoadStatus: 'ready', connectionsLoaded: true });
    },
  });

  return {
    connections: [],
    connectionsLoadStatus: 'idle',
    connectionsLoaded: false,
    forgettingId: null,
    checkingId: null,
    selectedId: null,

    loadConnections: () => connectionsLoader.load(),

    async checkConnection(connectionId) {
      const connection = get().connections.find((c) => c.id === connectionId);
      set({ checkingId: connectionId, notice: null });
      const result = await call(() => getBridge().grants.check({ connectionId }));
      set({ checkingId: null });
      if (!result.ok) {
        get().reportError(result.error, connection?.providerName, undefined, PLACES.connection(connectionId));
        return;
      }
      const checked = result.value;
      set((state) => ({ connections: state.connections.map((c) => (c.id === connectionId ? checked : c)) }));
      if (checked.state === 'connected') get().showNotice(`${checked.providerName} still accepts Scopekeeper's access to ${checked.account}.`, PLACES.connection(connectionId), 'success');
    },

    async forget(connectionId) {
      const connection = get().connections.find((c) => c.id === connectionId);
      set({ forgettingId: connectionId, notice: null });
      const result = await call(() => getBridge().grants.forget({ connectionId }));
      set({ forgettingId: null });

      if (result.ok) {
        // Drop it at once; the refetch (and grants:changed) then confirms what main has saved.
        replaceConnections(
          get().connections.filter((c) => c.id !== connectionId),
          false,
        );
        if (connection !== undefined) {
          get().showNotice(`${connection.account} on ${connection.providerName} was forgotten on this computer.`, PLACES.sidebar);
        }
        void get().loadConnections();
        return true;
      }

      get().reportError(result.error, connection?.providerName, undefined, PLACES.connection(connectionId));
      // Our list was stale: show what is really saved.
      if (result.error.code === 'CONNECTION_NOT_FOUND') void get().loadConnections();
      return false;
    },

    select(connectionId) {
      if (get().selectedId === connectionId && !get().removedShown) return;
      set({ selectedId: connectionId, removedShown: false });
    },

    showConnection(connection) {
      const list = get().connections;
      const index = list.findIndex((c) => c.id === connection.id);
      const next = index === -1 ? [...list, connection] : list.map((c) => (c.id === connection.id ? connection : c));
      // A refetch still on its way was asked before this connection existed: let only newer ones land.
      connectionsLoader.supersede();
      set({ connections: next, selectedId: connection.id, connectionsLoaded: true, removedShown: false });
    },
  };
};
