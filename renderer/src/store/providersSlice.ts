import type { ProviderView, RequestOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { getBridge } from '../bridge';
import { call } from './call';
import { latestRequestLoader } from './latestRequest';
import { PLACES } from './places';
import type { LoadStatus, SliceCreator } from './types';

/** What the person types to add a generic OAuth / OpenID server. */
export type NewServer = RequestOf<'providers:add'>;

export interface ProvidersSlice {
  providers: ProviderView[];
  providersLoadStatus: LoadStatus;
  /** True while a providers:add request is pending. */
  addingProvider: boolean;
  loadProviders(): Promise<void>;
  /** Resolves true when the main process added the server (the list is refetched by then). */
  addProvider(server: NewServer): Promise<boolean>;
  /** The remote MCP server being added (its host), while Scopekeeper checks it. */
  addingMcp: string | null;
  /** Adds a remote MCP server by URL; the form shows the answer (a refusal beside the field). */
  addMcpServer(server: RequestOf<'providers:add-mcp'>): Promise<Result<ProviderView>>;
  cancelAddMcp(): Promise<void>;
}

export const createProvidersSlice: SliceCreator<ProvidersSlice> = (set, get) => {
  const providersLoader = latestRequestLoader(get, {
    request: () => getBridge().providers.list(),
    setStatus: (providersLoadStatus) => set({ providersLoadStatus }),
    loaded: (providers) => set({ providers, providersLoadStatus: 'ready' }),
  });

  return {
    providers: [],
    providersLoadStatus: 'idle',
    addingProvider: false,
    addingMcp: null,

    loadProviders: () => providersLoader.load(),

    async addProvider(server) {
      if (get().addingProvider) return false;
      set({ addingProvider: true, error: null, errorProviderName: null, errorDuring: null, notice: null });
      const result = await call(() => getBridge().providers.add(server));
      if (!result.ok) {
        set({ addingProvider: false });
        get().reportError(result.error, server.name, 'add-server', PLACES.addServer);
        return false;
      }
      // The main process owns the list (and its order): refetch rather than append.
      await get().loadProviders();
      set({ addingProvider: false });
      get().showNotice(`${result.value.name} was added. Connect it from Connect an account.`, PLACES.addServer, 'success');
      return true;
    },

    async addMcpServer(server) {
      set({ addingMcp: hostOf(server.url) });
      const result = await call(() => getBridge().providers.addMcp(server));
      if (result.ok) {
        await get().loadProviders();
        // A server with no sign-in is a connection already.
        if (result.value.mcp?.signIn === false) await get().loadConnections();
      }
      set({ addingMcp: null });
      return result;
    },

    async cancelAddMcp() {
      await call(() => getBridge().providers.cancelAddMcp());
    },
  };
};

/** The host of a URL as typed, for "Checking …" (the URL itself when it is not one yet). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
