import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';

/** What the tray menu does: the window, Pause or Resume tools, and Quit. */
export interface TrayActions {
  open(): void;
  pauseTools(paused: boolean): void;
  quit(): void;
}

/** The tray / menu bar icon (resources/tray, made by `npm run icons`): a template image macOS tints, the app's icon elsewhere. */
export function trayIconPath(resourcesDir: string, platform: NodeJS.Platform): string {
  return join(resourcesDir, 'tray', platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}

/** The menu as the person sees it; the middle item says what it will do (Pause tools, or Resume tools while paused). */
export function trayMenu(paused: boolean, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Open Scopekeeper', click: () => actions.open() },
    { label: paused ? 'Resume tools' : 'Pause tools', click: () => actions.pauseTools(!paused) },
    { type: 'separator' },
    { label: 'Quit Scopekeeper', click: () => actions.quit() },
  ];
}

export interface AppTray {
  /** Shows whether tools are paused (its menu and tooltip); called on every `background:changed`. */
  update(paused: boolean): void;
}

/**
 * Scopekeeper in the system tray / menu bar while it runs, window or not. A click on the icon opens
 * the window where the system sends clicks (Windows; macOS and most Linux trays open the menu).
 */
export function createAppTray(iconPath: string, actions: TrayActions, paused: boolean, platform: NodeJS.Platform): AppTray {
  const image = nativeImage.createFromPath(iconPath);
  if (platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  const update = (now: boolean): void => {
    tray.setToolTip(now ? 'Scopekeeper: tools paused' : 'Scopekeeper');
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(now, actions)));
  };
  update(paused);
  if (platform !== 'darwin') tray.on('click', () => actions.open());
  // The tray stays referenced by the closure, so it is not collected while the app runs.
  return { update: (now) => update(now) };
}
