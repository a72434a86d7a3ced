/**
 * `scopekeeper`: the command line client of the broker (a running Scopekeeper app).
 *
 *   scopekeeper connections                       what this command may use
 *   scopekeeper request <connection|provider> <action>… [--resource name=value]…   ask the person for actions
 *   scopekeeper call <connection|provider> <action> [--data JSON] [--path P] [--method M] [--query k=v]
 *   scopekeeper mcp [--name NAME] [--server NAME] an MCP server over stdio for AI agents (one remote MCP server's tools)
 *   scopekeeper mcp --print-config [--vscode]     the JSON an MCP host needs to start it
 *   scopekeeper actions [provider]                what a tool can ask for
 */
import { parseArgs } from 'node:util';
import { checkActionIds, withSuggestions } from './catalogActions';
import { BrokerRefusal } from './client';
import { runMcpServer, type McpStdio } from './mcp';
import { setupCommand } from './setupCommands';
import { toolNameProblem, ToolSession } from './toolSession';
import { UsageError } from './usage';
import type { CallResult, ListResult } from '../core/broker/protocol';
// The app's version, read at build time (the bundle carries only this field).
import { version as VERSION } from '../../package.json';

const USAGE = `Usage:
  scopekeeper connections
  scopekeeper request <connection-id | provider-id> <action>… [--reason TEXT] [--resource name=value]…
  scopekeeper call <connection-id | provider-id> <action> [--data JSON] [--path PATH] [--method METHOD] [--query name=value]… [--no-ask] [--resource name=value]…
  scopekeeper mcp [--server NAME]                           NAME: only that MCP server's approved tools
  scopekeeper mcp --print-config [--vscode] [--name NAME]   the configuration an MCP host needs
  scopekeeper actions [provider-id]                         the actions a tool can ask for
  scopekeeper --version

Every command takes --name NAME: the tool name approvals belong to (default scopekeeper-cli, or
scopekeeper-mcp for mcp). \`call\` asks for the action first when it is not approved, unless --no-ask.
--resource names the one thing the tool will work on, by the path parameters of the provider's
URLs (--resource owner=octo --resource repo=hello): the person may limit the approval to it.

Scopekeeper must be running. Approvals are asked for in its window; the secret it issues to this
command is kept in the system keychain where one answers, else in secrets.json in the Scopekeeper
tools folder (SCOPEKEEPER_TOOLS_DIR), mode 0600; SCOPEKEEPER_SECRET_STORE=file keeps it in the file.`;

function printConnections(listed: ListResult): void {
  if (listed.connections.length === 0) {
    console.log('Nothing approved for this command yet. Ask with: scopekeeper request <provider> <action>');
    return;
  }
  for (const connection of listed.connections) {
    console.log(`${connection.id}  ${connection.providerName}  ${connection.account}${connection.state === 'connected' ? '' : '  (disconnected)'}`);
    for (const action of connection.actions) {
      const until = action.mode === 'always' ? 'always' : action.mode === 'once' ? 'once' : `until ${action.expiresAt}`;
      const only = action.resource ? `, only ${Object.entries(action.resource).map(([name, value]) => `${name}=${value}`).join(', ')}` : '';
      console.log(`  ${action.id.padEnd(24)} ${action.title} (${until}${only}${action.available ? '' : ', needs a scope the connection lacks'})`);
    }
  }
}

