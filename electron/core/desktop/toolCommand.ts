import { dirname, join, win32 } from 'node:path';
import type { ToolCommand } from '../../../shared/mcpConfig';

/**
 * How the Tools view tells a person to start `scopekeeper` from this Electron app, absolute, so a
 * host needs neither our PATH nor a `node` of its own where that can be avoided. Unpackaged
 * (`npm start`): the built command (`out/cli/scopekeeper.mjs`) run by this very binary as Node
 * (no fuses are applied to a development binary). Packaged: the launcher the package ships in
 * `resources/cli` (see electron-builder.json), which picks the runtime itself.
 */
export function desktopToolCommand(isPackaged: boolean, execPath: string, appPath: string, platform: NodeJS.Platform): ToolCommand {
  if (isPackaged) {
    // Packaged, the app path is `<resources>/app.asar`: the launcher is `<resources>/cli/…`.
    const path = platform === 'win32' ? win32 : { join, dirname };
    return { command: path.join(path.dirname(appPath), 'cli', platform === 'win32' ? 'scopekeeper.cmd' : 'scopekeeper'), args: [] };
  }
  return { command: execPath, args: [join(appPath, 'out', 'cli', 'scopekeeper.mjs')], env: { ELECTRON_RUN_AS_NODE: '1' } };
}
