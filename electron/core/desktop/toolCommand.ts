import { join } from 'node:path';
import type { ToolCommand } from '../../../shared/mcpConfig';

/**
 * How the Tools view tells a person to start `scopekeeper` from this Electron app. Unpackaged
 * (`npm start`), the built command beside the app run by this very binary as Node, absolute, so
 * a host needs neither our PATH nor node; packaged, nothing here: core then names the installed
 * `scopekeeper` command.
 */
export function desktopToolCommand(isPackaged: boolean, execPath: string, appPath: string): ToolCommand | undefined {
  if (isPackaged) return undefined;
  return { command: execPath, args: [join(appPath, 'out', 'main', 'cli.js')], env: { ELECTRON_RUN_AS_NODE: '1' } };
}