/** `--resource name=value`…: the resource a `request` names, if any. */
function resourceOf(pairs: readonly string[] | undefined): { resource?: Record<string, string> } {
  if (!pairs?.length) return {};
  const resource: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--resource takes name=value, not “${pair}”.`);
    resource[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { resource };
}

/** Connection ids are UUIDs; anything else names a provider ("an account of sandbox"). */
function targetOf(target: string): { connectionId: string; providerId?: undefined } | { providerId: string; connectionId?: undefined } {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(target) ? { connectionId: target } : { providerId: target };
}

/**
 * The connection on which `action` is approved: the one named by id, or the one approved
 * connection of the named provider. Undefined when it is not approved there yet (then `call` asks),
 * even if other actions are.
 */
function resolveConnection(listed: ListResult, target: string, action: string): string | undefined {
  const approved = listed.connections.filter((c) => c.actions.some((a) => a.id === action));
  if (approved.some((c) => c.id === target)) return target;
  const matching = approved.filter((c) => c.providerId === target);
  return matching.length === 1 ? matching[0]!.id : undefined;
}

function pickPath(listed: ListResult, connectionId: string, action: string, method: string): string | undefined {
  const operations = listed.connections.find((c) => c.id === connectionId)?.actions.find((a) => a.id === action)?.operations ?? [];
  const plain = operations.filter((op) => op.method === method && !op.url.includes('{'));
  return plain.length === 1 ? new URL(plain[0]!.url).pathname : undefined;
}

async function call(
  session: ToolSession,
  args: string[],
  values: { data?: string; path?: string; method?: string; query?: string[]; 'no-ask'?: boolean; resource?: string[] },
): Promise<number> {
  const [target, action] = args;
  if (!target || !action) throw new UsageError('call needs a connection (or provider) and an action.');
  let listed = await session.list();
  let connectionId = resolveConnection(listed, target, action);
  checkActionIds(targetOf(target).providerId ?? listed.connections.find((c) => c.id === target)?.providerId, [action]);
  if (!connectionId && values['no-ask'] && targetOf(target).connectionId === undefined) {
    throw new BrokerRefusal('not_approved', `“${session.name}” has no approval for “${action}” on an account of ${target}. Ask with: scopekeeper request ${target} ${action}`);
  }
  if (!connectionId && values['no-ask']) connectionId = target;
  if (!connectionId) {
    console.error(`Asking Scopekeeper for “${action}”… answer in its window.`);
    const approved = await withSuggestions([action], session.request({ ...targetOf(target), actions: [action], ...resourceOf(values.resource) }));
    connectionId = approved.connectionId;
    listed = await session.list();
  }
  const method = (values.method ?? (values.data === undefined ? 'GET' : 'POST')).toUpperCase();
  const path = values.path ?? pickPath(listed, connectionId, action, method);
  if (!path) throw new UsageError(`Say which operation with --path (and --method); “${action}” has several or none for ${method}.`);
  const query: Record<string, string[]> = {};
  for (const pair of values.query ?? []) {
    const [name, ...rest] = pair.split('=');
    if (!name || rest.length === 0) throw new UsageError(`--query takes name=value, not “${pair}”.`);
    (query[name] ??= []).push(rest.join('='));
  }
  const result = await withSuggestions([action], session.client.send<CallResult>('call', {
    connectionId,
    action,
    method,
    path,
    ...(Object.keys(query).length ? { query } : {}),
    ...(values.data !== undefined ? { body: values.data } : {}),
  }));
  process.stdout.write(result.body.endsWith('\n') || result.body === '' ? result.body : `${result.body}\n`);
  if (result.status >= 400) console.error(`HTTP ${result.status}`);
  return result.status >= 400 ? 1 : 0;
}

async function main(argv: string[], io: McpStdio | undefined): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      path: { type: 'string' },
      method: { type: 'string' },
      query: { type: 'string', multiple: true },
      reason: { type: 'string' },
      resource: { type: 'string', multiple: true },
      name: { type: 'string' },
      server: { type: 'string' },
      'no-ask': { type: 'boolean' },
      'print-config': { type: 'boolean' },
      vscode: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.version) {
    console.log(`scopekeeper ${VERSION}`);
    return 0;
  }
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const setup = await setupCommand(command, args, values);
  if (setup !== undefined) return setup;
  const toolName = values.name ?? (command === 'mcp' ? 'scopekeeper-mcp' : 'scopekeeper-cli');
  // The broker's own rule, before connecting: a refused name is a usage error, not a hang.
  const refused = toolNameProblem(toolName);
  if (refused) throw new UsageError(`--name: ${refused}`);
  if (command === 'mcp') {
    await runMcpServer(toolName, VERSION, process.env, io, values.server);
    return 0;
  }
  const session = await ToolSession.open(toolName);
  try {
    switch (command) {
      case 'connections':
        printConnections(await session.list());
        return 0;
      case 'request': {
        const [target, ...actions] = args;
        if (!target || actions.length === 0) throw new UsageError('request needs a connection (or provider) and at least one action.');
        checkActionIds(targetOf(target).providerId, actions);
        const approved = await withSuggestions(actions, session.request({ ...targetOf(target), actions, ...(values.reason ? { reason: values.reason } : {}), ...resourceOf(values.resource) }));
        console.log(`Allowed (${approved.mode}) on ${approved.connectionId}: ${approved.actions.join(', ')}`);
        return 0;
      }
      case 'call':
        return await call(session, args, values);
      default:
        throw new UsageError(`Unknown command “${command}”.`);
    }
  } finally {
    session.close();
  }
}

/**
 * The command with `argv` (the arguments after `scopekeeper`): its exit status, having printed what
 * went wrong. The one entry of both hosts: plain Node (main.ts, the built file) and the app's own
 * binary (electron/main/commandMode.ts, `--scopekeeper-command`), which passes its own `io` where
 * Electron's process.stdin cannot be read (Windows).
 */
export async function runCommand(argv: string[], io?: McpStdio): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError) console.error(error.showUsage ? `${error.message}\n\n${USAGE}` : error.message);
    else if (error instanceof BrokerRefusal) console.error(`Refused (${error.code}): ${error.message}`);
    else console.error(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError ? 2 : 1;
  }
}
