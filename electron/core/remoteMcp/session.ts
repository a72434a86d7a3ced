import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { CodedError } from '../../../shared/codedError';
import { RemoteMcpError } from './errors';
import { isMcpError, isStreamableHttpError, loadMcpSdk } from './mcpSdk';
import { serverFetch } from './serverFetch';

/** One tool a remote server offers, as Scopekeeper keeps it (bounded, only what it shows and passes on). */
export interface RemoteTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Tool['inputSchema'];
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
}

export interface RemoteMcpSessionOptions {
  /** The server's Streamable HTTP endpoint. */
  url: string;
  /** Core's fetch port. */
  fetch: typeof globalThis.fetch;
  /** The bearer token now (TokenService for the connection), or undefined for a server with no sign-in. */
  token: () => Promise<string | undefined>;
  /** How long one request (connecting, a page of tools, a call) may take. */
  timeoutMs?: number;
  /** The largest answer or streamed message. */
  maxMessageBytes?: number;
  version?: string;
}

/** MCP tool names (the spec's recommended form, SEP-986): what Scopekeeper keeps; others are left out. */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const MAX_TOOLS = 500;
const MAX_PAGES = 20;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 2000;
const DEFAULTS = { timeoutMs: 30_000, maxMessageBytes: 4 * 1024 * 1024 };

interface Live {
  client: Promise<Client>;
  oversized: boolean;
}

/**
 * Scopekeeper's own MCP client session with one remote server (one connection): the SDK's
 * `Client` over its Streamable HTTP transport, on core's fetch port through `serverFetch` (the
 * token only to the server's origin, sizes bounded, 401/403 typed). It lists the tools (every
 * page), keeps them, lists again when the server says they changed and tells its listeners; a
 * session that closed or that the server forgot (404) is opened again on the next use.
 */
export class RemoteMcpSession {
  private live: Live | undefined;
  private listed: readonly RemoteTool[] | undefined;
  private latest: Promise<readonly RemoteTool[]> | undefined;
  private readonly listeners = new Set<(tools: readonly RemoteTool[]) => void>();
  private closed = false;
  private relisting = false;
  private again = false;
  private readonly timeoutMs: number;
  private readonly maxMessageBytes: number;

  constructor(private readonly options: RemoteMcpSessionOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
  }

  /** The tools as last listed, or undefined before the first listing. */
  get cached(): readonly RemoteTool[] | undefined {
    return this.listed;
  }

