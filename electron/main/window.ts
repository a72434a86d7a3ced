import { app, BrowserWindow, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSafeExternalUrl, resolveAppAsset } from '../core/security/urls';
import { isTestAuthWindow } from './adapters';

export const APP_SCHEME = 'scopekeeper';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Must run before `ready`: our own scheme instead of file:// (security checklist #18). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves only files inside the built renderer folder, with the CSP as a header too. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Deny every permission (camera, notifications, …): Scopekeeper needs none. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** No webviews, no navigation away, no new windows; https links go to the system browser. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const leavesApp = (url: string): boolean => new URL(url).origin !== appOrigin() && !isTestAuthWindow(contents);
    contents.on('will-navigate', (event, url) => {
      if (leavesApp(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (leavesApp(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https:') && isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** The dev server in `npm start`, our own scheme otherwise. */
export function appOrigin(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  return devUrl && !app.isPackaged ? new URL(devUrl).origin : APP_ORIGIN;
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 780,
    show: false,
    title: 'Scopekeeper',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  void window.loadURL(devUrl && !app.isPackaged ? devUrl : `${APP_ORIGIN}/index.html`);
  return window;
}
