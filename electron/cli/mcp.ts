import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Readable, Writable } from 'node:stream';
import { resourceSchema, type CallResult, type ToolCallResult } from '../core/broker/protocol';
import { BrokerLink } from './brokerLink';
import { BrokerGone, BrokerRefusal } from './client';
import { everyPeriod, withProgress, type ProgressTicker } from './mcpProgress';
import { actionTools, issuesText, prepareCall, REQUEST_TOOL, STATUS_TOOL, type ActionTool } from './mcpTools';
import { remoteResult, remoteTools, type RemoteToolEntry } from './mcpRemoteTools';
import { askForServer, SERVER_REQUEST_TOOL, serverRequestTool } from './mcpServerAccess';
import type { ToolSession } from './toolSession';

export type { ProgressTicker } from './mcpProgress';

const INSTRUCTIONS = `Scopekeeper keeps this person's accounts (Google, Microsoft, Slack, GitHub, Atlassian, a local Sandbox, servers they added) and lets you act on them only as far as they approve, in the Scopekeeper app on this computer.
- Each tool named <provider>_<action> (e.g. sandbox_send_messages) is one action the person approved for you on one account; its input schema says the operations (method, path) and the request body. It answers with the provider's response.
- To do something no tool covers, call ${REQUEST_TOOL} with a provider id and action ids, or with server (an MCP server the person added, by its name, e.g. "Notes") and its tool names. The person answers in the Scopekeeper window (this can take a while); once allowed, the tool list changes (notifications/tools/list_changed).
- Actions that send, delete or share may be confirmed by the person at each call; a refusal comes back as an error result naming its reason.
- ${STATUS_TOOL} says whether Scopekeeper is running and what you may use. When the app is not running only these two tools are listed; the server reconnects when it starts.`;

const NOT_APPROVED_ANY_MORE = `is no longer approved for this tool: list the tools again, or ask with ${REQUEST_TOOL}.`;
const GONE = 'Scopekeeper stopped before it answered: start it, then call again. (A call it had already passed on may have reached the provider.)';

const requestArguments = z
  .strictObject({
    providerId: z.string().min(1).max(200).optional().describe('An account of this provider, the person picks which (e.g. "sandbox", "google", "github").'),
    connectionId: z.string().min(1).max(200).optional().describe('Or one account Scopekeeper already named to you (a tool’s description, scopekeeper_status).'),
    server: z.string().min(1).max(200).optional().describe('Or an MCP server the person added in Scopekeeper, by its name (e.g. "Notes"); its actions are its tool names.'),
    actions: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(20)
      .optional()
      .describe('Action ids, e.g. ["read-files", "send-messages"]; for a server, its tool names (left out: all of them).'),
    reason: z.string().max(300).optional().describe('Why, in one sentence the person will read.'),
    resource: resourceSchema
      .optional()
      .describe('The one resource the tool will work on, by the path parameters of the action’s URLs (e.g. {"owner":"octo","repo":"hello"}): the person may limit the approval to it.'),
  })
  .refine((a) => [a.providerId, a.connectionId, a.server].filter((named) => named !== undefined).length === 1, 'give one of providerId, connectionId or server')
  .refine((a) => a.actions !== undefined || a.server !== undefined, { message: 'name the actions', path: ['actions'] });

function withoutDialect(schema: Record<string, unknown>): Tool['inputSchema'] {
  const { $schema: _dialect, ...rest } = schema;
  return rest as Tool['inputSchema'];
}

const STATUS: Tool = {
  name: STATUS_TOOL,
  title: 'Scopekeeper status',
  description: 'Whether Scopekeeper is running, which tool name this server uses, and what the person has approved for it.',
  inputSchema: { type: 'object', properties: {}, additionalProperties: false },
  annotations: { title: 'Scopekeeper status', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

const REQUEST: Tool = {
  name: REQUEST_TOOL,
  title: 'Ask the person for access',
  description: `Ask the person, in the Scopekeeper window, to allow actions on one of their accounts (e.g. providerId "sandbox", actions ["send-messages"]). Or an MCP server the person added, by its name (server "Notes"), with the server’s tool names as actions (e.g. ["read_notes"]), or none for all of them. Waits for their answer; once allowed, the actions become tools. \`scopekeeper actions <provider>\` lists a provider's action ids.`,
  inputSchema: withoutDialect(z.toJSONSchema(requestArguments) as Record<string, unknown>),
  annotations: { title: 'Ask the person for access', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
};

function text(value: string, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError: true } : {}) };
}

