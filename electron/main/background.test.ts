import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrokerClient, BrokerRefusal } from '../cli/client';
import { boot, type Booted } from '../testing/bootMain';
import type * as Fake from '../testing/fakeElectron';
import { CLOSE_NOTICE } from './background';

vi.mock('electron', () => import('../testing/fakeElectron'));

/**
 * Running in the background, as the real electron/main entry wires it: closing the window hides
 * it and keeps the broker; the tray opens, pauses tools and quits; the first close says so once;
 * the login item is set only when the person turns Start at login on.
 */
beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.stubEnv('SCOPEKEEPER_SANDBOX_ISSUER', undefined);
  vi.stubEnv('SCOPEKEEPER_E2E_AUTH_WINDOW', undefined);
});
const running: Booted[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.quit();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A quit first lets the core finish (it ends session connections at their providers), then quits again: resolves once that went through. */
async function quitDone(app: Booted): Promise<void> {
  await vi.waitFor(() => expect(app.electron.app.quitted).toBe(true));
  expect(app.electron.app.quit.mock.calls.length).toBeGreaterThanOrEqual(2);
}

async function start(dataDir?: string, setup?: Parameters<typeof boot>[0]): Promise<Booted & { window: Fake.BrowserWindow; tray: () => Fake.Tray }> {
  const app = await boot(setup, dataDir);
  running.push(app);
  const window = app.mainWindow()!;
  window.visible = true;
  return { ...app, window, tray: () => app.electron.Tray.instances[0]! };
}

/** A tool on the app's socket, once it is open (each try is one turn of the event loop). */
async function tool(app: Booted): Promise<BrokerClient> {
  let client: BrokerClient | undefined;
  while (!client) client = await BrokerClient.connect(join(app.dataDir, 'broker.sock')).catch(() => new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))));
  await client.send('hello', { tool: 'agent' });
  return client;
}

/** The next `background:changed` the window is sent: a setting saved (the first-close answer, a pause from the tray). */
function changed(app: { window: Fake.BrowserWindow }): Promise<unknown> {
  return new Promise((resolve) => {
    app.window.webContents.send.mockImplementation((channel: string, payload: unknown) => {
      if (channel === 'background:changed') resolve(payload);
    });
  });
}
const ownFrame = (app: { window: Fake.BrowserWindow }) => app.window.webContents.mainFrame;

