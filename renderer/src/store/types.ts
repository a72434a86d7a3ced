import type { StateCreator } from 'zustand/vanilla';
import type { BackgroundSlice } from './backgroundSlice';
import type { BrokerSlice } from './brokerSlice';
import type { RemoteToolsSlice } from './remoteToolsSlice';
import type { ChangesSlice } from './changesSlice';
import type { ClientsSlice } from './clientsSlice';
import type { ConnectionsSlice } from './connectionsSlice';
import type { FlowSlice } from './flowSlice';
import type { HistorySlice } from './historySlice';
import type { LifecycleSlice } from './lifecycleSlice';
import type { NavigationSlice } from './navigationSlice';
import type { NotifySlice } from './notifySlice';
import type { PolicySlice } from './policySlice';
import type { ProvidersSlice } from './providersSlice';
import type { RemoveAllSlice } from './removeAllSlice';
import type { ReviewSlice } from './reviewSlice';
import type { NewActionsSlice } from './newActionsSlice';
import type { ScopeModeSlice } from './scopeModeSlice';
import type { SearchSlice } from './searchSlice';
import type { StatusSlice } from './statusSlice';

/** Where the last request for a piece of data stands. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export type AppState = ProvidersSlice &
  ClientsSlice &
  ConnectionsSlice &
  SearchSlice &
  FlowSlice &
  ChangesSlice &
  RemoveAllSlice &
  StatusSlice &
  HistorySlice &
  LifecycleSlice &
  BrokerSlice &
  BackgroundSlice &
  NotifySlice &
  ReviewSlice &
  NavigationSlice &
  PolicySlice &
  ScopeModeSlice &
  NewActionsSlice &
  RemoteToolsSlice;

/** A slice sees the whole store (its actions call each other's) but contributes only its part. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;

/** The store's setter and getter, for action bodies a slice keeps as named functions. */
export type SetState = Parameters<SliceCreator<AppState>>[0];
export type GetState = () => AppState;
