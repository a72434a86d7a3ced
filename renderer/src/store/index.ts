export { appStore, createAppStore, useAppStore } from './appStore';
export { CHANGE_CANCELLED_NOTICE, isChangeBusy } from './changesSlice';
export type { ChangeStatus, ExportFormat, ScopeChange } from './changesSlice';
export { CANCELLED_NOTICE } from './flowSlice';
export type { ActiveFlowStage, PendingFlow } from './flowSlice';
export type { NewServer } from './providersSlice';
export type { OwnClient } from './clientsSlice';
export type { ErrorDuring } from './statusSlice';
export type { AppState, LoadStatus } from './types';
