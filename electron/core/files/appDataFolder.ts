import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder `name` in the user's per-platform application data folder, where Electron's
 * `app.getPath('appData')` points: `%APPDATA%` on Windows, `~/Library/Application Support` on
 * macOS, `$XDG_CONFIG_HOME` (or `~/.config`) elsewhere. For code that runs without Electron.
 */
export function appDataFolder(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}
