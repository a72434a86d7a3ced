/**
 * What an MCP host (Claude Desktop, VS Code, Cursor…) needs in its configuration to start
 * `scopekeeper mcp`. One builder for the `scopekeeper mcp --print-config` output and the Tools
 * view's snippets, so the command line and the window never disagree. Pure: the caller says how
 * the command is started on this machine and where the app keeps its data.
 */

/** How the `scopekeeper` command is started here: an executable and the arguments before the subcommand. */
export interface ToolCommand {
  command: string;
  args: readonly string[];
  /** Variables the executable itself needs (the app's binary run as Node: ELECTRON_RUN_AS_NODE=1). */
  env?: Readonly<Record<string, string>>;
}

/** One stdio MCP server entry, as every host spells `command`, `args` and `env`. */
export interface McpLaunch {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** The key MCP hosts know Scopekeeper's server by in their configuration. */
export const MCP_SERVER_KEY = 'scopekeeper';

/**
 * The variable a tool needs to find an app whose data folder is not the default one (the preview,
 * a test run, a person who moved it). Absent when the default is where the app is.
 */
export function dataDirVariable(dataDir: string, defaultDataDir: string): Readonly<Record<string, string>> {
  return dataDir === defaultDataDir ? {} : { SCOPEKEEPER_DATA_DIR: dataDir };
}

/**
 * The entry that starts `scopekeeper mcp` (with `--name` when one is given), with the data
 * folder's variable only where the command's default would look elsewhere.
 */
export function mcpLaunch(tool: ToolCommand, options: { name?: string; env?: Readonly<Record<string, string>> } = {}): McpLaunch {
  const env = { ...tool.env, ...options.env };
  return {
    command: tool.command,
    args: [...tool.args, 'mcp', ...(options.name ? ['--name', options.name] : [])],
    ...(Object.keys(env).length > 0 ? { env } : {}),
  };
}

/**
 * Where a host keeps its servers. Claude Desktop (`claude_desktop_config.json`) and Cursor
 * (`~/.cursor/mcp.json`) use a top-level `mcpServers`; VS Code's `.vscode/mcp.json` uses `servers`
 * and wants each entry's `type` (https://code.visualstudio.com/docs/copilot/reference/mcp-configuration).
 */
export type McpHostFormat = 'mcpServers' | 'vscode';

/** The configuration document for `format`, ready to paste (two-space JSON). */
export function mcpHostConfig(launch: McpLaunch, format: McpHostFormat = 'mcpServers'): string {
  const document = format === 'vscode' ? { servers: { [MCP_SERVER_KEY]: { type: 'stdio', ...launch } } } : { mcpServers: { [MCP_SERVER_KEY]: launch } };
  return JSON.stringify(document, null, 2);
}

/** A POSIX shell line setting the data folder's variable, for a person to paste (quoted when it must be). */
export function dataDirAssignment(dataDir: string): string {
  return `SCOPEKEEPER_DATA_DIR=${shellWord(dataDir)}`;
}

/** What a development host prints at start so a person can point tools at it (`npm start`, the preview). */
export function whereToolsFindTheApp(dataDir: string, moved: boolean): string[] {
  return [
    `Data folder: ${dataDir}`,
    moved
      ? `Tools and MCP hosts find this app with: ${dataDirAssignment(dataDir)}  (scopekeeper mcp --print-config adds it to a host's configuration)`
      : 'Tools and MCP hosts find this app there without being told.',
  ];
}

/** `word` as a POSIX shell reads it back unchanged: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command a person types in a terminal for the same app as `launch` (built by `mcpLaunch`
 * without a name): its variables, the executable and its own arguments, `mcp` left off.
 */
export function terminalCommand(launch: McpLaunch): string {
  const args = launch.args.at(-1) === 'mcp' ? launch.args.slice(0, -1) : launch.args;
  const env = Object.entries(launch.env ?? {}).map(([name, value]) => `${name}=${shellWord(value)}`);
  return [...env, ...[launch.command, ...args].map(shellWord)].join(' ');
}
