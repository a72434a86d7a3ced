import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { startSandboxMcp, TestDirectory } from '../../../e2e/mcpServers/sandboxMcp';
import type { RunningResourceServer } from '../../../e2e/mcpServers/resourceServer';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import type { BrokerClient } from '../../cli/client';
import type { ListResult, ToolCallResult } from './protocol';

/**
 * A remote MCP server's tools as broker actions, on the real core and socket: a Sandbox connection
 * is put on a test MCP server (made of the SDK's own pieces) whose tokens are the Sandbox's.
 */

let sandbox: RunningAuthServer;
let h: BrokerHarness;
let mcp: RunningResourceServer;
let directory: TestDirectory;
let connectionId: string;
beforeAll(async () => void (sandbox = await startSandbox(0)));
afterAll(() => sandbox.close());
beforeEach(async () => {
  mcp = await startSandboxMcp(sandbox);
  directory = new TestDirectory();
  h = await startBrokerHarness(sandbox, { remoteMcp: directory });
  connectionId = await h.connectSandbox(['files:read']);
  directory.put(connectionId, { providerId: 'sandbox', name: 'Notes', url: mcp.url, signIn: true });
});
afterEach(async () => {
  await h.dispose();
  await mcp.close();
});

const textOf = (result: ToolCallResult) => result.content.map((c) => String(c.text)).join('');

async function approved(actions: string[], decision: 'allow-once' | 'allow-always' | 'allow-week' = 'allow-always'): Promise<BrokerClient> {
  const tool = await h.tool('notes-agent');
  const { result, asked } = await h.approve(tool, { connectionId, actions, reason: 'Work with notes' }, decision);
  expect(asked.actions.map((a) => a.title)).toEqual(actions.map((a) => (a === 'read_notes' ? 'Read notes' : 'Send a note')));
  await tool.send('hello', { tool: 'notes-agent', secret: result.secret });
  return tool;
}

