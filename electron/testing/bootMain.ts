/**
 * Starts the real electron/main entry against the stand-in `electron` module, for the tests of
 * electron/main (each calls `vi.mock('electron', () => import('../testing/fakeElectron'))` itself).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type * as Fake from './fakeElectron';

export type FakeElectron = typeof Fake;

export interface Booted {
  electron: FakeElectron;
  dataDir: string;
  /** Calls a registered handler the way Electron does, from the given frame. */
  invoke(channel: string, frame: { url: string } | null, payload?: unknown): Promise<unknown>;
  mainWindow(): Fake.BrowserWindow | undefined;
  /**
   * Quits as the person does and resolves once the quit went through: the entry first lets the
   * core finish, then quits again, so a test that did not wait would see that second quit land in
   * the next test's app (the fake is one module, as Electron is one app per process).
   */
  quit(): Promise<void>;
}

/**
 * Loads the real entry afresh against a fresh fake Electron, and waits for `ready` to be handled.
 * `dataDir`: an earlier run's folder (the app started again); a new one otherwise.
 */
export async function boot(setup: (electron: FakeElectron) => void = () => undefined, dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-main-'))): Promise<Booted> {
  vi.resetModules();
  // vi.resetModules() keeps mocked modules: the same fake comes back, so start it afresh.
  const electron = (await import('electron')) as unknown as FakeElectron;
  electron.resetFakeElectron();
  vi.stubEnv('SCOPEKEEPER_DATA_DIR', dataDir);
  setup(electron);
  await import('../main/index');
  await electron.app.ready;
  return {
    electron,
    dataDir,
    mainWindow: () => electron.BrowserWindow.instances[0],
    quit: async () => {
      electron.app.quit();
      await vi.waitFor(() => {
        if (!electron.app.quitted) throw new Error('still quitting');
      });
    },
    invoke: async (channel, frame, payload) => {
      const handler = electron.ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler for ${channel}`);
      return handler({ senderFrame: frame }, payload);
    },
  };
}
