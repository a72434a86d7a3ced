import type { ScopekeeperApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** Exposed by the preload through contextBridge; only store actions use it (via bridge.ts). */
    scopekeeper: ScopekeeperApi;
  }
}

export {};