/** Any failure of a call as the agent's result: never a protocol error. */
function failure(error: unknown): CallToolResult {
  if (error instanceof BrokerRefusal) return text(`${error.code}: ${error.message}`, true);
  if (error instanceof BrokerGone) return text(GONE, true);
  return text(`Scopekeeper could not complete the call: ${error instanceof Error ? error.message : String(error)}`, true);
}

/** The action tools of the session open now, kept current as it changes and as approvals change. */
class ToolCatalog {
  tools: ActionTool[] = [];
  /** The remote MCP servers' approved tools (with `--server`, that one server's, and nothing else is listed). */
  remote: RemoteToolEntry[] = [];
  /** Every name ever listed: a call of one gone since is a result the agent can act on, not an unknown tool. */
  readonly everListed = new Set<string>();
  private generation = 0;
  refreshed: Promise<void> = Promise.resolve();

  constructor(
    private readonly link: BrokerLink,
    private readonly changed: () => void,
    readonly server?: string,
  ) {
    link.onChange((session) => {
      if (session) {
        session.client.onApprovalsChanged(() => void this.refresh(session));
        this.refreshed = this.refresh(session);
      } else {
        this.generation++;
        this.tools = [];
        this.remote = [];
        this.changed();
      }
    });
  }

  /** Lists again; only the newest listing of the session still open lands. */
  private async refresh(session: ToolSession): Promise<void> {
    const generation = ++this.generation;
    try {
      const listed = await session.list();
      if (generation !== this.generation || this.link.session !== session) return;
      this.tools = this.server === undefined ? actionTools(listed) : [];
      const taken = new Set(this.server === undefined ? [STATUS_TOOL, REQUEST_TOOL, ...this.tools.map((t) => t.tool.name)] : [SERVER_REQUEST_TOOL]);
      this.remote = remoteTools(listed, taken, this.server);
      for (const { tool } of [...this.tools, ...this.remote]) this.everListed.add(tool.name);
      this.changed();
    } catch {
      // The session ended meanwhile: the link reports it.
    }
  }
}

function statusText(link: BrokerLink, tools: ActionTool[]): CallToolResult {
  if (!link.session) return text(link.down, true);
  const approved = tools.map(({ tool, connectionId }) => `- ${tool.name}: ${tool.title} (connection ${connectionId})`).join('\n');
  return text(
    `Scopekeeper is running; this server is the tool “${link.name}”.\n` +
      (approved ? `Approved:\n${approved}` : `Nothing is approved for it yet: ask with ${REQUEST_TOOL}.`) +
      `\nFor an MCP server the person added in Scopekeeper: ${REQUEST_TOOL} with server (its name, e.g. "Notes") and actions (the server’s tool names; none for all).`,
  );
}

async function requestAccess(session: ToolSession, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
  const parsed = requestArguments.safeParse(args);
  if (!parsed.success) return text(issuesText(parsed.error), true);
  const approved = await session.request(parsed.data, signal);
  return text(`Allowed (${approved.mode}) on connection ${approved.connectionId}: ${approved.actions.join(', ')}. The tool list now includes them.`);
}

export interface McpServerOptions {
  /** How often a client waiting on the person hears progress (tests drive it by hand). */
  progressTicker?: ProgressTicker;
  /** `--server NAME`: serve exactly that remote MCP server's approved tools, under their own names, and nothing else. */
  server?: string;
}

/**
 * The MCP server whose tools are the actions the person approved for this tool, plus
 * `scopekeeper_status` and `scopekeeper_request_access`. It serves whether or not the app runs:
 * `link` connects when it can, and every change of the tool list (the app starting or stopping,
 * approvals granted, expired, revoked) is sent as `notifications/tools/list_changed`. A request the
 * client cancels (or times out on) is cancelled at the broker too; while one waits on the person, a
 * client that asked for progress hears it. Starts the link and resolves once its first attempt
 * and listing are over.
 */
