import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { RemoteMcpError, scopesAsked } from './errors';
import { RemoteMcpSession, type RemoteTool } from './session';
import type { RemoteMcpDirectory, RemoteMcpServer } from './types';

export interface RemoteToolsOptions {
  /** Which connections are on MCP servers (kept with the servers, in grants/). */
  directory: RemoteMcpDirectory;
  /** Core's fetch port. */
  fetch: typeof globalThis.fetch;
  /** A fresh access token for the connection (TokenService); never called for a server with no sign-in. */
  token: (connectionId: string) => Promise<string>;
  /** How long one request to a server may take. */
  timeoutMs?: number;
  version?: string;
}

/** A tool as the window and the broker show it: what the server says, and the scopes a refused call asked for. */
export interface RemoteToolInfo extends RemoteTool {
  /** The scopes the server asked for when it refused a call of this tool (403 insufficient_scope), this run. */
  neededScopes?: string[];
}

/**
 * The tools of every connection on a remote MCP server, each through Scopekeeper's own session
 * (session.ts), opened when first needed. Remembers, per tool, the scopes a refused call asked
 * for; tells its listeners when a connection's tools (or what they need) changed.
 */
export class RemoteTools {
  private readonly sessions = new Map<string, { session: RemoteMcpSession; url: string }>();
  private readonly needed = new Map<string, Map<string, string[]>>();
  private readonly listeners = new Set<(connectionId: string) => void>();

  constructor(private readonly options: RemoteToolsOptions) {}

  /** The server a connection is on; undefined when it is not an MCP server's. */
  serverFor(connectionId: string): RemoteMcpServer | undefined {
    return this.options.directory.serverFor(connectionId);
  }

  /** Every connection on an MCP server. */
  connections(): { connectionId: string; server: RemoteMcpServer }[] {
    return this.options.directory.connections();
  }

  onChange(listener: (connectionId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tools as last listed, with the scopes they needed; undefined before the first listing. */
  cached(connectionId: string): RemoteToolInfo[] | undefined {
    const tools = this.sessions.get(connectionId)?.session.cached;
    return tools && tools.map((tool) => this.withNeeds(connectionId, tool));
  }

  /** The tools, listed once per session and kept current. */
  async tools(connectionId: string): Promise<RemoteToolInfo[]> {
    const tools = await this.session(connectionId).tools();
    return tools.map((tool) => this.withNeeds(connectionId, tool));
  }

  /**
   * Calls one tool; a refusal for lack of scope is remembered for that tool (and the window hears
   * of it): the scopes the server asked for beyond `granted` (all it asked for when none is beyond).
   */
  async call(connectionId: string, tool: string, args: Record<string, unknown>, signal?: AbortSignal, granted: readonly string[] = []): Promise<CallToolResult> {
    try {
      return await this.session(connectionId).call(tool, args, signal);
    } catch (error) {
      const scopes = scopesAsked(error);
      const beyond = scopes.filter((s) => !granted.includes(s));
      if (scopes.length > 0) this.noteNeeded(connectionId, tool, beyond.length > 0 ? beyond : scopes);
      throw error;
    }
  }

  /** The scopes the server asked for when it last refused `tool` on this connection. */
  neededScopes(connectionId: string, tool: string): string[] | undefined {
    return this.needed.get(connectionId)?.get(tool);
  }

  /** The connection went (removed, disconnected): its session closes. */
  forget(connectionId: string): void {
    const open = this.sessions.get(connectionId);
    this.sessions.delete(connectionId);
    this.needed.delete(connectionId);
    void open?.session.close();
  }

  async dispose(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    this.listeners.clear();
    await Promise.all(open.map(({ session }) => session.close()));
  }

  private session(connectionId: string): RemoteMcpSession {
    const server = this.serverFor(connectionId);
    if (!server) throw new RemoteMcpError('bad_tool', 'This connection is not on an MCP server.');
    const open = this.sessions.get(connectionId);
    if (open && open.url === server.url) return open.session;
    void open?.session.close();
    const session = new RemoteMcpSession({
      url: server.url,
      fetch: this.options.fetch,
      // A server with no sign-in never gets a token; one with sign-in, only its connection's.
      token: server.signIn ? () => this.options.token(connectionId) : () => Promise.resolve(undefined),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(this.options.version !== undefined ? { version: this.options.version } : {}),
    });
    session.onToolsChanged(() => this.changed(connectionId));
    this.sessions.set(connectionId, { session, url: server.url });
    return session;
  }

  private noteNeeded(connectionId: string, tool: string, scopes: string[]): void {
    let tools = this.needed.get(connectionId);
    if (!tools) this.needed.set(connectionId, (tools = new Map()));
    if (tools.get(tool)?.join(' ') === scopes.join(' ')) return;
    tools.set(tool, scopes);
    this.changed(connectionId);
  }

  private withNeeds(connectionId: string, tool: RemoteTool): RemoteToolInfo {
    const needed = this.neededScopes(connectionId, tool.name);
    return needed ? { ...tool, neededScopes: needed } : { ...tool };
  }

  private changed(connectionId: string): void {
    for (const listener of this.listeners) listener(connectionId);
  }
}
