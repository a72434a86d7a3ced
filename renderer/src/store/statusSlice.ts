import type { AppError } from '../../../shared/ipc/errors';
import type { AppStatus, CommandInstall } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { latestRequestLoader } from './latestRequest';
import { PLACES } from './places';
import type { LoadStatus, SliceCreator } from './types';

/**
 * 'change': planning or applying a scope change; 'sandbox': setting the sandbox address;
 * 'add-server': adding an OAuth or OpenID server (see errorText).
 */
export type ErrorDuring = 'change' | 'sandbox' | 'add-server';

/** How a neutral notice reads: plain information, a success, or something the person should look at. */
export type NoticeTone = 'info' | 'success' | 'warning';

/** The name the built-in Sandbox provider goes by, for error sentences about it. */
const SANDBOX_NAME = 'Sandbox';

/**
 * App status (the vault, where the Sandbox points) and what the person is told: one error alert
 * and one neutral notice.
 */
export interface StatusSlice {
  app: AppStatus | null;
  appLoadStatus: LoadStatus;
  /** True while a settings:set-sandbox request is pending. */
  savingSandbox: boolean;
  vaultNoticeDismissed: boolean;
  /** The error the alert shows; the latest failure wins. */
  error: AppError | null;
  /** The provider the error is about, when known, so the sentence can name it. */
  errorProviderName: string | null;
  /** What the person was doing when it failed, when the sentence depends on it. */
  errorDuring: ErrorDuring | null;
  /** A neutral status message ("Sign-in cancelled…"), never an error. */
  notice: string | null;
  noticeTone: NoticeTone;
  /**
   * Where the latest error or notice belongs: a place key (see places.ts) naming the part of the
   * window beside the control that caused it. null: the app-wide alert at the top of the window.
   */
  messagePlace: string | null;
  /** The latest notice asks for focus where it is shown (something the person must act on), even when focus was not lost. */
  noticeFocus: boolean;

  loadAppStatus(): Promise<void>;
  /**
   * Points the Sandbox provider at a server on this computer, or nowhere with null. Resolves true
   * when the main process saved it (app status and providers are refetched by then).
   */
  setSandbox(issuer: string | null): Promise<boolean>;
  reportError(error: AppError, providerName?: string, during?: ErrorDuring, place?: string | null): void;
  showNotice(message: string, place?: string | null, tone?: NoticeTone, focus?: 'focus'): void;
  dismissError(): void;
  dismissNotice(): void;
  dismissVaultNotice(): void;
  /** Opens the file manager at a file Scopekeeper names (the moved-aside vault, the data folder). */
  showInFolder(item: 'recovered-vault' | 'data-folder'): Promise<void>;
  /** Settings › Install the command: what the main process did, or null when the call failed (the alert says why). */
  installCommand(): Promise<CommandInstall | null>;
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set, get) => {
  const appStatusLoader = latestRequestLoader(get, {
    request: () => getBridge().app.status(),
    setStatus: (appLoadStatus) => set({ appLoadStatus }),
    loaded: (app) => set({ app, appLoadStatus: 'ready' }),
  });

  return {
    app: null,
    appLoadStatus: 'idle',
    savingSandbox: false,
    vaultNoticeDismissed: false,
    error: null,
    errorProviderName: null,
    errorDuring: null,
    notice: null,
    noticeTone: 'info',
    messagePlace: null,
    noticeFocus: false,

    loadAppStatus: () => appStatusLoader.load(),

    async setSandbox(issuer) {
      if (get().savingSandbox) return false;
      set({ savingSandbox: true, error: null, errorProviderName: null, errorDuring: null, notice: null });
      const result = await call(() => getBridge().app.setSandbox({ issuer }));
      if (!result.ok) {
        set({ savingSandbox: false });
        get().reportError(result.error, SANDBOX_NAME, 'sandbox', PLACES.sandbox);
        // Refused because this run's environment fixes the address: show what it is, read-only.
        if (result.error.code === 'CHANGE_REFUSED') void get().loadAppStatus();
        return false;
      }
      // The Sandbox's availability (its Connect button) lives in the providers list: refetch both.
      await Promise.all([get().loadAppStatus(), get().loadProviders()]);
      set({ savingSandbox: false });
      const saved = result.value.issuer;
      get().showNotice(
        issuer === null || saved === undefined ? 'The Sandbox is no longer set up.' : `The Sandbox now uses ${saved}.`,
        PLACES.sandbox,
        'success',
      );
      return true;
    },

    reportError(error, providerName, during, place) {
      set({ error, errorProviderName: providerName ?? null, errorDuring: during ?? null, notice: null, messagePlace: place ?? null, noticeFocus: false });
    },

    showNotice(message, place, tone, focus) {
      // One message at a time: a notice replaces an earlier error, so nothing stale stays beside it.
      set({ notice: message, noticeTone: tone ?? 'info', messagePlace: place ?? null, noticeFocus: focus === 'focus', error: null, errorProviderName: null, errorDuring: null });
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

    async showInFolder(item) {
      const result = await call(() => getBridge().app.showInFolder({ item }));
      if (!result.ok) get().reportError(result.error);
    },

    async installCommand() {
      const result = await call(() => getBridge().app.installCommand());
      if (result.ok) return result.value;
      get().reportError(result.error, undefined, undefined, PLACES.command);
      return null;
    },
  };
};
