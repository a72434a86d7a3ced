import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startResourceServer, staticTokens, type RunningResourceServer, type TestTool } from '../../../e2e/mcpServers/resourceServer';
import { RemoteMcpError } from './errors';
import { RemoteMcpSession, type RemoteMcpSessionOptions } from './session';

/**
 * Scopekeeper's own MCP client session against a server made of the SDK's own pieces
 * (e2e/mcpServers/resourceServer.ts): tokens it checks itself (`staticTokens`), bound to its URL.
 */

const TOOLS: TestTool[] = [
  {
    name: 'search_notes',
    title: 'Search notes',
    description: 'Finds notes by words.',
    inputSchema: { query: z.string() },
    annotations: { readOnlyHint: true },
    run: (args) => `found: ${String(args.query)}`,
  },
  { name: 'delete_note', description: 'Deletes a note.', inputSchema: { id: z.string() }, annotations: { destructiveHint: true }, scope: 'notes:write', run: (args) => `deleted ${String(args.id)}` },
  { name: 'big_answer', description: 'Answers with a lot.', run: () => 'x'.repeat(64 * 1024) },
];

const tokens = new Map<string, { scopes: string[]; resource: string }>();
let server: RunningResourceServer;
let sessions: RemoteMcpSession[];
beforeEach(async () => {
  server = await startResourceServer({ tools: TOOLS, auth: { verifier: staticTokens(tokens), authorizationServers: ['https://auth.example.test'] } });
  tokens.clear();
  tokens.set('read-token', { scopes: ['notes:read'], resource: server.url });
  tokens.set('write-token', { scopes: ['notes:read', 'notes:write'], resource: server.url });
  tokens.set('other-audience', { scopes: ['notes:read', 'notes:write'], resource: 'http://127.0.0.1:1/mcp' });
  sessions = [];
});
afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  await server.close();
});

function open(token: string | undefined, extra: Partial<RemoteMcpSessionOptions> = {}): RemoteMcpSession {
  const session = new RemoteMcpSession({ url: server.url, fetch, token: () => Promise.resolve(token), ...extra });
  sessions.push(session);
  return session;
}

async function failure(promise: Promise<unknown>): Promise<RemoteMcpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof RemoteMcpError)) throw new Error(`expected a RemoteMcpError, got ${String(error)}`);
  return error;
}

const textOf = (result: { content: unknown }) => (result.content as { type: string; text: string }[]).map((c) => c.text).join('');

