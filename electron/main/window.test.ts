import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/desktop/appScheme';
import { ownLocations } from '../core/desktop/appUrls';
import type * as Fake from '../testing/fakeElectron';
import { bringForward, createMainWindow, isInView, denyAllPermissions, hardenedWindow, lockDownWebContents, registerAppScheme, serveAppScheme, testWindowBrowser } from './window';

vi.mock('electron', () => import('../testing/fakeElectron'));
const fake = electron as unknown as typeof Fake;

beforeEach(() => fake.resetFakeElectron());

/** Resolves once the fire-and-forget openExternal calls of a guard have run. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the app window', () => {
  it('is sandboxed and isolated, without Node, webviews, insecure content or auxclick', () => {
    const window = createMainWindow('scopekeeper://app/index.html', '/app/out/preload/index.cjs') as unknown as Fake.BrowserWindow;
    expect(window.options).toEqual({
      width: 1100,
      height: 780,
      show: false,
      title: 'Scopekeeper',
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
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
    expect(window.loadURL).toHaveBeenCalledWith('scopekeeper://app/index.html');
  });

  it('is shown only once painted', () => {
    const window = hardenedWindow({ width: 10, height: 10 }) as unknown as Fake.BrowserWindow;
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(window.options.webPreferences).not.toHaveProperty('preload');
  });
});

describe('bringing the window forward for a tool’s question', () => {
  const mainWindow = (): Fake.BrowserWindow => createMainWindow('scopekeeper://app/index.html', '/preload.cjs') as unknown as Fake.BrowserWindow;

  it('restores a minimized window and focuses it, the app made active even from the background', () => {
    const window = mainWindow();
    window.visible = true;
    window.minimized = true;
    bringForward(window as unknown as electron.BrowserWindow);
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(fake.app.focus).toHaveBeenCalledWith({ steal: true });
    expect(window.isFocused()).toBe(true);
    expect(window.flashFrame).not.toHaveBeenCalled();
  });

  it('shows a hidden window', () => {
    const window = mainWindow();
    bringForward(window as unknown as electron.BrowserWindow);
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.isFocused()).toBe(true);
  });

  it('where the system refuses focus, flashes the taskbar entry until the person comes to the window', () => {
    const window = mainWindow();
    window.visible = true;
    window.mayTakeFocus = false;
    bringForward(window as unknown as electron.BrowserWindow);
    expect(window.flashFrame).toHaveBeenCalledWith(true);
    expect(window.flashFrame).not.toHaveBeenCalledWith(false);
    window.focusByPerson();
    expect(window.flashFrame).toHaveBeenLastCalledWith(false);
  });

  it('does nothing without a window, or with one already closed', () => {
    expect(() => bringForward(undefined)).not.toThrow();
    const window = mainWindow();
    window.destroyed = true;
    bringForward(window as unknown as electron.BrowserWindow);
    expect(window.focus).not.toHaveBeenCalled();
    expect(fake.app.focus).not.toHaveBeenCalled();
  });

  it('counts as in view only shown, not minimised and focused: otherwise a question is also a notification', () => {
    const window = mainWindow();
    const inView = (): boolean => isInView(window as unknown as electron.BrowserWindow);
    expect(inView()).toBe(false);
    Object.assign(window, { visible: true, focused: true });
    expect(inView()).toBe(true);
    window.minimized = true;
    expect(inView()).toBe(false);
    Object.assign(window, { minimized: false, focused: false });
    expect(inView()).toBe(false);
    Object.assign(window, { focused: true, destroyed: true });
    expect(inView()).toBe(false);
    expect(isInView(undefined)).toBe(false);
  });
});

describe('the scopekeeper:// scheme', () => {
  it('is registered as standard and secure, with the V8 code cache, and nothing more (no CSP bypass, fetch or service workers)', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'scopekeeper', privileges: { standard: true, secure: true, codeCache: true } }]);
  });

  it('serves files of the renderer folder with the CSP header, and nothing outside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scopekeeper-scheme-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scopekeeper</title>');
    writeFileSync(join(rendererDir, 'assets', 'x.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'not for the page');
    serveAppScheme(rendererDir);
    const handler = fake.protocol.handlers.get('scopekeeper')!;
    const get = (url: string): Promise<Response> => Promise.resolve(handler(new Request(url)));

    const page = await get('scopekeeper://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Scopekeeper</title>');
    expect(await (await get('scopekeeper://app/assets/x.js')).text()).toBe('console.log(1)');
    expect(await (await get('scopekeeper://app/')).text()).toContain('<title>Scopekeeper</title>');

    for (const url of ['scopekeeper://app/..%2fsecret.txt', 'scopekeeper://app/%2e%2e/secret.txt', 'scopekeeper://evil/index.html', 'scopekeeper://app/missing.js']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('Not found');
    }
  });
});

describe('permissions', () => {
  it('refuses every request and every check', () => {
    denyAllPermissions();
    const { requestHandler, checkHandler } = fake.session.defaultSession;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler!({}, permission)).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  const guarded = (): Fake.FakeWebContents => {
    lockDownWebContents(ownLocations(undefined));
    return (hardenedWindow({ width: 10, height: 10 }) as unknown as Fake.BrowserWindow).webContents;
  };

  it('keeps the app on its own pages', async () => {
    const contents = guarded();
    expect(contents.request('will-navigate', 'scopekeeper://app/index.html')).toBe(true);
    expect(contents.request('will-navigate', 'scopekeeper://app/assets/x.js')).toBe(true);
    for (const url of ['scopekeeper://evil/', 'scopekeeper:app', 'file:///etc/passwd', 'http://example.com/', 'javascript:alert(1)', '']) {
      expect(contents.request('will-navigate', url), url).toBe(false);
      expect(contents.request('will-redirect', url), url).toBe(false);
    }
    await settled();
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('sends a clicked https link to the browser, and a redirect to https nowhere', async () => {
    const contents = guarded();
    expect(contents.request('will-navigate', 'https://example.com/help')).toBe(false);
    expect(contents.request('will-redirect', 'https://example.com/elsewhere')).toBe(false);
    await settled();
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/help']]);
  });

  it('opens no window: target=_blank and middle-click on https go to the browser, anything else nowhere', async () => {
    const contents = guarded();
    expect(contents.openWindow('https://example.com/a', 'foreground-tab')).toBe('deny');
    expect(contents.openWindow('https://example.com/b', 'background-tab')).toBe('deny'); // middle-click
    expect(contents.openWindow('http://example.com/c', 'background-tab')).toBe('deny');
    expect(contents.openWindow('file:///etc/passwd', 'new-window')).toBe('deny');
    expect(contents.openWindow('scopekeeper://app/index.html', 'foreground-tab')).toBe('deny');
    expect(contents.openWindow('https://user:pw@example.com/', 'foreground-tab')).toBe('deny');
    await settled();
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/a'], ['https://example.com/b']]);
  });

  it('attaches no webview', () => {
    expect(guarded().request('will-attach-webview')).toBe(false);
  });

  it('a browser that refuses the link is not an unhandled failure', async () => {
    fake.shell.openExternal.mockRejectedValueOnce(new Error('No application knows this link.'));
    const contents = guarded();
    expect(contents.openWindow('https://example.com/a')).toBe('deny');
    await settled();
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('the E2E sign-in window', () => {
  it('opens the authorization page in a hardened window without preload, which may follow the provider’s pages', async () => {
    lockDownWebContents(ownLocations(undefined));
    await testWindowBrowser.open('http://127.0.0.1:4890/auth?client_id=x');
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(window.loadURL).toHaveBeenCalledWith('http://127.0.0.1:4890/auth?client_id=x');
    expect(window.webContents.request('will-navigate', 'http://127.0.0.1:4890/interaction/abc')).toBe(true);
    expect(window.webContents.request('will-redirect', 'http://127.0.0.1:51234/callback?code=c')).toBe(true);
    // Its new windows are still refused.
    expect(window.webContents.openWindow('http://127.0.0.1:4890/x')).toBe('deny');
  });

  it('refuses a URL that is neither https nor loopback http, before opening anything', async () => {
    await expect(testWindowBrowser.open('file:///etc/passwd')).rejects.toThrow(/neither https nor loopback/);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });
});
