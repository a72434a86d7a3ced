import type { ConnectionView } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { listItemOf, listItems, type ConnectionListItem } from './connectionList';
import { connectionDetailLoader, type ConnectionDetailLoader } from './connectionDetail';
import { latestRequestLoader, type LatestRequestLoader } from './latestRequest';
import { PLACES } from './places';
import type { GetState, LoadStatus, SetState, SliceCreator } from './types';

export interface ConnectionsSlice {
  /** Every connection as the list shows it (grants:list); the shown one in full is in connectionDetails. */
  connections: ConnectionListItem[];
  /**
   * Full views (grants:detail, or a connect's or check's answer) of the connections shown, by id:
   * the selected one is asked for when selected and again with every reload of the list.
   */
  connectionDetails: ReadonlyMap<string, ConnectionView>;
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
  /** Reloads the list, then the selected connection's detail. */
  loadConnections(): Promise<void>;
  /** Asks for one connection's full view (newest request wins). */
  loadConnectionDetail(connectionId: string): Promise<void>;
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
  before: readonly Pick<ConnectionListItem, 'id'>[],
  after: readonly Pick<ConnectionListItem, 'id'>[],
  selectedId: string | null,
  firstLoad: boolean,
): string | null {
  if (selectedId === null) return firstLoad ? (after[0]?.id ?? null) : null;
  if (after.some((c) => c.id === selectedId)) return selectedId;
  const index = before.findIndex((c) => c.id === selectedId);
  if (after.length === 0) return null;
  return after[Math.min(Math.max(index, 0), after.length - 1)]!.id;
}

/** The new list, the selection kept (or moved), and only the selected connection's detail kept until it is asked again. */
function replaceList(set: SetState, get: GetState, list: ConnectionListItem[], firstLoad: boolean): void {
  const { connections, selectedId, connectionDetails } = get();
  const selected = nextSelection(connections, list, selectedId, firstLoad);
  const kept = selected === null ? undefined : connectionDetails.get(selected);
  set({ connections: list, selectedId: selected, connectionDetails: kept === undefined ? new Map() : new Map([[selected!, kept]]) });
}

/** Puts a full view the main process answered with into the list and the details. */
function upsertView(set: SetState, get: GetState, view: ConnectionView, selectedId: string | null): void {
  const list = get().connections;
  const item = listItemOf(view);
  const next = list.some((c) => c.id === view.id) ? list.map((c) => (c.id === view.id ? item : c)) : [...list, item];
  set({ connections: next, selectedId, connectionDetails: new Map(get().connectionDetails).set(view.id, view) });
}

/** Asks the provider whether a connection's grant is alive, and shows the answer (the connection's new view). */
async function checkAtProvider(set: SetState, get: GetState, connectionId: string, upsert: (view: ConnectionView, selectedId: string | null) => void): Promise<void> {
  const connection = get().connections.find((c) => c.id === connectionId);
  set({ checkingId: connectionId, notice: null });
  const result = await call(() => getBridge().grants.check({ connectionId }));
  set({ checkingId: null });
  if (!result.ok) {
    get().reportError(result.error, connection?.providerName, undefined, PLACES.connection(connectionId));
    return;
  }
  const checked = result.value;
  if (get().connections.some((c) => c.id === connectionId)) upsert(checked, get().selectedId);
  if (checked.state === 'connected') get().showNotice(`${checked.providerName} still accepts Scopekeeper's access to ${checked.account}.`, PLACES.connection(connectionId), 'success');
}

/**
 * grants:list's loader: bursts of grants:changed ask again, and only the newest answer lands. The
 * first load asks for the first connection's detail too (the window's content in one answer);
 * `load` gives the detail its answer brought, if any.
 */
function connectionListLoader(
  get: GetState,
  set: SetState,
  details: ConnectionDetailLoader,
  replaceConnections: (list: ConnectionListItem[], firstLoad: boolean) => void,
): { loader: LatestRequestLoader; load(): Promise<ConnectionView | undefined> } {
  let brought: ConnectionView | undefined;
  const loader = latestRequestLoader(get, {
    request: () => getBridge().grants.list(get().connectionsLoaded ? undefined : { withFirstDetail: true }),
    setStatus: (connectionsLoadStatus) => set({ connectionsLoadStatus }),
    loaded: ({ firstDetail, ...list }) => {
      brought = firstDetail;
      replaceConnections(listItems(list), !get().connectionsLoaded);
      if (firstDetail !== undefined && get().selectedId === firstDetail.id) {
        details.supersede(firstDetail.id);
        set({ connectionDetails: new Map(get().connectionDetails).set(firstDetail.id, firstDetail) });
      }
      set({ connectionsLoadStatus: 'ready', connectionsLoaded: true });
    },
  });
  return {
    loader,
    async load() {
      brought = undefined;
      await loader.load();
      return brought;
    },
  };
}

export const createConnectionsSlice: SliceCreator<ConnectionsSlice> = (set, get) => {
  const details = connectionDetailLoader(get, set);
  const replaceConnections = (list: ConnectionListItem[], firstLoad: boolean): void => replaceList(set, get, list, firstLoad);
  const upsert = (view: ConnectionView, selectedId: string | null): void => {
    // An answer still on its way for this connection is older than this view.
    details.supersede(view.id);
    upsertView(set, get, view, selectedId);
  };

  const list = connectionListLoader(get, set, details, replaceConnections);

  return {
    connections: [],
    connectionDetails: new Map(),
    connectionsLoadStatus: 'idle',
    connectionsLoaded: false,
    forgettingId: null,
    checkingId: null,
    selectedId: null,

    async loadConnections() {
      const brought = await list.load();
      const { selectedId } = get();
      // The list brought the shown connection's detail already: no second ask.
      if (selectedId !== null && brought?.id !== selectedId) await details.load(selectedId);
    },

    loadConnectionDetail: (connectionId) => details.load(connectionId),

    checkConnection: (connectionId) => checkAtProvider(set, get, connectionId, upsert),

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
        details.supersede(connectionId);
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
      if (connectionId !== null && !get().connectionDetails.has(connectionId)) void details.load(connectionId);
    },

    showConnection(connection) {
      // A refetch still on its way was asked before this connection existed: let only newer ones land.
      list.loader.supersede();
      upsert(connection, connection.id);
      set({ connectionsLoaded: true, removedShown: false });
    },
  };
};
