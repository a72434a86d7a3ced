import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from '../../e2e/brokerHarness';
import type { RunningResourceServer } from '../../e2e/mcpServers/resourceServer';
import { startSandboxMcp, TestDirectory } from '../../e2e/mcpServers/sandboxMcp';
import { startSandbox, type RunningAuthServer } from '../sandbox/server';
import { changesUntil, startMcpAgent, toolEnvironment, type McpAgent } from '../testing/mcpAgent';

/**
 * `scopekeeper mcp` serving a remote MCP server's approved tools, on the real core and broker, to a
 * real MCP client from the SDK; the remote server is made of the SDK's own pieces and takes the
 * Sandbox's tokens.
 */

let sandbox: RunningAuthServer;
let h: BrokerHarness;
let remote: RunningResourceServer;
let connectionId: string;
let env: NodeJS.ProcessEnv;
const agents: McpAgent[] = [];
beforeAll(async () => void (sandbox = await startSandbox(0)));
afterAll(() => sandbox.close());
beforeEach(async () => {
  remote = await startSandboxMcp(sandbox);
  const directory = new TestDirectory();
  h = await startBrokerHarness(sandbox, { remoteMcp: directory });
  connectionId = await h.connectSandbox(['files:read']);
  directory.put(connectionId, { providerId: 'sandbox', name: 'Notes', url: remote.url, signIn: true });
  env = toolEnvironment({ SCOPEKEEPER_BROKER: h.endpoint });
});
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
  await h.dispose();
  await remote.close();
});

async function agent(server?: string): Promise<McpAgent> {
  const started = await startMcpAgent(env, { name: 'notes-agent', ...(server ? { server } : {}) });
  agents.push(started);
  return started;
}

const names = async (a: McpAgent) => (await a.agent.listTools()).tools.map((t) => t.name);
const textOf = (result: unknown) => ((result as CallToolResult).content as { text: string }[]).map((c) => c.text).join('');

/** The agent asks for `actions` on the connection; the person allows them (always). */
async function allow(a: McpAgent, actions: string[]): Promise<void> {
  const asked = h.next('broker:approval-requested');
  const requested = a.agent.callTool({ name: 'scopekeeper_request_access', arguments: { connectionId, actions, reason: 'Notes' } });
  await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always' });
  expect((await requested).isError).toBeUndefined();
}

