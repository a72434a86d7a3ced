export { appStore, createAppStore, useAppStore } from './appStore';
export { CANCELLED_NOTICE } from './flowSlice';
export type { ActiveFlowStage, PendingFlow } from './flowSlice';
export type { AppState, LoadStatus } from './types';
