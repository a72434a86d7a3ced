import { app, dialog, type BrowserWindow } from 'electron';
import type { Background } from '../core/desktop/background';
import { createAppTray, trayIconPath, type AppTray } from './tray';

/** What the shell reads and changes of the background settings (core's `Background`). */
export type BackgroundSettingsPort = Pick<Background, 'view' | 'closeNoticeShown' | 'closeNoticeSeen' | 'set' | 'pauseTools'>;

/** Said once, at the first close that keeps Scopekeeper running. */
export const CLOSE_NOTICE = 'Scopekeeper keeps running so your tools can reach it';

/** Where the person finds the icon, as their system calls the place. */
export function trayPlace(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'menu bar';
  if (platform === 'win32') return 'notification area of the taskbar';
  return 'system tray';
}

/**
 * Closing the window hides it: Scopekeeper, and the broker tools talk to, keep running until the
 * person quits (the tray, Cmd+Q, the app menu) or turns "Keep running when the window is closed"
 * off. Quitting sets `isQuitting` (before-quit) and the end of the system session is a quit too, so
 * neither is held up here. The first close that keeps it running says so once, with a way to change it.
 */
export function keepRunningOnClose(window: BrowserWindow, settings: BackgroundSettingsPort, isQuitting: () => boolean, platform: NodeJS.Platform): void {
  let sessionEnding = false;
  let asking = false;
  window.on('session-end', () => (sessionEnding = true));
  window.on('close', (event) => {
    if (isQuitting() || sessionEnding || !settings.view().keepRunning) return;
    event.preventDefault();
    window.hide();
    if (settings.closeNoticeShown || asking) return;
    asking = true;
    void sayOnce(settings, platform)
      .catch((error: unknown) => console.error('Scopekeeper could not keep the answer to its first-close notice:', error))
      .finally(() => (asking = false));
  });
}

/** "Scopekeeper keeps running…", with Keep running or Quit when closed (saved: it is said once). */
async function sayOnce(settings: BackgroundSettingsPort, platform: NodeJS.Platform): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'info',
    title: 'Scopekeeper',
    message: CLOSE_NOTICE,
    detail: `Open it again from its icon in the ${trayPlace(platform)}, where you can also pause tools or quit. You can change this in Settings → General.`,
    buttons: ['Keep running', 'Quit when closed'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  await settings.closeNoticeSeen();
  if (response !== 1) return;
  await settings.set({ keepRunning: false });
  app.quit();
}

/** True from `before-quit` on: every way of quitting (the tray, Cmd+Q, the app menu, app.quit) really quits. */
export function quitSignal(): () => boolean {
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  return () => quitting;
}

/**
 * The Electron shell's part of running in the background: the close behaviour, the tray with Open,
 * Pause tools and Quit, and (macOS) the Dock icon reopening the window. Returns the tray, which
 * index.ts tells of each `background:changed`.
 */
export function runInBackground(options: {
  window: BrowserWindow;
  settings: BackgroundSettingsPort;
  open: () => void;
  resourcesDir: string;
  platform: NodeJS.Platform;
}): AppTray {
  const { window, settings, open, platform } = options;
  keepRunningOnClose(window, settings, quitSignal(), platform);
  app.on('activate', open);
  const actions = {
    open,
    pauseTools: (paused: boolean) => void settings.pauseTools(paused).catch((error: unknown) => console.error('Scopekeeper could not pause tools:', error)),
    quit: () => app.quit(),
  };
  return createAppTray(trayIconPath(options.resourcesDir, platform), actions, settings.view().toolsPaused, platform);
}
