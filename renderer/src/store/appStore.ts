import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createBackgroundSlice } from './backgroundSlice';
import { createBrokerSlice } from './brokerSlice';
import { createChangesSlice } from './changesSlice';
import { createClientsSlice } from './clientsSlice';
import { createConnectionsSlice } from './connectionsSlice';
import { createFlowSlice } from './flowSlice';
import { createHistorySlice } from './historySlice';
import { createLifecycleSlice } from './lifecycleSlice';
import { createNavigationSlice } from './navigationSlice';
import { createNotifySlice } from './notifySlice';
import { createPolicySlice } from './policySlice';
import { createProvidersSlice } from './providersSlice';
import { createRemoveAllSlice } from './removeAllSlice';
import { createReviewSlice } from './reviewSlice';
import { createNewActionsSlice } from './newActionsSlice';
import { createScopeModeSlice } from './scopeModeSlice';
import { createSearchSlice } from './searchSlice';
import { createStatusSlice } from './statusSlice';
import { createRemoteToolsSlice } from './remoteToolsSlice';
import type { AppState } from './types';

/** Builds the one store from its slices. The app uses `appStore`; store tests build their own. */
export function createAppStore(): StoreApi<AppState> {
  return createStore<AppState>()((...args) => ({
    ...createProvidersSlice(...args),
    ...createClientsSlice(...args),
    ...createConnectionsSlice(...args),
    ...createSearchSlice(...args),
    ...createFlowSlice(...args),
    ...createChangesSlice(...args),
    ...createRemoveAllSlice(...args),
    ...createStatusSlice(...args),
    ...createHistorySlice(...args),
    ...createLifecycleSlice(...args),
    ...createBrokerSlice(...args),
    ...createBackgroundSlice(...args),
    ...createNotifySlice(...args),
    ...createReviewSlice(...args),
    ...createNavigationSlice(...args),
    ...createPolicySlice(...args),
    ...createScopeModeSlice(...args),
    ...createNewActionsSlice(...args),
    ...createRemoteToolsSlice(...args),
  }));
}

export const appStore = createAppStore();

/** Select narrowly; wrap selectors that build arrays or objects in useShallow. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
