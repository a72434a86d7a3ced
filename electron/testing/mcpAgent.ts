/**
 * `scopekeeper mcp` in process, linked to a real MCP client from the SDK: the agent side of the
 * MCP unit tests. The server's broker link runs as in the command (real socket, real backoff and
 * socket watch); the client counts the `tools/list_changed` notifications it hears.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { BrokerLink, type Backoff } from '../cli/brokerLink';
import { createMcpServer, type McpServerOptions } from '../cli/mcp';

/** A queue of the `notifications/tools/list_changed` a client hears: each call resolves at the next one (or one heard and not yet taken). */
export function listChanges(client: Client): () => Promise<void> {
  let heard = 0;
  const waiting: (() => void)[] = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    const waiter = waiting.shift();
    if (waiter) waiter();
    else heard++;
  });
  return () =>
    new Promise<void>((resolve) => {
      if (heard > 0) {
        heard--;
        resolve();
      } else waiting.push(resolve);
    });
}

/** Waits for announced changes of the tool list until `reached` holds (checked first, then after each notification; nothing polled). */
export async function changesUntil(changes: () => Promise<void>, reached: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await reached())) await changes();
}

export interface McpAgent {
  agent: Client;
  link: BrokerLink;
  /** Resolves at the next `notifications/tools/list_changed` (or one heard and not yet taken). */
  listChanged(): Promise<void>;
  close(): Promise<void>;
}

/** A tool's environment: where the broker is (`SCOPEKEEPER_BROKER` or `SCOPEKEEPER_DATA_DIR`), its own secrets folder, no keychain. */
export function toolEnvironment(where: { SCOPEKEEPER_BROKER: string } | { SCOPEKEEPER_DATA_DIR: string }): NodeJS.ProcessEnv {
  return { ...where, SCOPEKEEPER_TOOLS_DIR: mkdtempSync(join(tmpdir(), 'sk-mcp-tools-')), SCOPEKEEPER_SECRET_STORE: 'file' };
}

export async function startMcpAgent(env: NodeJS.ProcessEnv, options: McpServerOptions & { name?: string; backoff?: Backoff } = {}): Promise<McpAgent> {
  const link = new BrokerLink(options.name ?? 'my-agent', { env, ...(options.backoff ? { backoff: options.backoff } : {}) });
  const server = await createMcpServer(link, '0.0.0-test', options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const agent = new Client({ name: 'test-agent', version: '1.0.0' });
  const listChanged = listChanges(agent);
  await agent.connect(clientSide);
  return {
    agent,
    link,
    listChanged,
    close: async () => {
      await agent.close();
      link.close();
    },
  };
}
