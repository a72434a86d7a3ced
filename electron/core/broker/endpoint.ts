import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { appDataFolder } from '../files/appDataFolder';

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
  return env.SCOPEKEEPER_DATA_DIR || appDataFolder('scopekeeper', env, platform);
}
