import { app, BrowserWindow, net, protocol, session, type WebContents } from 'electron';
import { appSchemeResponse } from '../core/desktop/appScheme';
import { APP_SCHEME, type OwnLocation } from '../core/desktop/appUrls';
import { guardContents } from '../core/desktop/contentsGuard';
import type { BrowserOpener } from '../core/ports';
import { isSafeExternalUrl } from '../core/security/urls';
import { openInBrowser } from './adapters';

/**
 * Must run before `ready`: our own scheme instead of file:// (security checklist #18). With the V8
 * code cache, a launch after the first compiles little of the window's code: in a first load, the
 * window's thread spends about 100 ms compiling it (Chromium traces of the bench's loads).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } }]);
}

/** Serves only files inside the built renderer folder, with the CSP as a header too. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appSchemeResponse(rendererDir, request.url, (url) => net.fetch(url)));
}

/** Deny every permission (camera, notifications, …): Scopekeeper needs none. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** No webviews, no navigation away, no new windows; https links go to the person's browser. */
export function lockDownWebContents(own: readonly OwnLocation[]): void {
  app.on('web-contents-created', (_event, contents) =>
    guardContents(contents, {
      own,
      mayLeave: () => testAuthContents.has(contents),
      openInBrowser: (url) => void openInBrowser(url).catch(() => undefined),
    }),
  );
}

/** Every window the app opens: sandboxed, isolated, no Node, no auxclick; shown once painted. */
export function hardenedWindow(size: { width: number; height: number }, preload?: string): BrowserWindow {
  const window = new BrowserWindow({
    ...size,
    show: false,
    title: 'Scopekeeper',
    webPreferences: {
      ...(preload ? { preload } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/**
 * A tool waits for the person's answer: the window comes forward (restored if minimized, shown if
 * hidden, focused; `steal` lets a background app become active on macOS). Where the system keeps a
 * background app from taking focus (Windows), the taskbar entry flashes until the window is focused.
 */
export function bringForward(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  app.focus({ steal: true });
  window.focus();
  if (!window.isFocused()) {
    window.flashFrame(true);
    window.once('focus', () => window.flashFrame(false));
  }
}

/** Whether the person can see the window now: shown, not minimised, and the focused window. */
export function isInView(window: BrowserWindow | undefined): boolean {
  return window !== undefined && !window.isDestroyed() && window.isVisible() && !window.isMinimized() && window.isFocused();
}

export function createMainWindow(pageUrl: string, preload: string): BrowserWindow {
  const window = hardenedWindow({ width: 1100, height: 780 }, preload);
  void window.loadURL(pageUrl);
  return window;
}

/** The E2E sign-in windows navigate through the provider's pages; the app's own windows never may. */
const testAuthContents = new WeakSet<WebContents>();

/**
 * E2E_TARGET=electron only: Playwright cannot drive the system browser, so the authorization
 * page opens in a plain hardened window the test picks up with `waitForEvent('window')`.
 */
export const testWindowBrowser: BrowserOpener = {
  open: async (url) => {
    if (!isSafeExternalUrl(url)) throw new Error('Refusing to open a URL that is neither https nor loopback http.');
    const window = hardenedWindow({ width: 600, height: 700 });
    testAuthContents.add(window.webContents);
    await window.loadURL(url);
  },
};
