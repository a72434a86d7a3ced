import { app, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { parseProviderOverrides } from '../core/config';
import { createCore } from '../core/createCore';
import { createIpcBinding, type Sender } from '../core/ipc/binding';
import { electronStoreVault, safeStorageCipher, systemBrowser, testWindowBrowser } from './adapters';
import { appOrigin, createMainWindow, denyAllPermissions, lockDownWebContents, registerAppScheme, serveAppScheme } from './window';

// One instance owns the vault file and the sign-in flow.
if (!app.requestSingleInstanceLock()) app.quit();

registerAppScheme();
lockDownWebContents();

if (process.env.SCOPEKEEPER_DATA_DIR) app.setPath('userData', process.env.SCOPEKEEPER_DATA_DIR);

let mainWindow: BrowserWindow | undefined;

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  serveAppScheme(join(import.meta.dirname, '../renderer'));
  denyAllPermissions();
  const core = createCore(
    {
      cipher: safeStorageCipher(app.commandLine.hasSwitch('allow-weak-token-encryption')),
      records: electronStoreVault(app.getPath('userData')),
      browser: process.env.SCOPEKEEPER_E2E_AUTH_WINDOW === '1' ? testWindowBrowser : systemBrowser,
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
});
