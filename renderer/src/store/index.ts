export { appStore, createAppStore, useAppStore } from './appStore';
export { CANCELLED_NOTICE } from './flowSlice';
export type { ActiveFlowStage, PendingFlow } from './flowSlice';
export type { NewServer } from './providersSlice';
export type { AppState, LoadStatus } from './types';
