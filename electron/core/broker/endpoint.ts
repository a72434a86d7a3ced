import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the broker listens: a Unix domain socket in the data folder (mode 0600, so only this user
 * can connect), or on Windows a named pipe whose name is derived from the data folder. Never a TCP
 * port. The CLI computes the same address from the same data folder.
 */
export const SOCKET_NAME = 'broker.sock';

export function brokerEndpoint(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const digest = createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\scopekeeper-broker-${digest}`;
  }
  return join(dataDir, SOCKET_NAME);
}

/**
 * The app's data folder as Electron's `userData` names it for this package (`app.getPath('userData')`
 * is `<appData>/<name>`), unless SCOPEKEEPER_DATA_DIR says otherwise. Used by the CLI, which runs
 * without Electron.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SCOPEKEEPER_DATA_DIR) return env.SCOPEKEEPER_DATA_DIR;
  const appName = 'scopekeeper';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}