describe('scopekeeper mcp with a remote MCP server', () => {
  it('serves an approved tool as <server>_<tool> with the server’s schema and hints, and forwards its calls through the broker', async () => {
    const a = await agent();
    expect(await names(a)).toEqual(['scopekeeper_status', 'scopekeeper_request_access']);
    await allow(a, ['read_notes']);
    await changesUntil(a.listChanged, async () => (await names(a)).includes('Notes_read_notes'));
    const tool = (await a.agent.listTools()).tools.find((t) => t.name === 'Notes_read_notes')!;
    expect(tool.inputSchema).toMatchObject({ type: 'object', properties: { query: { type: 'string', description: 'Words to look for' } }, required: ['query'] });
    expect(tool.annotations).toMatchObject({ readOnlyHint: true });
    expect(textOf(await a.agent.callTool({ name: 'Notes_read_notes', arguments: { query: 'plums' } }))).toBe('notes about plums');
    const usage = (await h.invoke('broker:usage', { connectionId })) as { calls: { tool: string; actionId: string; outcome: string }[] };
    expect(usage.calls.map((c) => [c.tool, c.actionId, c.outcome])).toEqual([['notes-agent', 'read_notes', 'ok']]);
  });

  it('with --server, serves that server’s approved tools under their own names, and request_access', async () => {
    await allow(await agent(), ['read_notes']);
    const only = await agent('Notes');
    expect(await names(only)).toEqual(['request_access', 'read_notes']);
    expect(textOf(await only.agent.callTool({ name: 'read_notes', arguments: { query: 'figs' } }))).toBe('notes about figs');
    await expect(only.agent.callTool({ name: 'scopekeeper_status', arguments: {} })).rejects.toThrow(/Unknown tool/);
    expect(await names(await agent('Mail'))).toEqual(['request_access']);
  });

  it('scopekeeper_request_access takes the server’s name and its tool names, and says so', async () => {
    const a = await agent();
    const request = (await a.agent.listTools()).tools.find((t) => t.name === 'scopekeeper_request_access')!;
    expect(request.inputSchema.properties).toHaveProperty('server');
    expect(request.description).toMatch(/server.*the server’s tool names/);
    expect(textOf(await a.agent.callTool({ name: 'scopekeeper_status', arguments: {} }))).toMatch(/scopekeeper_request_access with server/);
    const asked = h.next('broker:approval-requested');
    const requested = a.agent.callTool({ name: 'scopekeeper_request_access', arguments: { server: 'Notes', actions: ['read_notes'] } });
    const question = await asked;
    expect(question.connection?.id).toBe(connectionId);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-always' });
    expect((await requested).isError).toBeUndefined();
    await changesUntil(a.listChanged, async () => (await names(a)).includes('Notes_read_notes'));
    const unknown = await a.agent.callTool({ name: 'scopekeeper_request_access', arguments: { server: 'Mail', actions: ['read_notes'] } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toBe('bad_request: Scopekeeper has no connected MCP server named “Mail”.');
  });

  it('with --server and nothing approved, request_access asks for the server’s tools; they appear under their own names and it stays', async () => {
    const only = await agent('Notes');
    const tool = (await only.agent.listTools()).tools[0]!;
    expect(tool).toMatchObject({ name: 'request_access', annotations: { readOnlyHint: false, destructiveHint: false } });
    expect(tool.inputSchema.properties).toHaveProperty('tools');
    const asked = h.next('broker:approval-requested');
    const requested = only.agent.callTool({ name: 'request_access', arguments: { reason: 'To read my notes' } });
    const question = await asked;
    expect(question).toMatchObject({ kind: 'access', reason: 'To read my notes', connection: { id: connectionId } });
    expect(question.actions.map((a) => a.id)).toEqual(['read_notes', 'send_note']);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-week' });
    expect(textOf(await requested)).toMatch(/read_notes, send_note/);
    await changesUntil(only.listChanged, async () => (await names(only)).length === 3);
    expect(await names(only)).toEqual(['request_access', 'read_notes', 'send_note']);
    // Named tools only; the person can say no.
    const again = h.next('broker:approval-requested');
    const denied = only.agent.callTool({ name: 'request_access', arguments: { tools: ['send_note'] } });
    const second = await again;
    expect(second.actions.map((a) => a.id)).toEqual(['send_note']);
    await h.invoke('broker:answer', { requestId: second.requestId, decision: 'deny' });
    expect((await denied).isError).toBe(true);
    const bad = await only.agent.callTool({ name: 'request_access', arguments: { tools: [] } });
    expect(bad.isError).toBe(true);
  });

  it('with --server naming no server there is, request_access says so and asks nothing', async () => {
    const mail = await agent('Mail');
    const refused = await mail.agent.callTool({ name: 'request_access', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe('bad_request: Scopekeeper has no connected MCP server named “Mail”.');
    expect(h.core.broker.pending()).toEqual([]);
  });

  it('a tool the server refuses for a missing scope: the person’s step-up, then the call succeeds', async () => {
    const a = await agent();
    await allow(a, ['send_note']);
    await changesUntil(a.listChanged, async () => (await names(a)).includes('Notes_send_note'));
    const call = a.agent.callTool({ name: 'Notes_send_note', arguments: { to: 'ann', text: 'hi' } });
    // Always allowed and destructive: the person confirms this call first; then the server asks for messages:write.
    const confirm = await h.next('broker:approval-requested');
    expect(confirm.kind).toBe('confirm');
    await h.invoke('broker:answer', { requestId: confirm.requestId, decision: 'allow-once' });
    const stepUp = await h.next('broker:approval-requested');
    expect(stepUp).toMatchObject({ kind: 'step-up', actions: [{ id: 'send_note' }] });
    expect(stepUp.actions[0]!.needs.filter((n) => !n.granted).map((n) => n.scope)).toEqual(['messages:write']);
    await h.invoke('broker:answer', { requestId: stepUp.requestId, decision: 'allow-once' });
    expect(textOf(await call)).toBe('sent to ann');
  });
});