describe('a remote MCP session', () => {
  it('lists the tools with what they say of themselves, and sends the token with every request to the server', async () => {
    const tools = await open('read-token').tools();
    expect(tools.map((t) => ({ name: t.name, title: t.title, description: t.description, annotations: t.annotations }))).toEqual([
      { name: 'search_notes', title: 'Search notes', description: 'Finds notes by words.', annotations: { readOnlyHint: true } },
      { name: 'delete_note', title: undefined, description: 'Deletes a note.', annotations: { destructiveHint: true } },
      { name: 'big_answer', title: undefined, description: 'Answers with a lot.', annotations: undefined },
    ]);
    expect(tools[0]!.inputSchema).toMatchObject({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] });
    expect(server.seen.length).toBeGreaterThan(0);
    expect(server.seen.every((r) => r.authorization === 'Bearer read-token')).toBe(true);
  });

  it('calls a tool and gives its answer', async () => {
    const result = await open('read-token').call('search_notes', { query: 'plums' });
    expect(textOf(result)).toBe('found: plums');
    expect(server.calls).toEqual([{ tool: 'search_notes', args: { query: 'plums' }, scopes: ['notes:read'] }]);
  });

  it('says "sign in again" when the server refuses the token, or a token for another resource', async () => {
    for (const token of ['unknown-token', 'other-audience', undefined]) {
      const error = await failure(open(token).tools());
      expect(error.code).toBe('sign_in_again');
      expect(error.message).toMatch(/sign in again/);
    }
    expect(server.calls).toEqual([]);
  });

  it('carries the scopes a 403 insufficient_scope asks for, and the tool is not reached', async () => {
    const error = await failure(open('read-token').call('delete_note', { id: 'n1' }));
    expect(error.code).toBe('insufficient_scope');
    expect(error.details?.scopes).toEqual(['notes:read', 'notes:write']);
    expect(server.calls).toEqual([]);
    // With the scope, the same call goes through.
    expect(textOf(await open('write-token').call('delete_note', { id: 'n1' }))).toBe('deleted n1');
  });

  it('hears tools/list_changed, lists again and tells its listeners', async () => {
    const session = open('read-token');
    await session.tools();
    const changed = new Promise<string[]>((resolve) => session.onToolsChanged((tools) => resolve(tools.map((t) => t.name))));
    server.addTool({ name: 'new_tool', description: 'Arrived later.', run: () => 'new' });
    expect(await changed).toEqual(['search_notes', 'delete_note', 'big_answer', 'new_tool']);
    expect(session.cached?.map((t) => t.name)).toContain('new_tool');
  });

  it('lists again at most twice for a burst of list_changed', async () => {
    const session = open('read-token');
    await session.tools();
    const all = new Promise<void>((resolve) => session.onToolsChanged((tools) => tools.length === 3 + 5 && resolve()));
    for (let n = 0; n < 5; n++) server.addTool({ name: `burst_${n}`, description: 'Burst.', run: () => 'b' });
    await all;
    expect(server.seen.filter((r) => r.rpc === 'tools/list').length).toBeLessThanOrEqual(3);
  });

  it('refuses an answer beyond its size limit, and the next call works', async () => {
    const session = open('read-token', { maxMessageBytes: 16 * 1024 });
    expect((await failure(session.call('big_answer', {}))).code).toBe('too_large');
    expect(textOf(await session.call('search_notes', { query: 'a' }))).toBe('found: a');
  });

  it('opens a new session when the server no longer knows the one it had', async () => {
    let forget = false;
    const forgetful: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (forget && headers.has('mcp-session-id')) {
        forget = false;
        headers.set('mcp-session-id', 'forgotten');
      }
      return fetch(input, { ...init, headers });
    };
    const session = open('read-token', { fetch: forgetful });
    await session.tools();
    forget = true;
    expect(textOf(await session.call('search_notes', { query: 'b' }))).toBe('found: b');
    expect(server.seen.filter((r) => r.rpc === 'initialize')).toHaveLength(2);
  });

  it('gives up on a server that does not answer in time', async () => {
    const session = open('read-token', { timeoutMs: 300 });
    await session.tools();
    const stalling: typeof fetch = (input, init) =>
      String(init?.body ?? '').includes('tools/call')
        ? new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
        : fetch(input, init);
    const slow = open('read-token', { timeoutMs: 300, fetch: stalling });
    expect((await failure(slow.call('search_notes', { query: 'c' }))).code).toBe('timeout');
  });

  it('says what the server refused: an MCP error with its code, an HTTP error with its status', async () => {
    const answering = (answer: (id: unknown) => Response): typeof fetch => (input, init) => {
      const body = String(init?.body ?? '');
      return body.includes('tools/call') ? Promise.resolve(answer((JSON.parse(body) as { id: unknown }).id)) : fetch(input, init);
    };
    const rpcError = answering((id) => Response.json({ jsonrpc: '2.0', id, error: { code: -32603, message: 'the notes store is down' } }));
    const refused = await failure(open('read-token', { fetch: rpcError }).call('search_notes', { query: 'd' }));
    expect(refused).toMatchObject({ code: 'server_error', details: { mcpCode: -32603 } });
    expect(refused.message).toMatch(/^The MCP server refused this: .*the notes store is down/);
    const httpError = answering(() => new Response('down', { status: 502 }));
    const failing = await failure(open('read-token', { fetch: httpError }).call('search_notes', { query: 'e' }));
    expect(failing).toMatchObject({ code: 'server_error', message: 'The MCP server answered with an error (HTTP 502).', details: { status: 502 } });
  });
});