  /** Called with the new list each time it lands and differs from the one before. */
  onToolsChanged(listener: (tools: readonly RemoteTool[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tools, listed once and kept (kept current by the server's list_changed). */
  tools(): Promise<readonly RemoteTool[]> {
    return this.listed ? Promise.resolve(this.listed) : this.refresh();
  }

  /** Lists the tools now; only the newest listing replaces the kept one. */
  refresh(): Promise<readonly RemoteTool[]> {
    const listing = this.withClient((client) => allPages(client, this.timeoutMs));
    this.latest = listing;
    return listing.then((tools) => {
      if (this.latest === listing && !this.closed) {
        const changed = JSON.stringify(tools) !== JSON.stringify(this.listed);
        this.listed = tools;
        if (changed) for (const listener of this.listeners) listener(tools);
      }
      return tools;
    });
  }

  /** Calls one tool; the server's answer as it gave it (an `isError` result is an answer, not a throw). */
  call(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> {
    return this.withClient(async (client) => (await client.callTool({ name, arguments: args }, undefined, { timeout: this.timeoutMs, ...(signal ? { signal } : {}) })) as CallToolResult);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const live = this.live;
    this.live = undefined;
    await live?.client.then((client) => client.close(), () => undefined);
  }

  private async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const live = this.connected();
      try {
        return await work(await live.client);
      } catch (error) {
        // The server forgot the session (404 as the spec says; many servers answer 400 "no valid session"):
        // a new one, once; any closed or broken session is opened again next time.
        const forgotten = isStreamableHttpError(error) && (error.code === 404 || error.code === 400);
        if (forgotten || live.oversized || isClosed(error)) this.drop(live);
        if (forgotten && attempt === 0) continue;
        throw typed(error, live, this.maxMessageBytes);
      }
    }
  }

  private connected(): Live {
    if (this.closed) throw new RemoteMcpError('server_error', 'This MCP session was closed.');
    if (this.live) return this.live;
    const reopened = this.listed !== undefined;
    const live: Live = { client: Promise.resolve(undefined as unknown as Client), oversized: false };
    live.client = this.open(live);
    live.client.then(
      () => {
        // Tools may have changed while no session was open.
        if (reopened) void this.refresh().catch(() => undefined);
      },
      () => this.drop(live),
    );
    this.live = live;
    return live;
  }

  private async open(live: Live): Promise<Client> {
    // The SDK is loaded by the first session opened (mcpSdk.ts); a failed load is this use's error.
    const mcp = await loadMcpSdk();
    const url = new URL(this.options.url);
    const fetch = serverFetch({
      url,
      fetch: this.options.fetch,
      token: this.options.token,
      maxMessageBytes: this.maxMessageBytes,
      onOversize: () => {
        live.oversized = true;
        // Ends what waits on this session now, rather than at its time-out.
        void live.client.then((client) => client.close(), () => undefined);
      },
    });
    const transport = new mcp.streamableHttp.StreamableHTTPClientTransport(url, { fetch, reconnectionOptions: { initialReconnectionDelay: 1000, maxReconnectionDelay: 30_000, reconnectionDelayGrowFactor: 2, maxRetries: 2 } });
    const client = new mcp.client.Client({ name: 'scopekeeper', version: this.options.version ?? '0' }, { capabilities: {} });
    client.setNotificationHandler(mcp.types.ToolListChangedNotificationSchema, () => this.listChanged());
    client.onclose = () => this.drop(live);
    // Errors of the background stream (its reconnects) are not any request's: the next use finds out.
    client.onerror = () => undefined;
    try {
      await client.connect(transport, { timeout: this.timeoutMs });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw typed(error, live, this.maxMessageBytes);
    }
    return client;
  }

  /** The server says its tools changed: one listing at a time, and one more after it for any that came meanwhile (a burst is two listings). */
  private listChanged(): void {
    if (this.relisting) {
      this.again = true;
      return;
    }
    this.relisting = true;
    void this.refresh()
      .catch(() => undefined)
      .finally(() => {
        this.relisting = false;
        if (this.again) {
          this.again = false;
          this.listChanged();
        }
      });
  }

  private drop(live: Live): void {
    if (this.live !== live) return;
    this.live = undefined;
    void live.client.then((client) => client.close(), () => undefined).catch(() => undefined);
  }
}

/** Every page of `tools/list`, bounded: names in the spec's form, each once, text cut to length. */
async function allPages(client: Client, timeoutMs: number): Promise<RemoteTool[]> {
  const tools: RemoteTool[] = [];
  const names = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.listTools(cursor === undefined ? undefined : { cursor }, { timeout: timeoutMs });
    for (const tool of result.tools) {
      if (!TOOL_NAME.test(tool.name) || names.has(tool.name) || tools.length >= MAX_TOOLS) continue;
      names.add(tool.name);
      tools.push(kept(tool));
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return tools;
}

function kept(tool: Tool): RemoteTool {
  const title = tool.title ?? tool.annotations?.title;
  const hints = tool.annotations ?? {};
  const annotations = Object.fromEntries(
    (['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const).filter((k) => typeof hints[k] === 'boolean').map((k) => [k, hints[k]]),
  );
  return {
    name: tool.name,
    ...(title ? { title: title.slice(0, MAX_TITLE) } : {}),
    ...(tool.description ? { description: tool.description.slice(0, MAX_DESCRIPTION) } : {}),
    inputSchema: tool.inputSchema,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

function isClosed(error: unknown): boolean {
  return isMcpError(error, 'ConnectionClosed');
}

/** Any failure as a RemoteMcpError (an abort by the caller is passed on as it is). */
function typed(error: unknown, live: Live, maxMessageBytes: number): unknown {
  // Ours, or the token callback's (a refused refresh) and the caller's abort reason, passed on as they are.
  if (error instanceof CodedError) return error;
  if (live.oversized) return new RemoteMcpError('too_large', `The MCP server’s answer is larger than ${maxMessageBytes} bytes.`);
  if (isMcpError(error, 'RequestTimeout')) return new RemoteMcpError('timeout', 'The MCP server did not answer in time.');
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (isStreamableHttpError(error)) return new RemoteMcpError('server_error', `The MCP server answered with an error (HTTP ${error.code}).`, { status: error.code });
  if (isMcpError(error)) return new RemoteMcpError('server_error', `The MCP server refused this: ${error.message}`, { mcpCode: error.code });
  return new RemoteMcpError('server_error', `The MCP session failed: ${error instanceof Error ? error.message : String(error)}`);
}
