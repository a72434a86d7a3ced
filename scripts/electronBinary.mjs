// Is Electron's binary here? Asked the way electron-vite and Playwright ask (`require('electron')`
// gives the executable's path, honouring ELECTRON_OVERRIDE_DIST_PATH), in a quiet child process:
// where the binary is missing, that require tries to download it and prints a stack trace.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const PROBE = "const p = require('electron'); process.exit(require('node:fs').existsSync(p) ? 0 : 3);";

/** True when the Electron executable exists (downloading it first, where a download is possible). */
export function hasElectronBinary() {
  return spawnSync(process.execPath, ['-e', PROBE], { cwd: root, stdio: 'ignore', env: process.env }).status === 0;
}