describe('closing the window', () => {
  it('hides it: the app does not quit and the broker still answers tools', async () => {
    const app = await start();
    app.window.close();
    expect(app.window.isDestroyed()).toBe(false);
    expect(app.window.isVisible()).toBe(false);
    expect(app.electron.app.quit).not.toHaveBeenCalled();
    const client = await tool(app);
    expect(await client.send('list')).toEqual({ connections: [], tokenHandout: false });
    client.close();
  });

  it('says once that Scopekeeper keeps running, with a way to change it; never again, not after a restart', async () => {
    const app = await start();
    const seen = changed(app);
    app.window.close();
    app.window.close();
    await seen;
    expect(app.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [notice] = app.electron.dialog.showMessageBox.mock.calls[0]!;
    expect(notice).toMatchObject({ message: CLOSE_NOTICE, buttons: ['Keep running', 'Quit when closed'] });
    expect(notice.detail).toContain('Settings → General');
    app.window.show();
    app.window.close();
    expect(app.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);

    const again = await start(app.dataDir);
    again.window.close();
    expect(again.electron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(again.window.isDestroyed()).toBe(false);
  });

  it('“Quit when closed” quits now, and from then on closing the window quits', async () => {
    const app = await start(undefined, (electron) => (electron.dialog.answer = 1));
    app.window.close();
    await quitDone(app);
    expect(app.window.isDestroyed()).toBe(true);

    const again = await start(app.dataDir);
    expect(await again.invoke('background:get', ownFrame(again))).toMatchObject({ ok: true, value: { keepRunning: false } });
    again.window.close();
    expect(again.window.isDestroyed()).toBe(true);
    expect(again.electron.app.quit).toHaveBeenCalled();
    expect(again.electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('the end of the system session closes it for real', async () => {
    const app = await start();
    app.window.emit('session-end');
    app.window.close();
    expect(app.window.isDestroyed()).toBe(true);
  });

  it('on macOS the Dock icon (activate) shows the hidden window again', async () => {
    const app = await start();
    app.window.close();
    app.electron.app.emit('activate');
    expect(app.window.isVisible()).toBe(true);
  });
});

describe('the tray', () => {
  it('shows the app’s icon with Open, Pause tools and Quit; Open brings the hidden window back', async () => {
    const app = await start();
    const tray = app.tray();
    expect(tray.image.path).toBe(join(process.cwd(), 'resources', 'tray', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
    expect(tray.menu!.labels()).toEqual(['Open Scopekeeper', 'Pause tools', '(separator)', 'Quit Scopekeeper']);
    app.window.close();
    tray.menu!.click('Open Scopekeeper');
    expect(app.window.isVisible()).toBe(true);
  });

  it('on macOS is a template image the menu bar tints', async () => {
    vi.spyOn(process, 'platform', 'get').mockReturnValue('darwin');
    const app = await start();
    expect(app.tray().image).toMatchObject({ path: expect.stringMatching(/trayTemplate\.png$/), template: true });
  });

  it('Quit really quits: the window closes instead of hiding and the broker’s socket closes', async () => {
    const app = await start();
    const client = await tool(app);
    const closed = new Promise<void>((resolve) => client.onClosed(resolve));
    app.tray().menu!.click('Quit Scopekeeper');
    // The first quit waits for the core (session connections ended at their providers, the socket closed); the second goes through.
    expect(app.electron.app.quitted).toBe(false);
    await quitDone(app);
    expect(app.window.isDestroyed()).toBe(true);
    await closed;
  });

  it('Cmd+Q (the app menu’s Quit) quits with the window open', async () => {
    const app = await start();
    app.electron.app.quit();
    await quitDone(app);
    expect(app.electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('Pause tools pauses the broker until Resume tools; the window hears of it; pausing in the window changes the menu', async () => {
    const app = await start();
    const client = await tool(app);
    const paused = changed(app);
    app.tray().menu!.click('Pause tools');
    // The broker refuses at once, before the setting is saved.
    const refused = await client.send('request', { providerId: 'sandbox', actions: ['read-files'] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BrokerRefusal);
    expect((refused as BrokerRefusal).code).toBe('paused');
    expect(await paused).toMatchObject({ toolsPaused: true });
    expect(app.tray().menu!.labels()[1]).toBe('Resume tools');
    expect(app.tray().tooltip).toBe('Scopekeeper: tools paused');

    const resumed = changed(app);
    app.tray().menu!.click('Resume tools');
    await resumed;
    expect(app.tray().menu!.labels()[1]).toBe('Pause tools');
    expect(await app.invoke('background:pause-tools', ownFrame(app), { paused: true })).toMatchObject({ ok: true, value: { toolsPaused: true } });
    expect(app.tray().menu!.labels()[1]).toBe('Resume tools');
    client.close();
  });
});

describe('Start at login', () => {
  it('is set only when the person turns it on, and cleared when they turn it off', async () => {
    const app = await start();
    const login = app.electron.app.setLoginItemSettings;
    expect(login).not.toHaveBeenCalled();
    await app.invoke('background:set', ownFrame(app), { keepRunning: false });
    expect(login).not.toHaveBeenCalled();
    expect(await app.invoke('background:set', ownFrame(app), { startAtLogin: true })).toMatchObject({ ok: true, value: { startAtLogin: true } });
    expect(login.mock.calls).toEqual([[{ openAtLogin: true }]]);
    await app.invoke('background:set', ownFrame(app), { startAtLogin: false });
    expect(login.mock.calls).toEqual([[{ openAtLogin: true }], [{ openAtLogin: false }]]);
    // Another page cannot turn it on.
    expect(await app.invoke('background:set', { url: 'https://evil.example/' }, { startAtLogin: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(login).toHaveBeenCalledTimes(2);
  });

  it('starting again does not touch the login item', async () => {
    const app = await start();
    await app.invoke('background:set', ownFrame(app), { startAtLogin: true });
    const again = await start(app.dataDir);
    expect(again.electron.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
