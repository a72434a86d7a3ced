import { app, ipcMain, net, shell, type BrowserWindow } from 'electron';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { createCore } from '../core/createCore';
import { machinePolicyReader } from '../core/policy/managedPolicy';
import type { MachinePolicyReader } from '../core/ports';
import { APP_ENTRY_URL, isOwnSender, ownLocations, senderFromFrame, type OwnLocation } from '../core/desktop/appUrls';
import { shippedCommand } from '../core/desktop/commandInstall';
import { desktopEnvironment, type DesktopEnvironment } from '../core/desktop/environment';
import { desktopToolCommand } from '../core/desktop/toolCommand';
import { toolSetup } from '../core/broker/toolSetup';
import { requestOverPool } from '../core/broker/providerRequest';
import { whereToolsFindTheApp } from '../../shared/mcpConfig';
import { ALLOW_WEAK_SWITCH } from '../core/desktop/tokenEncryption';
import { createIpcBinding } from '../core/ipc/binding';
import { FIRST_LIST_ASK } from '../../shared/ipc/early';
import { realClock } from '../core/schedule/realClock';
import { electronNotifier, electronStoreVault, safeStorageCipher, systemBrowser } from './adapters';
import { runInBackground } from './background';
import { commandArguments, runAsCommand } from './commandMode';
import type { AppTray } from './tray';
import { bringForward, createMainWindow, isInView, denyAllPermissions, lockDownWebContents, registerAppScheme, serveAppScheme, testWindowBrowser } from './window';

let mainWindow: BrowserWindow | undefined;
let tray: AppTray | undefined;

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
  // Reached only when the window really closed: quitting, or "Keep running when the window is closed" off.
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => onReady(environment, own));
}

/** The app's resources (oauth-clients.json, the tray icons): beside the app when packaged, in the repository otherwise. */
function resourcesDir(): string {
  // process.resourcesPath exists only in Electron's own Node; the unit tests' fake has none.
  const resources = app.isPackaged ? (process.resourcesPath as string | undefined) : undefined;
  return resources ?? join(app.getAppPath(), 'resources');
}

function shippedClientsPath(): string {
  return join(resourcesDir(), 'oauth-clients.json');
}

/** How long a quit waits for the core to end session connections at their providers (each revocation waits at most 5 s). */
const QUIT_WAIT_MS = 8_000;

/** Resolves when `work` settles or after `ms`, whichever is first: a quit never hangs on a provider. */
function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void work.catch((error: unknown) => console.error('Scopekeeper could not finish before quitting:', error)).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function onReady(environment: DesktopEnvironment, own: readonly OwnLocation[]): void {
  serveAppScheme(join(import.meta.dirname, '../renderer'));
  denyAllPermissions();
  // Whatever main pushes changes what the window's first answer would be: it drops the prepared one.
  const firstAnswer = { drop: (): void => undefined };
  const core = createCore(
    {
      cipher: safeStorageCipher(app.commandLine.hasSwitch(ALLOW_WEAK_SWITCH)),
      records: electronStoreVault(app.getPath('userData')),
      browser: environment.testAuthWindow ? testWindowBrowser : systemBrowser,
      clock: realClock(),
      fetch: globalThis.fetch,
      // Tools' calls to the providers' APIs, on keep-alive connections.
      request: requestOverPool(),
      // "Show in folder": core names the file; no path ever comes from the renderer.
      reveal: async (path) => shell.showItemInFolder(path),
      // A tool's question for the person brings the window forward (and is a notification when out of sight).
      attention: { bringForward: () => bringForward(mainWindow), inView: () => isInView(mainWindow) },
      // A clicked notification brings the window forward at what it was about.
      notifier: electronNotifier((notification) => {
        bringForward(mainWindow);
        core.notify.open(notification.opens);
      }),
      // Background checks wait while offline.
      online: () => net.isOnline(),
      // The organisation's policy where the OS keeps managed settings or files; the person's own is in userData.
      ...optionalPolicy(machinePolicyReader(process.platform, process.env, currentUser())),
      // Settings › Install the command: the launcher a package ships in resources/cli.
      command: shippedCommand(app.isPackaged ? (process.resourcesPath as string | undefined) : undefined, {
        platform: process.platform,
        home: homedir(),
        userData: app.getPath('userData'),
        env: process.env,
      }),
      config: { ...environment.config, toolCommand: desktopToolCommand(app.isPackaged, process.execPath, app.getAppPath(), process.platform) },
      // Settings › General › Start at login: set only when the person turns it on, cleared when off.
      loginItem: { setOpenAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }) },
    },
    (channel, payload) => {
      firstAnswer.drop();
      if (channel === 'background:changed') tray?.update((payload as { toolsPaused: boolean }).toolsPaused);
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
    },
  );
  core.startBroker().catch((error: unknown) => console.error('Scopekeeper could not open the endpoint for tools:', error));
  // `npm start`: where tools find this app, in the terminal it runs in.
  if (!app.isPackaged) for (const line of whereToolsFindTheApp(app.getPath('userData'), toolSetup({}, app.getPath('userData')).dataDirMoved)) console.log(line);
  // Only the top frame of our own window, showing our own page, may call in.
  const binding = createIpcBinding(core.handlers, (sender) => isOwnSender(sender, own));
  firstAnswer.drop = () => binding.dropPrepared();
  const mainFrame = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : undefined);
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => binding(channel, payload, senderFromFrame(event.senderFrame, mainFrame)));
  }
  // Quitting waits (a few seconds at most) for the core: "just this session" connections are revoked at their providers.
  let disposing: Promise<void> | undefined;
  app.on('before-quit', (event?: { preventDefault(): void }) => {
    if (disposing) return;
    event?.preventDefault();
    disposing = settleWithin(core.dispose(), QUIT_WAIT_MS);
    void disposing.then(() => app.quit());
  });
  mainWindow = createMainWindow(environment.devServerUrl ?? APP_ENTRY_URL, join(import.meta.dirname, '../preload/index.cjs'));
  // The window's first content, made while its process starts; its preload asks for it first.
  void binding.prepare('grants:list', FIRST_LIST_ASK);
  // The broker runs as long as the app does: closing the window hides it; the tray opens it, pauses tools, quits.
  tray = runInBackground({ window: mainWindow, settings: core.background, open: () => bringForward(mainWindow), resourcesDir: resourcesDir(), platform: process.platform });
}

/** The ports' machinePolicy, where this OS has a managed place. */
function optionalPolicy(machine: MachinePolicyReader | string | undefined): { machinePolicy?: MachinePolicyReader | string } {
  return machine === undefined ? {} : { machinePolicy: machine };
}

/** The login name whose managed preferences apply (macOS); none when the OS will not say. */
function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