describe('an MCP server’s tools through the broker', () => {
  it('are asked for, listed with the server’s schema and hints, called with Scopekeeper’s token, and logged', async () => {
    const tool = await approved(['read_notes']);
    const listed = await tool.send<ListResult>('list');
    expect(listed.connections[0]).toMatchObject({ id: connectionId, mcpServer: { name: 'Notes' } });
    expect(listed.connections[0]!.actions[0]).toMatchObject({
      id: 'read_notes',
      title: 'Read notes',
      available: true,
      tool: { description: 'Lists the notes that match the words.', annotations: { readOnlyHint: true }, inputSchema: { type: 'object', required: ['query'] } },
    });
    const used = h.next('broker:used');
    const result = await tool.send<ToolCallResult>('tool-call', { connectionId, tool: 'read_notes', arguments: { query: 'plums' } });
    expect(textOf(result)).toBe('notes about plums');
    expect((await used).connectionIds).toEqual([connectionId]);
    // The server saw the connection's own token; nothing the tool got carries one.
    const token = (await h.core.tokens.freshAccessToken(connectionId)).accessToken;
    expect(mcp.seen.filter((r) => r.rpc === 'tools/call').map((r) => r.authorization)).toEqual([`Bearer ${token}`]);
    expect(JSON.stringify([listed, result])).not.toContain(token);
    const usage = (await h.invoke('broker:usage', { connectionId })) as { calls: { actionId: string; actionTitle: string; outcome: string; method: string }[]; usedBy: { scope: string; tools: { name: string }[] }[] };
    expect(usage.calls.map((c) => [c.actionId, c.actionTitle, c.method, c.outcome])).toEqual([['read_notes', 'Read notes', 'MCP', 'ok']]);
    expect(usage.usedBy.find((u) => u.scope === 'files:read')?.tools.map((t) => t.name)).toEqual(['notes-agent']);
  });

  it('refuses a tool nobody approved, and an Allow once admits exactly one of two calls sent together', async () => {
    const tool = await approved(['read_notes'], 'allow-once');
    expect((await refusal(tool.send('tool-call', { connectionId, tool: 'send_note', arguments: { to: 'a', text: 'b' } }))).code).toBe('not_approved');
    const calls = [1, 2].map((n) => tool.send<ToolCallResult>('tool-call', { connectionId, tool: 'read_notes', arguments: { query: `q${n}` } }).then(textOf, (e: { code: string }) => e.code));
    expect((await Promise.all(calls)).sort()).toEqual(['not_approved', 'notes about q1']);
    expect(mcp.calls.map((c) => c.tool)).toEqual(['read_notes']);
  });

  it('asks the person to confirm each call of a destructive tool under a standing approval; a no never reaches the server', async () => {
    await h.invoke('grants:plan-change', { connectionId, add: ['messages:write'], remove: [] }).then((plan) => h.invoke('grants:apply-plan', { planId: (plan as { planId: string }).planId }));
    const tool = await approved(['send_note'], 'allow-week');
    const call = tool.send('tool-call', { connectionId, tool: 'send_note', arguments: { to: 'ann', text: 'hi' } });
    const asked = await h.answerNext('deny');
    expect(asked).toMatchObject({ kind: 'confirm', actions: [{ id: 'send_note', effect: 'destroys' }] });
    expect((await refusal(call)).code).toBe('denied');
    expect(mcp.calls).toEqual([]);
  });

  it('turns 403 insufficient_scope into the usual step-up, then calls once more and succeeds', async () => {
    const tool = await approved(['send_note'], 'allow-once');
    const call = tool.send<ToolCallResult>('tool-call', { connectionId, tool: 'send_note', arguments: { to: 'ann', text: 'hi' } });
    const asked = await h.answerNext('allow-once');
    expect(asked).toMatchObject({ kind: 'step-up', plan: { add: expect.arrayContaining([expect.objectContaining({ scope: 'messages:write' })]) } });
    expect(textOf(await call)).toBe('sent to ann');
    expect(mcp.calls.map((c) => [c.tool, c.scopes.includes('messages:write')])).toEqual([['send_note', true]]);
    // The connection's detail says which scope the tool needed when it was refused.
    const view = (await h.invoke('remote:tools', { connectionId })) as { tools: { name: string; neededScopes?: string[] }[] };
    expect(view.tools.find((t) => t.name === 'send_note')?.neededScopes).toEqual(['messages:write']);
  });

  it('refuses the step-up the person declines, and the call is not retried', async () => {
    const tool = await approved(['send_note'], 'allow-once');
    const call = tool.send('tool-call', { connectionId, tool: 'send_note', arguments: { to: 'ann', text: 'hi' } });
    await h.answerNext('deny');
    const refused = await refusal(call);
    expect(refused.code).toBe('insufficient_scope');
    expect(mcp.seen.filter((r) => r.rpc === 'tools/call')).toHaveLength(1);
  });

  it('hands out no token for an MCP server’s tool, asked at the request or later', async () => {
    const tool = await approved(['read_notes']);
    const refused = await refusal(tool.send('token', { connectionId, action: 'read_notes' }));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toMatch(/does not hand out tokens for MCP servers/);
    const other = await h.tool('greedy');
    expect((await refusal(other.send('request', { connectionId, actions: ['read_notes'], tokenHandout: true }))).message).toMatch(/does not hand out tokens/);
  });

  it('tells the tools approved on a connection when its server’s tools change', async () => {
    const tool = await approved(['read_notes']);
    await tool.send('list');
    const heard = new Promise<void>((resolve) => tool.onApprovalsChanged(resolve));
    const windowHeard = h.next('remote:tools-changed');
    mcp.addTool({ name: 'archive_note', description: 'Archives a note.', run: () => 'archived' });
    await heard;
    expect(await windowHeard).toEqual({ connectionId });
    const view = (await h.invoke('remote:tools', { connectionId })) as { serverName: string; tools: { name: string; readOnly: boolean; destructive: boolean }[] };
    expect(view.serverName).toBe('Notes');
    expect(view.tools.map((t) => [t.name, t.readOnly, t.destructive])).toEqual([
      ['read_notes', true, false],
      ['send_note', false, true],
      ['archive_note', false, true],
    ]);
  });
});
