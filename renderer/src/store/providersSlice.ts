import type { ProviderView } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import type { LoadStatus, SliceCreator } from './types';

export interface ProvidersSlice {
  providers: ProviderView[];
  providersLoadStatus: LoadStatus;
  loadProviders(): Promise<void>;
}

export const createProvidersSlice: SliceCreator<ProvidersSlice> = (set, get) => {
  let latestRequest = 0;

  return {
    providers: [],
    providersLoadStatus: 'idle',

    async loadProviders() {
      const request = ++latestRequest;
      set({ providersLoadStatus: 'loading' });
      const result = await call(() => getBridge().providers.list());
      if (request !== latestRequest) return; // a newer request owns the state
      if (result.ok) {
        set({ providers: result.value, providersLoadStatus: 'ready' });
      } else {
        set({ providersLoadStatus: 'error' });
        get().reportError(result.error);
      }
    },
  };
};
