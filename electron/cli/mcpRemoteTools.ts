import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ListResult, ToolCallResult } from '../core/broker/protocol';
import { namePart, serverNamesMatching } from '../../shared/mcpServerNames';

/**
 * The remote MCP servers' tools the person approved for this tool (the broker's `list`), served
 * again by `scopekeeper mcp` as `<server>_<tool>` (or, with `--server`, one server's tools under
 * their own names) with the server's input schema and hints; a call goes to the broker as
 * `tool-call`, and Scopekeeper calls the server with its own token.
 */

type Connection = ListResult['connections'][number];

export interface RemoteToolEntry {
  tool: Tool;
  connectionId: string;
  /** The tool's name at its server. */
  remoteName: string;
}

const MAX_NAME = 64;


/** A short, stable tag of a text (FNV-1a, base 36): what tells apart two names that would be one. */
function tag(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36).padStart(7, '0').slice(0, 7);
}

/** `base` when it is free and short enough; else cut, with a tag of what it stands for, so it is unique and stays the same from run to run. */
function uniqueName(base: string, identity: string, taken: Set<string>): string {
  let name = base.length <= MAX_NAME && !taken.has(base) ? base : `${base.slice(0, MAX_NAME - 8)}_${tag(identity)}`;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, MAX_NAME - 8 - String(n).length)}_${tag(`${identity} ${n}`)}`;
  taken.add(name);
  return name;
}

/** The connections on the server `--server` named (shared/mcpServerNames.ts: the broker's rule for `request`'s `server`). */
export function onServer(connections: readonly Connection[], server: string): Connection[] {
  const names = serverNamesMatching(connections.flatMap((c) => (c.mcpServer ? [c.mcpServer.name] : [])), server);
  return connections.filter((c) => c.mcpServer !== undefined && names.has(c.mcpServer.name));
}

/**
 * The approved remote tools, named `<server>_<tool>` (`own`: the tool's own name, for `--server`),
 * unique among `taken` and matching `^[a-zA-Z0-9_-]{1,64}$`, in a stable order.
 */
export function remoteTools(listed: ListResult, taken: Set<string>, only?: string): RemoteToolEntry[] {
  const onMcp = listed.connections.filter((c) => c.mcpServer);
  const connections = only === undefined ? onMcp : onServer(onMcp, only);
  return connections.flatMap((connection) =>
    connection.actions.flatMap((action) => {
      if (!action.tool) return [];
      const base = only === undefined ? `${namePart(connection.mcpServer!.name)}_${namePart(action.id)}` : namePart(action.id);
      const name = uniqueName(base, `${connection.id} ${action.id}`, taken);
      const title = `${action.title} (${connection.mcpServer!.name}${connection.account ? `: ${connection.account}` : ''})`;
      const { description, inputSchema, annotations } = action.tool;
      return [
        {
          tool: {
            name,
            title,
            description: `${description ?? action.title} — on the MCP server ${connection.mcpServer!.name}, through Scopekeeper.${action.available ? '' : ' Not available now: the server does not list it, or the connection is disconnected.'}`,
            inputSchema: { ...inputSchema, type: 'object' } as Tool['inputSchema'],
            annotations: { ...annotations, title },
          },
          connectionId: connection.id,
          remoteName: action.id,
        },
      ];
    }),
  );
}

/** The server's answer as the agent's result (what it gave, nothing added). */
export function remoteResult(result: ToolCallResult): CallToolResult {
  return { content: result.content as CallToolResult['content'], ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}), ...(result.isError ? { isError: true } : {}) };
}

