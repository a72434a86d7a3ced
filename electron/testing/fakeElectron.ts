/**
 * A stand-in for the 'electron' module in unit tests of electron/main and electron/preload
 * (`vi.mock('electron', () => import('./fakeElectron'))`). It records what the code asks
 * of Electron (window options, handlers, listeners) and behaves like Electron where the code
 * depends on it: a BrowserWindow emits `web-contents-created`, `ipcMain.handle` refuses a second
 * handler for a channel, `whenReady()` resolves once, safeStorage seals reversibly.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/** A navigation or new-window request as Chromium would make it; true when the page may go ahead. */
export interface Preventable {
  preventDefault(): void;
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = { url: '' };
  readonly send = vi.fn();
  windowOpenHandler: ((details: { url: string; disposition: string }) => { action: string }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string; disposition: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits `will-navigate` / `will-redirect` / `will-attach-webview` like Chromium; false when a listener prevented it. */
  request(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }

  /** What the window-open handler answers for a link (target=_blank, middle-click: 'background-tab', …). */
  openWindow(url: string, disposition = 'foreground-tab'): string | undefined {
    return this.windowOpenHandler?.({ url, disposition }).action;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  destroyed = false;
  visible = false;
  focused = false;
  /** Whether the system lets this window take focus (Windows refuses a background app). */
  mayTakeFocus = true;
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly focus = vi.fn(() => {
    if (!this.mayTakeFocus || this.focused) return;
    this.focused = true;
    this.emit('focus');
  });
  readonly flashFrame = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
    this.visible = true;
  });
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
  });
  readonly hide = vi.fn(() => {
    this.visible = false;
    this.focused = false;
  });
  /** Like Electron: `close` may be prevented; otherwise the window goes, and with the last one `window-all-closed`. */
  readonly close = vi.fn(() => {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    // A quit closes the windows without `window-all-closed` (Electron's documented order).
    if (!app.quitting && BrowserWindow.instances.every((w) => w.destroyed)) app.emit('window-all-closed');
  });

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isFocused(): boolean {
    return this.focused;
  }

  /** The person clicks into the window (or its taskbar entry). */
  focusByPerson(): void {
    this.focused = true;
    this.emit('focus');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  /** What requestSingleInstanceLock answers: false means another instance holds the lock. */
  gotLock = true;
  readonly paths = new Map<string, string>();
  /** The unpackaged app's folder (the repository): resources/oauth-clients.json is read from it. */
  appPath = process.cwd();
  readonly switches = new Set<string>();
  readonly ready = Promise.resolve();
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
  /** Like Electron: `before-quit` first (which may prevent it), then every window is closed (each may still refuse), then `will-quit`. */
  readonly quit = vi.fn(() => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    // A listener that prevents it keeps everything open (it quits again when it is ready).
    if (prevented) return;
    this.quitting = true;
    for (const window of BrowserWindow.instances.filter((w) => !w.destroyed)) window.close();
    this.quitting = false;
    if (BrowserWindow.instances.every((w) => w.destroyed)) this.quitted = true;
  });
  /** True while `quit` closes the windows. */
  quitting = false;
  /** Set once a quit got through (no window refused to close). */
  quitted = false;
  /** What `setLoginItemSettings` was told last. */
  readonly setLoginItemSettings = vi.fn((_settings: { openAtLogin: boolean }) => undefined);
  /** Ends the process at once with the status (the command run by the app's binary ends this way). */
  readonly exit = vi.fn((_code?: number) => undefined);
  readonly disableHardwareAcceleration = vi.fn();
  readonly dock = { hide: vi.fn() };
  readonly focus = vi.fn((_options?: { steal?: boolean }) => undefined);
  readonly whenReady = vi.fn(() => this.ready);
  readonly commandLine = { hasSwitch: (name: string) => this.switches.has(name) };

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Fake app has no path "${name}".`);
    return path;
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }

  getAppPath(): string {
    return this.appPath;
  }

  getVersion(): string {
    return '0.0.0-test';
  }
}

export const app = new FakeApp();

/** A menu built from its template: a test reads its labels and clicks its items as the person would. */
export class FakeMenu {
  constructor(readonly items: readonly { label?: string; type?: string; click?: () => void }[]) {}

  labels(): string[] {
    return this.items.map((item) => item.label ?? `(${item.type})`);
  }

  click(label: string): void {
    const item = this.items.find((i) => i.label === label);
    if (!item?.click) throw new Error(`The menu has no item “${label}”: ${this.labels().join(', ')}`);
    item.click();
  }
}

export const Menu = { buildFromTemplate: vi.fn((template: FakeMenu['items']) => new FakeMenu(template)) };

export interface FakeImage {
  path: string;
  template: boolean;
  setTemplateImage(template: boolean): void;
}

export const nativeImage = {
  createFromPath: vi.fn((path: string): FakeImage => ({
    path,
    template: false,
    setTemplateImage(template: boolean) {
      this.template = template;
    },
  })),
};

/** The tray / menu bar icon: its image, tooltip and menu as last set. */
export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  tooltip = '';
  menu: FakeMenu | undefined;
  readonly setToolTip = vi.fn((tooltip: string) => void (this.tooltip = tooltip));
  readonly setContextMenu = vi.fn((menu: FakeMenu) => void (this.menu = menu));

  constructor(readonly image: FakeImage) {
    super();
    Tray.instances.push(this);
  }
}

/** Message boxes answer at once with the button at `dialog.answer`. */
export const dialog = {
  answer: 0,
  showMessageBox: vi.fn(async (_options: { message: string; detail?: string; buttons?: string[] }) => ({ response: dialog.answer, checkboxChecked: false })),
};

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly handle = vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    // Electron's own rule: one handler per channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
}

export const ipcMain = new FakeIpcMain();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    protocol.handlers.set(scheme, handler);
  }),
};

/** Electron's net.fetch reads file: URLs; Node's fetch cannot, so this does it for the tests. */
export const net = {
  online: true,
  isOnline: vi.fn(() => net.online),
  fetch: vi.fn(async (url: string) => new Response(await readFile(fileURLToPath(url)), { headers: { 'Content-Type': 'text/html' } })),
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
export const session = {
  defaultSession: {
    requestHandler: undefined as PermissionRequestHandler | undefined,
    checkHandler: undefined as PermissionCheckHandler | undefined,
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      this.requestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      this.checkHandler = handler;
    },
  },
};

/** A system notification: records what it was made with, whether shown, and lets a test click or close it. */
export class Notification extends EventEmitter {
  static readonly instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  readonly show = vi.fn(() => {
    this.shown = true;
  });

  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
}

export const shell = { openExternal: vi.fn(async (_url: string) => undefined), openPath: vi.fn(async () => '') };

/** Seals as base64 of a marked string: reversible, and visibly not the plain text. */
export const safeStorage = {
  asyncAvailable: true,
  backend: 'gnome_libsecret',
  isAsyncEncryptionAvailable: vi.fn(async () => safeStorage.asyncAvailable),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`sealed:${plain}`).reverse()),
  decryptStringAsync: vi.fn(async (sealed: Buffer) => {
    const text = Buffer.from(sealed).reverse().toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { shouldReEncrypt: false, result: text.slice('sealed:'.length) };
  }),
};

export const contextBridge = { exposed: new Map<string, unknown>(), exposeInMainWorld: vi.fn((key: string, api: unknown) => contextBridge.exposed.set(key, api)) };

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({ ok: true, value: null }));
}

export const ipcRenderer = new FakeIpcRenderer();

/** Back to a freshly started Electron: no windows, handlers, listeners, switches or recorded calls. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  BrowserWindow.instances.length = 0;
  Tray.instances.length = 0;
  dialog.answer = 0;
  app.removeAllListeners();
  Object.assign(app, { isPackaged: false, gotLock: true, appPath: process.cwd(), quitted: false, quitting: false });
  app.paths.clear();
  // Electron always has one; electron-store asks for it even when given its own folder.
  app.paths.set('userData', mkdtempSync(join(tmpdir(), 'scopekeeper-fake-userdata-')));
  app.switches.clear();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  protocol.handlers.clear();
  session.defaultSession.requestHandler = undefined;
  session.defaultSession.checkHandler = undefined;
  Object.assign(safeStorage, { asyncAvailable: true, backend: 'gnome_libsecret' });
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  Notification.instances.length = 0;
  Notification.supported = true;
  net.online = true;
}

export default { app, BrowserWindow, ipcMain, protocol, net, session, shell, safeStorage, contextBridge, ipcRenderer, Menu, nativeImage, Tray, dialog, Notification };
