import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { BrokerClient, BrokerRefusal } from '../cli/client';
import { WEAK_BACKEND_REFUSED } from '../core/desktop/tokenEncryption';
import { boot, type Booted, type FakeElectron } from '../testing/bootMain';
import type * as Command from '../cli/command';
import { runCommand } from '../cli/command';

vi.mock('electron', () => import('../testing/fakeElectron'));
// The real command, watched: the app binary's command mode must run exactly this function.
vi.mock('../cli/command', async (importOriginal) => {
  const actual = await importOriginal<typeof Command>();
  return { runCommand: vi.fn(actual.runCommand) };
});

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.stubEnv('SCOPEKEEPER_SANDBOX_ISSUER', undefined);
  vi.stubEnv('SCOPEKEEPER_E2E_AUTH_WINDOW', undefined);
  vi.stubEnv('SCOPEKEEPER_OAUTH_CLIENTS', undefined);
});
afterEach(() => vi.unstubAllEnvs());

describe('the IPC wiring', () => {
  it('answers Install the command from an unpackaged app with what to do instead, touching no folder', async () => {
    const app = await boot();
    const result = await app.invoke('app:install-command', app.mainWindow()!.webContents.mainFrame);
    expect(result).toMatchObject({ ok: true, value: { outcome: 'unavailable', message: expect.stringContaining('npm link') } });
    expect(await app.invoke('app:install-command', { url: 'scopekeeper://evil/' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('registers every contract channel exactly once', async () => {
    const { electron } = await boot();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers app:status from the packaged window’s own main frame (scopekeeper://app/index.html)', async () => {
    const app = await boot();
    const window = app.mainWindow();
    expect(window?.loadURL).toHaveBeenCalledWith('scopekeeper://app/index.html');
    const result = await app.invoke('app:status', window!.webContents.mainFrame);
    expect(result).toEqual({ ok: true, value: { vault: { state: 'ready' }, sandbox: { source: 'none' } } });
  });

  it('passes the sender through: another frame, a foreign page, an empty or unreadable frame get FORBIDDEN_SENDER', async () => {
    const app = await boot();
    const mainFrame = app.mainWindow()!.webContents.mainFrame;
    const forbidden = { ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) };
    // A subframe showing our own page is still not the main frame.
    expect(await app.invoke('app:status', { url: 'scopekeeper://app/index.html' })).toEqual(forbidden);
    expect(await app.invoke('app:status', null)).toEqual(forbidden);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await app.invoke('app:status', disposed)).toEqual(forbidden);
    for (const url of ['', 'not a url', 'scopekeeper://evil/', 'https://app/', 'file:///etc/passwd']) {
      mainFrame.url = url;
      expect(await app.invoke('app:status', mainFrame), url).toEqual(forbidden);
    }
    mainFrame.url = 'scopekeeper://app/assets/index.js';
    expect(await app.invoke('app:status', mainFrame)).toMatchObject({ ok: true });
  });

  it('checks the payload after the sender: a bad request from our window is INVALID_REQUEST, not a throw', async () => {
    const app = await boot();
    const result = await app.invoke('grants:connect', app.mainWindow()!.webContents.mainFrame, { providerId: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('pushes core events to the window, and nothing to a closed one', async () => {
    // Nothing listens on port 9 here: the sign-in fails at discovery and reports it as flow:progress.
    const app = await boot(() => vi.stubEnv('SCOPEKEEPER_SANDBOX_ISSUER', 'http://127.0.0.1:9'));
    const window = app.mainWindow()!;
    const frame = window.webContents.mainFrame;
    expect(await app.invoke('grants:connect', frame, { providerId: 'sandbox' })).toMatchObject({ ok: false });
    expect(window.webContents.send).toHaveBeenCalledWith('flow:progress', expect.objectContaining({ providerId: 'sandbox', stage: 'failed' }));
    window.destroyed = true;
    window.webContents.send.mockClear();
    expect(await app.invoke('grants:connect', frame, { providerId: 'sandbox' })).toMatchObject({ ok: false });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('development and packaged builds', () => {
  it('in development loads the dev server and answers its main frame', async () => {
    const app = await boot(() => vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173'));
    const window = app.mainWindow()!;
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    window.webContents.mainFrame.url = 'http://localhost:5173/';
    expect(await app.invoke('app:status', window.webContents.mainFrame)).toMatchObject({ ok: true });
    window.webContents.mainFrame.url = 'http://localhost:5174/';
    expect(await app.invoke('app:status', window.webContents.mainFrame)).toMatchObject({ ok: false });
  });

  it('a packaged app ignores the dev server and the test sign-in window', async () => {
    const app = await boot((electron) => {
      electron.app.isPackaged = true;
      vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
      vi.stubEnv('SCOPEKEEPER_E2E_AUTH_WINDOW', '1');
    });
    const window = app.mainWindow()!;
    expect(window.loadURL).toHaveBeenCalledWith('scopekeeper://app/index.html');
    expect(await app.invoke('app:status', window.webContents.mainFrame)).toMatchObject({ ok: true });
    window.webContents.mainFrame.url = 'http://localhost:5173/';
    expect(await app.invoke('app:status', window.webContents.mainFrame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});

describe('a tool’s question for the person', () => {
  it('brings the window forward: restored, focused, the app made active (the Attention port of electron/main)', async () => {
    const app = await boot(() => {
      vi.stubEnv('SCOPEKEEPER_SANDBOX_ISSUER', 'http://127.0.0.1:4890');
      // A connected Sandbox account, as the vault keeps it: enough for a tool to ask about it.
      const at = '2026-11-30T10:00:00.000Z';
      const record = {
        id: 'c1',
        providerId: 'sandbox',
        issuer: 'http://127.0.0.1:4890',
        account: 'alex@sandbox.test',
        requestedScopes: ['openid', 'files:read'],
        grantedScopes: ['openid', 'files:read'],
        connectedAt: at,
        updatedAt: at,
        grantedAt: { openid: at, 'files:read': at },
        state: 'connected',
      };
      const document = { schemaVersion: 4, connections: { c1: record }, secrets: {}, providers: {}, settings: {} };
      writeFileSync(join(process.env.SCOPEKEEPER_DATA_DIR!, 'vault.json'), JSON.stringify(document), { mode: 0o600 });
    });
    const window = app.mainWindow()!;
    window.visible = true;
    window.minimized = true;
    let asked: (requestId: string) => void = () => undefined;
    const question = new Promise<string>((resolve) => (asked = resolve));
    window.webContents.send.mockImplementation((channel: string, payload: { requestId: string }) => {
      if (channel === 'broker:approval-requested') asked(payload.requestId);
    });

    // The broker's socket opens as the app starts; each try is one turn of the event loop.
    let client: BrokerClient | undefined;
    while (!client) client = await BrokerClient.connect(join(app.dataDir, 'broker.sock')).catch(() => new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))));
    await client.send('hello', { tool: 'notes-agent' });
    const request = client.send('request', { connectionId: 'c1', actions: ['read-files'] });
    const requestId = await question;
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(app.electron.app.focus).toHaveBeenCalledWith({ steal: true });
    expect(window.isFocused()).toBe(true);
    // Minimised as it was asked: a notification too, whose click shows the question.
    expect(app.electron.Notification.instances.map((n) => [n.options, n.shown])).toEqual([
      [{ title: 'notes-agent asks to use Sandbox', body: expect.stringContaining('at Sandbox (alex@sandbox.test)') }, true],
    ]);
    window.webContents.send.mockClear();
    app.electron.Notification.instances[0]!.emit('click');
    expect(window.webContents.send).toHaveBeenCalledWith('app:open', { requestId });

    expect(await app.invoke('broker:answer', window.webContents.mainFrame, { requestId, decision: 'deny' })).toEqual({ ok: true, value: null });
    expect(await request.catch((error: unknown) => error)).toBeInstanceOf(BrokerRefusal);
    client.close();
    await app.quit();
  });
});

describe('start-up', () => {
  it('puts the vault in SCOPEKEEPER_DATA_DIR, set before the single-instance lock, through electron-store', async () => {
    const app = await boot();
    const setPath = app.electron.app.paths.get('userData');
    expect(setPath).toBe(app.dataDir);
    const saved = await app.invoke('settings:set-sandbox', app.mainWindow()!.webContents.mainFrame, { issuer: null });
    expect(saved).toEqual({ ok: true, value: { source: 'none' } });
    expect(statSync(join(app.dataDir, 'vault.json')).mode & 0o777).toBe(0o600);
  });

  it('a second instance hands over: it quits without registering anything, and the first restores its window', async () => {
    const first = await boot();
    const window = first.mainWindow()!;
    window.minimized = true;
    first.electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();

    const second = await boot((electron) => (electron.app.gotLock = false));
    expect(second.electron.app.quit).toHaveBeenCalled();
    expect(second.electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(second.electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(second.electron.app.whenReady).not.toHaveBeenCalled();
    expect(second.mainWindow()).toBeUndefined();
  });

  it('quits when the last window closes', async () => {
    const app = await boot();
    expect(app.electron.app.quit).not.toHaveBeenCalled();
    app.electron.app.emit('window-all-closed');
    expect(app.electron.app.quit).toHaveBeenCalledTimes(1);
  });

  it('on Linux without a keyring the vault is locked with the sentence, unless --allow-weak-token-encryption', async () => {
    const platform = vi.spyOn(process, 'platform', 'get').mockReturnValue('linux');
    try {
      const refused = await boot((electron) => (electron.safeStorage.backend = 'basic_text'));
      expect(await refused.invoke('app:status', refused.mainWindow()!.webContents.mainFrame)).toMatchObject({
        ok: true,
        value: { vault: { state: 'locked', lockedReason: WEAK_BACKEND_REFUSED } },
      });
      const allowed = await boot((electron) => {
        electron.safeStorage.backend = 'basic_text';
        electron.app.switches.add('allow-weak-token-encryption');
      });
      expect(await allowed.invoke('app:status', allowed.mainWindow()!.webContents.mainFrame)).toMatchObject({
        ok: true,
        value: { vault: { state: 'ready' } },
      });
    } finally {
      platform.mockRestore();
    }
  });
});

describe('the app’s own binary as the `scopekeeper` command (first argument --scopekeeper-command)', () => {
  /** Loads the entry as `<binary> …argv` and resolves with the status it exits with. */
  async function runBinary(argv: string[], setup: (electron: FakeElectron) => void = () => undefined): Promise<{ electron: FakeElectron; status: number }> {
    vi.resetModules();
    const electron = (await import('electron')) as unknown as FakeElectron;
    electron.resetFakeElectron();
    const exited = new Promise<number>((resolve) => electron.app.exit.mockImplementation((code?: number) => void resolve(code ?? 0)));
    setup(electron);
    const saved = process.argv;
    process.argv = ['/opt/Scopekeeper/scopekeeper', ...argv];
    try {
      await import('./index');
    } finally {
      process.argv = saved;
    }
    return { electron, status: await exited };
  }

  /** Nothing of the app started: no lock, no window, no scheme, no IPC, no broker (it starts on ready). */
  function expectNoApp(electron: FakeElectron): void {
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toEqual([]);
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(electron.app.quit).not.toHaveBeenCalled();
  }

  it('runs the command with the arguments after it and exits with its status, starting nothing of the app', async () => {
    vi.mocked(runCommand).mockResolvedValueOnce(3);
    const { electron, status } = await runBinary(['--scopekeeper-command', 'call', 'sandbox', 'read-files', '--data', '{"a":1}']);
    expect(runCommand).toHaveBeenCalledTimes(1);
    expect(vi.mocked(runCommand).mock.calls[0]![0]).toEqual(['call', 'sandbox', 'read-files', '--data', '{"a":1}']);
    expect(status).toBe(3);
    expect(electron.app.exit).toHaveBeenCalledTimes(1);
    expect(electron.app.disableHardwareAcceleration).toHaveBeenCalledTimes(1);
    expectNoApp(electron);
  });

  it('is the real command: --version prints the version and exits 0; an option it does not know is refused', async () => {
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const complained = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const version = await runBinary(['--scopekeeper-command', '--version']);
      expect(version.status).toBe(0);
      expect(printed).toHaveBeenCalledWith(expect.stringMatching(/^scopekeeper \d+\.\d+\.\d+/));
      expectNoApp(version.electron);
      // A hostile caller's extra switches are the command's arguments, refused by its strict parser.
      const inspect = await runBinary(['--scopekeeper-command', '--inspect=9229', 'mcp']);
      expect(inspect.status).toBe(1);
      expect(complained).toHaveBeenCalledWith(expect.stringContaining("Unknown option '--inspect'"));
      expectNoApp(inspect.electron);
    } finally {
      printed.mockRestore();
      complained.mockRestore();
    }
  });

  it('in an unpackaged run (electron <app folder> --scopekeeper-command …) the argument after the app folder counts', async () => {
    vi.mocked(runCommand).mockResolvedValueOnce(0);
    const defaultApp = Object.getOwnPropertyDescriptor(process, 'defaultApp');
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    try {
      const { electron, status } = await runBinary(['/repo', '--scopekeeper-command', 'connections']);
      expect(vi.mocked(runCommand).mock.calls[0]![0]).toEqual(['connections']);
      expect(status).toBe(0);
      expectNoApp(electron);
    } finally {
      if (defaultApp) Object.defineProperty(process, 'defaultApp', defaultApp);
      else delete (process as { defaultApp?: boolean }).defaultApp;
    }
  });

  it('hides the Dock icon on macOS', async () => {
    vi.mocked(runCommand).mockResolvedValueOnce(0);
    const platform = vi.spyOn(process, 'platform', 'get').mockReturnValue('darwin');
    try {
      const { electron } = await runBinary(['--scopekeeper-command', 'connections']);
      expect(electron.app.dock.hide).toHaveBeenCalledTimes(1);
    } finally {
      platform.mockRestore();
    }
  });

  it('anywhere but first, or spelled otherwise, it is not the command: the app starts as always', async () => {
    for (const argv of [['connections', '--scopekeeper-command'], ['--scopekeeper-command=connections'], ['--Scopekeeper-Command', 'connections']]) {
      const saved = process.argv;
      let app: Booted;
      try {
        app = await boot(() => (process.argv = ['/opt/Scopekeeper/scopekeeper', ...argv]));
      } finally {
        process.argv = saved;
      }
      expect(runCommand, argv.join(' ')).not.toHaveBeenCalled();
      expect(app.electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
      expect(app.mainWindow()).toBeDefined();
      expect(app.electron.app.exit).not.toHaveBeenCalled();
      expect(app.electron.app.disableHardwareAcceleration).not.toHaveBeenCalled();
      await app.quit();
    }
  });
});