export async function createMcpServer(link: BrokerLink, version: string, { progressTicker = everyPeriod, server: only }: McpServerOptions = {}): Promise<Server> {
  const instructions = only === undefined ? INSTRUCTIONS : serverInstructions(only);
  const server = new Server({ name: only === undefined ? 'scopekeeper' : `scopekeeper-${only}`, version }, { capabilities: { tools: { listChanged: true } }, instructions });
  // Not connected yet (or gone): the client lists the tools when it comes anyway.
  const catalog = new ToolCatalog(link, () => void server.sendToolListChanged().catch(() => undefined), only);
  const own = only === undefined ? [STATUS, REQUEST] : [serverRequestTool(only)];
  const asking = (name: string) => (only === undefined ? name === REQUEST_TOOL : name === SERVER_REQUEST_TOOL);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...own, ...catalog.tools.map((t) => t.tool), ...catalog.remote.map((t) => t.tool)] }));

  const callTool = async (name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> => {
    const remote = catalog.remote.find((t) => t.tool.name === name);
    if (remote) return callRemote(link, remote, args, signal);
    if (only !== undefined && !asking(name) && !catalog.everListed.has(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    if (name === STATUS_TOOL && only === undefined) return statusText(link, catalog.tools);
    const target = catalog.tools.find((t) => t.tool.name === name);
    if (!asking(name) && !target) {
      if (!catalog.everListed.has(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
      return text(link.session ? `“${name}” ${NOT_APPROVED_ANY_MORE}` : link.down, true);
    }
    const session = link.session;
    if (!session) return text(link.down, true);
    try {
      if (!target) return await (only === undefined ? requestAccess(session, args, signal) : askForServer(session, only, args, signal));
      const prepared = prepareCall(target, args);
      if ('problem' in prepared) return text(prepared.problem, true);
      const result = await session.client.send<CallResult>('call', prepared.params, { signal });
      return text(result.body || `HTTP ${result.status}`, result.status >= 400);
    } catch (error) {
      return failure(error);
    }
  };
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => withProgress(extra, progressTicker, () => callTool(request.params.name, request.params.arguments ?? {}, extra.signal)));

  await link.start();
  await catalog.refreshed;
  return server;
}

function serverInstructions(server: string): string {
  return `The tools of the MCP server “${server}”, through Scopekeeper on this computer: it calls the server with the person's sign-in, which you never see. Only the tools the person approved for you are listed, with ${SERVER_REQUEST_TOOL} to ask them for more (the list changes as they approve more: notifications/tools/list_changed); a tool that changes or deletes things may be confirmed by the person at each call, and a refusal comes back as an error result naming its reason.`;
}

/** A remote server's tool, called through the broker (`tool-call`): the server's answer as the result, a refusal as an error result. */
async function callRemote(link: BrokerLink, target: RemoteToolEntry, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
  const session = link.session;
  if (!session) return text(link.down, true);
  try {
    const result = await session.client.send<ToolCallResult>('tool-call', { connectionId: target.connectionId, tool: target.remoteName, arguments: args }, { signal });
    return remoteResult(result);
  } catch (error) {
    return failure(error);
  }
}

/** Where the MCP messages come in and go out: the process's stdio unless the host says otherwise. */
export interface McpStdio {
  stdin: Readable;
  stdout: Writable;
}

/** `scopekeeper mcp`: the server above over stdio, as tool `name`. Resolves when the agent ends the session. */
export async function runMcpServer(name: string, version: string, env: NodeJS.ProcessEnv = process.env, io: McpStdio = process, only?: string): Promise<void> {
  const link = new BrokerLink(name, { env });
  const server = await createMcpServer(link, version, only === undefined ? {} : { server: only });
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  await server.connect(new StdioServerTransport(io.stdin, io.stdout));
  // The agent closing our stdin is the end of the session.
  io.stdin.once('end', () => void server.close());
  await closed;
  link.close();
}
