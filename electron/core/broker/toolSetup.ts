import { dataDirVariable, mcpLaunch, type ToolCommand } from '../../../shared/mcpConfig';
import type { ToolSetup } from '../../../shared/ipc/contract';
import type { CoreConfig } from '../ports';
import { defaultDataDir } from './endpoint';

/** The command as a packaged app installs it: `scopekeeper` on the person's PATH. */
export const INSTALLED_COMMAND: ToolCommand = { command: 'scopekeeper', args: [] };

/**
 * What a person needs to connect a tool to this app: the MCP entry that starts the command the
 * host said (or the installed one), with SCOPEKEEPER_DATA_DIR where the app's data folder is not
 * where the command looks by default, and SCOPEKEEPER_BROKER where the endpoint was moved.
 */
export function toolSetup(config: Pick<CoreConfig, 'toolCommand' | 'brokerEndpoint'>, dataDir: string, env: NodeJS.ProcessEnv = process.env): ToolSetup {
  const moved = dataDirVariable(dataDir, defaultDataDir({ ...env, SCOPEKEEPER_DATA_DIR: undefined }));
  const endpoint: Record<string, string> = config.brokerEndpoint ? { SCOPEKEEPER_BROKER: config.brokerEndpoint } : {};
  return {
    launch: mcpLaunch(config.toolCommand ?? INSTALLED_COMMAND, { env: { ...moved, ...endpoint } }),
    dataDir,
    dataDirMoved: Object.keys(moved).length > 0,
  };
}
