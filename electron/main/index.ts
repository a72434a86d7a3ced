import { app, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { parseProviderOverrides } from '../core/config';
import { createCore } from '../core/createCore';
import { createIpcBinding, type Sender } from '../core/ipc/binding';
import { electronStoreVault, safeStorageCipher, systemBrowser, testWindowBrowser } from './adapters';
import { appOrigin, createMainWindow, denyAllPermissions, lockDownWebContents, registerAppScheme, serveAppScheme } from './window';

// Before the lock: the lock is per data folder, so test runs with their own folders do not collide.
if (process.env.SCOPEKEEPER_DATA_DIR) app.setPath('userData', process.env.SCOPEKEEPER_DATA_DIR);

let mainWindow: BrowserWindow | undefined;

// One instance owns the vault file and the sign-in flow; a second one hands over and quits.
if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  registerAppScheme();
  lockDownWebContents();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(onReady);
}

function onReady(): void {
  serveAppScheme(join(import.meta.dirname, '../renderer'));
  denyAllPermissions();
  const core = createCore(
    {
      cipher: safeStorageCipher(app.commandLine.hasSwitch('allow-weak-token-encryption')),
      records: electronStoreVault(app.getPath('userData')),
      // E2E_TARGET=electron only: Playwright cannot drive the system browser. Never in a packaged app.
      browser: process.env.SCOPEKEEPER_E2E_AUTH_WINDOW === '1' && !app.isPackaged ? testWindowBrowser : systemBrowser,
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: {
        ...(process.env.SCOPEKEEPER_SANDBOX_ISSUER ? { sandboxIssuer: process.env.SCOPEKEEPER_SANDBOX_ISSUER } : {}),
        // Test personas (E2E_TARGET=electron); never honoured by a packaged app.
        ...(process.env.SCOPEKEEPER_E2E_PROVIDER_OVERRIDES && !app.isPackaged
          ? { providerOverrides: parseProviderOverrides(process.env.SCOPEKEEPER_E2E_PROVIDER_OVERRIDES) }
          : {}),
      },
    },
    (channel, payload) => mainWindow?.webContents.send(channel, payload),
  );
  core.startBroker().catch((error: unknown) => console.error('Scopekeeper could not open the endpoint for tools:', error));
  const invoke = createIpcBinding(core.handlers, (sender) => sender.url !== undefined && new URL(sender.url).origin === appOrigin());
  const senderOf = (event: IpcMainInvokeEvent): Sender => ({
    url: event.senderFrame?.url,
    // Only the top frame of our own window may call in.
    isMainFrame: event.senderFrame !== null && event.senderFrame === mainWindow?.webContents.mainFrame,
  });
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => invoke(channel, payload, senderOf(event)));
  }
  app.on('before-quit', () => core.dispose());
  mainWindow = createMainWindow();
}
