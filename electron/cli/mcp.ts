import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { HTTP_METHODS } from '../../shared/catalog/types';
import type { CallResult, ListResult } from '../core/broker/protocol';
import { BrokerRefusal } from './client';
import { everyPeriod, withProgress, type ProgressTicker } from './mcpProgress';
import type { ToolSession } from './toolSession';

/** One MCP tool: an approved action on one connection. */
interface ActionTool {
  name: string;
  connectionId: string;
  action: string;
  operations: ListResult['connections'][number]['actions'][number]['operations'];
}

const REQUEST_ACCESS = 'scopekeeper.request_access';

/** `sandbox.send_messages`: provider, then action, in the characters MCP tool names allow. */
function toolName(providerId: string, actionId: string, taken: Set<string>): string {
  const base = `${providerId}.${actionId}`.replace(/[^A-Za-z0-9_.]/g, '_').slice(0, 120);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

export function actionTools(listed: ListResult): (Tool & { target: ActionTool })[] {
  const taken = new Set<string>();
  return listed.connections.flatMap((connection) =>
    connection.actions.map((action) => {
      const name = toolName(connection.providerId, action.id, taken);
      const operations = action.operations.map((op) => `${op.method} ${op.url}`).join('; ');
      return {
        name,
        description: `${action.title} as ${connection.account} (${connection.providerName}), through Scopekeeper. Operations: ${operations}. Give the path of one of them (placeholders filled in); the method defaults to the only one listed.`,
        inputSchema: {
          type: 'object' as const,
          properties: {
            path: { type: 'string', description: 'Path (or full URL) of one operation, e.g. the first one listed, placeholders filled in.' },
            method: { type: 'string', enum: [...new Set(action.operations.map((op) => op.method))] },
            query: { type: 'object', additionalProperties: { type: 'string' } },
            body: { description: 'JSON body for POST, PUT and PATCH.' },
          },
        },
        target: { name, connectionId: connection.id, action: action.id, operations: action.operations },
      };
    }),
  );
}

function text(value: string, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError: true } : {}) };
}

/** The one operation without placeholders for this method, when the agent named no path. */
function defaultPath(target: ActionTool, method: string): string | undefined {
  const plain = target.operations.filter((op) => op.method === method && !op.url.includes('{'));
  return plain.length === 1 ? new URL(plain[0]!.url).pathname : undefined;
}

export type { ProgressTicker } from './mcpProgress';

export interface McpServerOptions {
  /** How often a client waiting on the person hears progress (tests drive it by hand). */
  progressTicker?: ProgressTicker;
}

/**
 * The MCP server whose tools are the actions the person approved for this tool, plus one to ask
 * for more. When approvals change (granted, expired, revoked) the broker says so and the server
 * sends `notifications/tools/list_changed`. A request the client cancels (or times out on) is
 * cancelled at the broker too, so its question leaves the window; while one waits on the person,
 * a client that asked for progress hears it.
 */
export async function createMcpServer(session: ToolSession, version: string, { progressTicker = everyPeriod }: McpServerOptions = {}): Promise<Server> {
  const server = new Server({ name: 'scopekeeper', version }, { capabilities: { tools: { listChanged: true } } });
  let tools: ReturnType<typeof actionTools> = [];
  const refresh = async (): Promise<void> => {
    tools = actionTools(await session.list());
  };
  await refresh();

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      ...tools.map(({ target: _target, ...tool }) => tool),
      {
        name: REQUEST_ACCESS,
        description: 'Ask the person, in Scopekeeper, to allow actions on one of their accounts (e.g. providerId "sandbox", actions ["send-messages"]). Waits for their answer.',
        inputSchema: {
          type: 'object',
          properties: {
            providerId: { type: 'string' },
            connectionId: { type: 'string' },
            actions: { type: 'array', items: { type: 'string' }, minItems: 1 },
            reason: { type: 'string', description: 'Why, in one sentence the person will read.' },
          },
          required: ['actions'],
        },
      },
    ],
  }));

  server.setRequestHandler(CallToolRequestSchema, (request, extra) => withProgress(extra, progressTicker, () => callTool(request.params, extra.signal)));
  const callTool = async (params: { name: string; arguments?: Record<string, unknown> | undefined }, signal: AbortSignal): Promise<CallToolResult> => {
    const args = params.arguments ?? {};
    try {
      if (params.name === REQUEST_ACCESS) {
        const approved = await session.request(
          {
            ...(typeof args.connectionId === 'string' ? { connectionId: args.connectionId } : { providerId: String(args.providerId ?? '') }),
            actions: Array.isArray(args.actions) ? args.actions.map(String) : [],
            ...(typeof args.reason === 'string' ? { reason: args.reason } : {}),
          },
          signal,
        );
        return text(`Allowed (${approved.mode}): ${approved.actions.join(', ')}.`);
      }
      const tool = tools.find((t) => t.name === params.name);
      if (!tool) return text(`There is no tool “${params.name}” (any more). List the tools again.`, true);
      const target = tool.target;
      const methods = [...new Set(target.operations.map((op) => op.method))];
      const method = typeof args.method === 'string' ? args.method.toUpperCase() : methods.length === 1 ? methods[0]! : args.body === undefined ? 'GET' : 'POST';
      if (!(HTTP_METHODS as readonly string[]).includes(method)) return text(`Unknown method ${method}.`, true);
      const path = typeof args.path === 'string' ? args.path : defaultPath(target, method);
      if (!path) return text('Say which operation: give its path with the placeholders filled in.', true);
      const result = await session.client.send<CallResult>(
        'call',
        {
          connectionId: target.connectionId,
          action: target.action,
          method,
          path,
          ...(args.query && typeof args.query === 'object' ? { query: Object.fromEntries(Object.entries(args.query).map(([k, v]) => [k, String(v)])) } : {}),
          ...(args.body !== undefined ? { body: typeof args.body === 'string' ? args.body : JSON.stringify(args.body) } : {}),
        },
        { signal },
      );
      return text(result.body || `HTTP ${result.status}`, result.status >= 400);
    } catch (error) {
      if (error instanceof BrokerRefusal) return text(`${error.code}: ${error.message}`, true);
      throw error;
    }
  };

  session.client.onApprovalsChanged(() => {
    // The broker gone meanwhile (the app quit) ends the session anyway: nothing to tell the client.
    refresh().then(
      () => server.sendToolListChanged(),
      () => undefined,
    );
  });
  return server;
}

/** `scopekeeper mcp`: the server above over stdio. Resolves when the agent ends the session. */
export async function runMcpServer(session: ToolSession, version: string): Promise<void> {
  const server = await createMcpServer(session, version);
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  await server.connect(new StdioServerTransport());
  // The agent closing our stdin is the end of the session.
  process.stdin.once('end', () => void server.close());
  await closed;
}
