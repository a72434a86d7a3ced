import type { ProviderView, RequestOf } from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/ipc/errors';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

/** What the "Use your own OAuth app" form sends; the secret leaves this window with it and never comes back. */
export type OwnClient = RequestOf<'providers:set-client'>;

export interface ClientsSlice {
  /** The provider whose own client is being saved or cleared, while a request is pending. */
  savingClientFor: string | null;
  /**
   * Saves the person's own client for a provider. Resolves null on success (the providers are
   * refetched by then), or the error; either is said beside the form's buttons (PLACES.ownClient).
   */
  setOwnClient(client: OwnClient): Promise<AppError | null>;
  /** Goes back to the build's client (or none). Same answer as setOwnClient. */
  clearOwnClient(providerId: string): Promise<AppError | null>;
  /** Changes a server the person added. Same answer as setOwnClient. */
  editServer(server: RequestOf<'providers:edit-server'>): Promise<AppError | null>;
  /** Forgets a server the person added (refused while it has connections; an MCP server `withConnections`: they are removed first). Same answer. */
  removeServer(providerId: string, name: string, withConnections?: boolean): Promise<AppError | null>;
}

export const createClientsSlice: SliceCreator<ClientsSlice> = (set, get) => {
  /** `place`: where the result is said, beside the buttons (`donePlace` for a success that removes them). */
  async function run(
    providerId: string,
    invoke: () => Promise<Result<ProviderView | null>>,
    done: string,
    place: string,
    donePlace: string = place,
  ): Promise<AppError | null> {
    if (get().savingClientFor !== null) return { code: 'INTERNAL', message: 'Another OAuth app is being saved.' };
    const providerName = get().providers.find((p) => p.id === providerId)?.name;
    set({ savingClientFor: providerId });
    const result = await call(invoke);
    if (!result.ok) {
      set({ savingClientFor: null });
      get().reportError(result.error, providerName, undefined, place);
      return result.error;
    }
    // Availability and the client line come from the main process: refetch rather than patch.
    await get().loadProviders();
    set({ savingClientFor: null });
    get().showNotice(done.replace('{name}', result.value?.name ?? ''), donePlace, 'success');
    return null;
  }

  return {
    savingClientFor: null,

    setOwnClient(client) {
      return run(client.providerId, () => getBridge().providers.setClient(client), '{name} now signs in with your own OAuth app.', PLACES.ownClient(client.providerId));
    },

    clearOwnClient(providerId) {
      return run(providerId, () => getBridge().providers.clearClient({ providerId }), '{name} no longer uses your own OAuth app.', PLACES.ownClient(providerId));
    },

    editServer(server) {
      return run(server.providerId, () => getBridge().providers.editServer(server), '{name} was saved.', PLACES.customServer(server.providerId));
    },

    removeServer(providerId, name, withConnections = false) {
      return run(providerId, () => getBridge().providers.removeServer({ providerId, ...(withConnections ? { withConnections: true as const } : {}) }), `${name} was removed.`, PLACES.customServer(providerId), PLACES.addServer);
    },
  };
};
