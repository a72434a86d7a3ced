import { realpathSync } from 'node:fs';
import { dataDirVariable, mcpHostConfig, mcpLaunch, type ToolCommand } from '../../shared/mcpConfig';
import { defaultDataDir } from '../core/broker/endpoint';
import { toolNameSchema } from '../core/broker/protocol';
import { actionLines } from './catalogActions';
import { ToolSession } from './toolSession';
import { COMMAND_SWITCH } from './commandSwitch';
import { UsageError } from './usage';

/**
 * Subcommands that help a person set things up, and work whether or not the app runs:
 * `mcp --print-config` and `actions [provider]`.
 */

/**
 * How this very command was started, absolute, so a host that has neither our PATH nor our
 * working folder starts the same one: this Node (or the app's binary run as Node) and this script.
 */
export function thisCommand(proc: Pick<NodeJS.Process, 'execPath' | 'argv' | 'versions'> = process): ToolCommand {
  // The packaged app's own binary running its built-in command (electron/main/commandMode.ts): no
  // script, and ELECTRON_RUN_AS_NODE would do nothing there (RunAsNode is off).
  if (proc.versions.electron && proc.argv[1] === COMMAND_SWITCH) return { command: proc.execPath, args: [COMMAND_SWITCH] };
  const script = realpathSync(proc.argv[1]!);
  return { command: proc.execPath, args: [script], ...(proc.versions.electron ? { env: { ELECTRON_RUN_AS_NODE: '1' } } : {}) };
}

/** The variables that tell the command where the app is, where this environment moved it. */
function findTheApp(env: NodeJS.ProcessEnv): Record<string, string> {
  const moved = dataDirVariable(defaultDataDir(env), defaultDataDir({ ...env, SCOPEKEEPER_DATA_DIR: undefined }));
  return { ...moved, ...(env.SCOPEKEEPER_BROKER ? { SCOPEKEEPER_BROKER: env.SCOPEKEEPER_BROKER } : {}) };
}

/** `scopekeeper mcp --print-config [--vscode] [--name NAME]`: the JSON an MCP host needs, on stdout. */
export function printConfig(values: { name?: string; vscode?: boolean }, env: NodeJS.ProcessEnv = process.env, command: ToolCommand = thisCommand()): number {
  if (values.name !== undefined && !toolNameSchema.safeParse(values.name).success) {
    throw new UsageError(`“${values.name}” cannot be a tool name: use 1 to 64 letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.`, false);
  }
  const launch = mcpLaunch(command, { ...(values.name ? { name: values.name } : {}), env: findTheApp(env) });
  console.log(mcpHostConfig(launch, values.vscode ? 'vscode' : 'mcpServers'));
  console.error(
    values.vscode
      ? 'Put this in .vscode/mcp.json (or merge its "servers" into the file).'
      : 'Put this in claude_desktop_config.json (Claude Desktop) or ~/.cursor/mcp.json (Cursor), or merge its "mcpServers" into the file. VS Code: --vscode.',
  );
  return 0;
}

/** `scopekeeper actions [provider]`: the catalog's callable actions; with the app running, which this command may use. */
export async function printActions(args: string[], name: string): Promise<number> {
  const [providerId, extra] = args;
  if (extra !== undefined) throw new UsageError('actions takes at most one provider id.');
  // A mistyped provider is said before anything waits on the app.
  const catalogOnly = actionLines(providerId, undefined);
  let session: ToolSession | undefined;
  try {
    session = await ToolSession.open(name);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nThe catalog’s actions follow; which ones this command may use shows when Scopekeeper runs.`);
  }
  try {
    const lines = session ? actionLines(providerId, await session.list()) : catalogOnly;
    console.log(lines.length ? lines.join('\n') : `No action of ${providerId} is an API call a tool can make.`);
    return 0;
  } finally {
    session?.close();
  }
}

/** Runs a setup subcommand; undefined when `command` is not one (the broker's commands follow). */
export async function setupCommand(command: string, args: string[], values: { name?: string; vscode?: boolean; 'print-config'?: boolean }): Promise<number | undefined> {
  if (command === 'mcp' && values['print-config']) return printConfig(values);
  if (command === 'actions') return printActions(args, values.name ?? 'scopekeeper-cli');
  return undefined;
}
