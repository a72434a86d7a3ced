/**
 * An MCP host as the specs run one: the SDK's client spawns the built `scopekeeper mcp` from a
 * host's configuration (command, args, env), as Claude Desktop, VS Code or Cursor do, and reads
 * its tools as a host would show them to a model.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { listChanges } from '../electron/testing/mcpAgent';
import { BIN, tools } from './brokerTools';

export interface Host {
  client: Client;
  /** Resolves at the next `tools/list_changed` the host hears. */
  changes: () => Promise<void>;
  names(): Promise<string[]>;
  call(name: string, args?: Record<string, unknown>): Promise<{ isError: boolean; text: string }>;
}

/**
 * The README's host configuration, `{ "command": "scopekeeper", "args": ["mcp", "--name", NAME, …more] }`,
 * with the app's data folder in `env` (SCOPEKEEPER_DATA_DIR, or SCOPEKEEPER_BROKER for a socket
 * elsewhere): the command is this build's bin/scopekeeper.js under this Node, its secret in a
 * folder of its own.
 */
export async function startHost(name: string, where: Record<string, string>, more: string[] = []): Promise<Host> {
  const client = new Client({ name: 'e2e-host', version: '1.0.0' });
  const changes = listChanges(client);
  const env = { ...where, SCOPEKEEPER_TOOLS_DIR: tools(), SCOPEKEEPER_SECRET_STORE: 'file' };
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--name', name, ...more], env, stderr: 'pipe' }));
  return {
    client,
    changes,
    names: async () => (await client.listTools()).tools.map((t) => t.name),
    call: async (tool, args = {}) => {
      const result = (await client.callTool({ name: tool, arguments: args })) as CallToolResult;
      return { isError: result.isError === true, text: result.content.map((c) => (c.type === 'text' ? c.text : '')).join('') };
    },
  };
}

/** Whether the host's tool list is exactly `expected`, in order. */
export const listed = (host: Host, expected: string[]) => async () => JSON.stringify(await host.names()) === JSON.stringify(expected);
