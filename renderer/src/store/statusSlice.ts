import type { AppError } from '../../../shared/ipc/errors';
import type { AppStatus } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import type { LoadStatus, SliceCreator } from './types';

/** 'change': planning or applying a scope change (see errorText). */
export type ErrorDuring = 'change';

/** App status (the vault) and what the person is told: one error alert and one neutral notice. */
export interface StatusSlice {
  app: AppStatus | null;
  appLoadStatus: LoadStatus;
  vaultNoticeDismissed: boolean;
  /** The error the alert shows; the latest failure wins. */
  error: AppError | null;
  /** The provider the error is about, when known, so the sentence can name it. */
  errorProviderName: string | null;
  /** What the person was doing when it failed, when the sentence depends on it. */
  errorDuring: ErrorDuring | null;
  /** A neutral status message ("Sign-in cancelled…"), never an error. */
  notice: string | null;

  loadAppStatus(): Promise<void>;
  reportError(error: AppError, providerName?: string, during?: ErrorDuring): void;
  showNotice(message: string): void;
  dismissError(): void;
  dismissNotice(): void;
  dismissVaultNotice(): void;
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set, get) => {
  let latestRequest = 0;

  return {
    app: null,
    appLoadStatus: 'idle',
    vaultNoticeDismissed: false,
    error: null,
    errorProviderName: null,
    errorDuring: null,
    notice: null,

    async loadAppStatus() {
      const request = ++latestRequest;
      set({ appLoadStatus: 'loading' });
      const result = await call(() => getBridge().app.status());
      if (request !== latestRequest) return; // a newer request owns the state
      if (result.ok) {
        set({ app: result.value, appLoadStatus: 'ready' });
      } else {
        set({ appLoadStatus: 'error' });
        get().reportError(result.error);
      }
    },

    reportError(error, providerName, during) {
      set({ error, errorProviderName: providerName ?? null, errorDuring: during ?? null, notice: null });
    },

    showNotice(message) {
      set({ notice: message });
    },

    dismissError() {
      set({ error: null, errorProviderName: null, errorDuring: null });
    },

    dismissNotice() {
      set({ notice: null });
    },

    dismissVaultNotice() {
      set({ vaultNoticeDismissed: true });
    },
  };
};
