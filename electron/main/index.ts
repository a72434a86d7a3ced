import { app, ipcMain, shell, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { createCore } from '../core/createCore';
import { APP_ENTRY_URL, isOwnSender, ownLocations, senderFromFrame, type OwnLocation } from '../core/desktop/appUrls';
import { shippedCommand } from '../core/desktop/commandInstall';
import { desktopEnvironment, type DesktopEnvironment } from '../core/desktop/environment';
import { desktopToolCommand } from '../core/desktop/toolCommand';
import { toolSetup } from '../core/broker/toolSetup';
import { requestOverPool } from '../core/broker/providerRequest';
import { whereToolsFindTheApp } from '../../shared/mcpConfig';
import { ALLOW_WEAK_SWITCH } from '../core/desktop/tokenEncryption';
import { createIpcBinding } from '../core/ipc/binding';
import { electronStoreVault, safeStorageCipher, systemBrowser } from './adapters';
import { commandArguments, runAsCommand } from './commandMode';
import { bringForward, createMainWindow, denyAllPermissions, lockDownWebContents, registerAppScheme, serveAppScheme, testWindowBrowser } from './window';

let mainWindow: BrowserWindow | undefined;

// `<app binary> --scopekeeper-command …`: the `scopekeeper` command, before anything of the app.
const command = commandArguments(process.argv, process.defaultApp === true);
if (command) runAsCommand(command);
else startApp();

function startApp(): void {
  const environment = desktopEnvironment(process.env, app.isPackaged, shippedClientsPath());
  // Before the lock: the lock is per data folder, so test runs with their own folders do not collide.
  if (environment.dataDir) app.setPath('userData', environment.dataDir);
  // One instance owns the vault file and the sign-in flow; a second one hands over and quits.
  if (app.requestSingleInstanceLock()) start(environment);
  else app.quit();
}

function start(environment: DesktopEnvironment): void {
  const own = ownLocations(environment.devServerUrl);
  registerAppScheme();
  lockDownWebContents(own);
  app.on('second-instance', () => bringForward(mainWindow));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => onReady(environment, own));
}

/** resources/oauth-clients.json: beside the app's resources when packaged, in the repository otherwise. */
function shippedClientsPath(): string {
  // process.resourcesPath exists only in Electron's own Node; the unit tests' fake has none.
  const resources = app.isPackaged ? (process.resourcesPath as string | undefined) : undefined;
  return resources ? join(resources, 'oauth-clients.json') : join(app.getAppPath(), 'resources', 'oauth-clients.json');
}

function onReady(environment: DesktopEnvironment, own: readonly OwnLocation[]): void {
  serveAppScheme(join(import.meta.dirname, '../renderer'));
  denyAllPermissions();
  const core = createCore(
    {
      cipher: safeStorageCipher(app.commandLine.hasSwitch(ALLOW_WEAK_SWITCH)),
      records: electronStoreVault(app.getPath('userData')),
      browser: environment.testAuthWindow ? testWindowBrowser : systemBrowser,
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      // Tools' calls to the providers' APIs, on keep-alive connections.
      request: requestOverPool(),
      // "Show in folder": core names the file; no path ever comes from the renderer.
      reveal: async (path) => shell.showItemInFolder(path),
      // A tool's question for the person brings the window forward.
      attention: { bringForward: () => bringForward(mainWindow) },
      // Settings › Install the command: the launcher a package ships in resources/cli.
      command: shippedCommand(app.isPackaged ? (process.resourcesPath as string | undefined) : undefined, {
        platform: process.platform,
        home: homedir(),
        userData: app.getPath('userData'),
        env: process.env,
      }),
      config: { ...environment.config, toolCommand: desktopToolCommand(app.isPackaged, process.execPath, app.getAppPath(), process.platform) },
    },
    (channel, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
    },
  );
  core.startBroker().catch((error: unknown) => console.error('Scopekeeper could not open the endpoint for tools:', error));
  // `npm start`: where tools find this app, in the terminal it runs in.
  if (!app.isPackaged) for (const line of whereToolsFindTheApp(app.getPath('userData'), toolSetup({}, app.getPath('userData')).dataDirMoved)) console.log(line);
  // Only the top frame of our own window, showing our own page, may call in.
  const invoke = createIpcBinding(core.handlers, (sender) => isOwnSender(sender, own));
  const mainFrame = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : undefined);
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => invoke(channel, payload, senderFromFrame(event.senderFrame, mainFrame)));
  }
  app.on('before-quit', () => core.dispose());
  mainWindow = createMainWindow(environment.devServerUrl ?? APP_ENTRY_URL, join(import.meta.dirname, '../preload/index.cjs'));
}
