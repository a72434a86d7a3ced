import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { startSandboxMcp, TestDirectory } from '../../../e2e/mcpServers/sandboxMcp';
import type { RunningResourceServer } from '../../../e2e/mcpServers/resourceServer';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';

/**
 * An agent asks for an MCP server's tools by the server's name as the person sees it (`server`),
 * and calls them only with `tool-call`; on the real core and socket, with a test MCP server made of
 * the SDK's own pieces whose tokens are the Sandbox's.
 */

let sandbox: RunningAuthServer;
let h: BrokerHarness;
let mcp: RunningResourceServer;
let directory: TestDirectory;
let connectionId: string;
let user = 'alex';
beforeAll(async () => void (sandbox = await startSandbox(0)));
afterAll(() => sandbox.close());
beforeEach(async () => {
  user = 'alex';
  mcp = await startSandboxMcp(sandbox);
  directory = new TestDirectory();
  h = await startBrokerHarness(sandbox, { remoteMcp: directory, sandboxUser: () => user });
  connectionId = await h.connectSandbox(['files:read']);
  directory.put(connectionId, notes());
});
afterEach(async () => {
  await h.dispose();
  await mcp.close();
});

const notes = () => ({ providerId: 'sandbox', name: 'Notes', url: mcp.url, signIn: true });

/** Another Sandbox account (signed in as `name`). */
async function anotherAccount(name: string): Promise<string> {
  user = name;
  return ((await h.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read'], anotherAccount: true })) as { id: string }).id;
}

describe('asking for an MCP server’s tools by the server’s name', () => {
  it('names the server’s one connection, as the person wrote its name or in other letter case', async () => {
    const tool = await h.tool('notes-agent');
    const { result, asked } = await h.approve(tool, { server: 'Notes', actions: ['read_notes'], reason: 'Notes' });
    expect(asked.connection).toEqual({ id: connectionId, providerName: 'Sandbox', account: 'alex@sandbox.test' });
    expect(asked.candidates).toEqual([]);
    expect(asked.actions.map((a) => a.title)).toEqual(['Read notes']);
    expect(result).toMatchObject({ connectionId, actions: ['read_notes'], mode: 'always' });
    const other = await h.tool('other-agent');
    expect((await h.approve(other, { server: 'notes', actions: ['send_note'] })).result.connectionId).toBe(connectionId);
  });

  it('asks for every tool the server lists when none is named', async () => {
    const tool = await h.tool('notes-agent');
    const { result, asked } = await h.approve(tool, { server: 'Notes' });
    expect(asked.actions.map((a) => a.id)).toEqual(['read_notes', 'send_note']);
    expect(result.actions).toEqual(['read_notes', 'send_note']);
  });

  it('lets the person pick among the server’s connections, and only among those', async () => {
    const sam = await anotherAccount('sam');
    directory.put(sam, notes());
    await anotherAccount('kim');
    const tool = await h.tool('notes-agent');
    const { result, asked } = await h.approve(tool, { server: 'Notes', actions: ['read_notes'] }, 'allow-always', { connectionId: sam });
    expect(asked.connection).toBeUndefined();
    expect(asked.candidates.map((c) => c.account).sort()).toEqual(['alex@sandbox.test', 'sam@sandbox.test']);
    expect(result.connectionId).toBe(sam);
  });

  it('refuses a name no connected server has without naming the servers there are, and asks the person nothing', async () => {
    const tool = await h.tool('notes-agent');
    const refused = await refusal(tool.send('request', { server: 'Mail', actions: ['read_notes'] }));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toBe('Scopekeeper has no connected MCP server named “Mail”.');
    expect(JSON.stringify(refused)).not.toContain('Notes');
    expect(h.core.broker.pending()).toEqual([]);
    // One way of naming at a time; a provider's actions are named.
    expect((await refusal(tool.send('request', { server: 'Notes', connectionId, actions: ['read_notes'] }))).code).toBe('bad_request');
    expect((await refusal(tool.send('request', { providerId: 'sandbox' }))).code).toBe('bad_request');
  });

  it('refuses a server tool the server does not offer, naming what it offers', async () => {
    const tool = await h.tool('notes-agent');
    const refused = await refusal(tool.send('request', { server: 'Notes', actions: ['drop_tables'] }));
    expect(refused.code).toBe('bad_request');
    expect(refused.details?.actions).toEqual(expect.arrayContaining(['read_notes', 'send_note']));
  });
});

describe('calling an MCP server’s tool with the REST `call`', () => {
  it('is refused with where to call it instead, and does not use up an Allow once', async () => {
    const tool = await h.tool('notes-agent');
    const { result } = await h.approve(tool, { server: 'Notes', actions: ['read_notes'] }, 'allow-once');
    await tool.send('hello', { tool: 'notes-agent', secret: result.secret });
    const refused = await refusal(tool.send('call', { connectionId, action: 'read_notes', method: 'POST', path: '/mcp' }));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toMatch(/Notes is an MCP server: call its tools with `tool-call` \(or through `scopekeeper mcp`\)/);
    const called = await tool.send<{ content: { text: string }[] }>('tool-call', { connectionId, tool: 'read_notes', arguments: { query: 'figs' } });
    expect(called.content[0]!.text).toBe('notes about figs');
    expect(mcp.calls.map((c) => c.tool)).toEqual(['read_notes']);
  });
});
