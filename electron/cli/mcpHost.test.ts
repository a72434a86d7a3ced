import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from '../../e2e/brokerHarness';
import { startSandbox, type RunningAuthServer } from '../sandbox/server';
import { changesUntil as waitForChanges, startMcpAgent, toolEnvironment, type McpAgent } from '../testing/mcpAgent';
import { NOT_RUNNING } from './brokerLink';

/**
 * `scopekeeper mcp` outlives the app: it serves with no app, reconnects when the app starts (the
 * socket appearing, or the capped backoff where it cannot watch), turns a broker gone mid-call into
 * an error result, and goes back to the two status tools when the app stops; each change of the
 * list is announced. A real SDK client, the real broker on a data folder kept across restarts.
 */

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(dataDir: string): Promise<BrokerHarness> {
  const h = await startBrokerHarness(sandbox, { dataDir });
  cleanups.push(() => h.dispose());
  return h;
}

async function agentOn(dataDir: string, backoff = { initialMs: 60_000, maxMs: 60_000 }): Promise<McpAgent> {
  const mcp = await startMcpAgent(toolEnvironment({ SCOPEKEEPER_DATA_DIR: dataDir }), { backoff });
  cleanups.push(() => mcp.close());
  return mcp;
}

const names = async (mcp: McpAgent) => (await mcp.agent.listTools()).tools.map((t) => t.name);
const textOf = (result: unknown) => (result as CallToolResult).content.map((c) => (c.type === 'text' ? c.text : '')).join('');
const STATUS_TOOLS = ['scopekeeper_status', 'scopekeeper_request_access'];
const changesUntil = (mcp: McpAgent, reached: () => boolean | Promise<boolean>) => waitForChanges(mcp.listChanged, reached);

const listing = (mcp: McpAgent, expected: string[]) => async () => JSON.stringify(await names(mcp)) === JSON.stringify(expected);

async function expectNotRunning(mcp: McpAgent, name: string, args: Record<string, unknown> = {}): Promise<void> {
  const result = await mcp.agent.callTool({ name, arguments: args });
  expect({ isError: result.isError, text: textOf(result) }).toEqual({ isError: true, text: NOT_RUNNING });
}

/** The agent asks for `actions`; the person allows them always on `connectionId`. */
async function allow(h: BrokerHarness, mcp: McpAgent, connectionId: string, actions: string[]): Promise<void> {
  const asked = h.next('broker:approval-requested');
  const requesting = mcp.agent.callTool({ name: 'scopekeeper_request_access', arguments: { providerId: 'sandbox', actions } });
  await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always', connectionId });
  expect((await requesting).isError).toBeFalsy();
}

describe('scopekeeper mcp and the app starting and stopping', () => {
  it('starts with no app: the two status tools say it is not running, and a name never listed is an unknown tool', async () => {
    const mcp = await agentOn(mkdtempSync(join(tmpdir(), 'sk-mcp-down-')));
    expect(await names(mcp)).toEqual(STATUS_TOOLS);
    await expectNotRunning(mcp, 'scopekeeper_status');
    await expectNotRunning(mcp, 'scopekeeper_request_access', { providerId: 'sandbox', actions: ['read-files'] });
    const unknown = await mcp.agent.callTool({ name: 'sandbox_read_files', arguments: {} }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(McpError);
    expect((unknown as McpError).code).toBe(ErrorCode.InvalidParams);
  });

  it('connects when the socket appears, lists what is approved, and a broker gone mid-call is an error result, then back to two tools', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sk-mcp-restart-'));
    // The backoff alone would wait a minute: only the socket appearing can bring it in time.
    const mcp = await agentOn(dataDir);
    const h = await app(dataDir);
    await changesUntil(mcp, () => mcp.link.session !== undefined);
    expect(await names(mcp)).toEqual(STATUS_TOOLS);
    expect(textOf(await mcp.agent.callTool({ name: 'scopekeeper_status', arguments: {} }))).toContain('Scopekeeper is running; this server is the tool “my-agent”.');

    const connectionId = await h.connectSandbox(['files:read', 'messages:write']);
    await allow(h, mcp, connectionId, ['read-files', 'send-messages']);
    await changesUntil(mcp, listing(mcp, [...STATUS_TOOLS, 'sandbox_read_files', 'sandbox_send_messages']));
    const read = await mcp.agent.callTool({ name: 'sandbox_read_files', arguments: {} });
    expect(read.isError).toBeFalsy();
    expect(textOf(read)).toContain('Welcome.txt');

    // Sending waits for the person's confirmation: the app quits meanwhile.
    const confirming = h.next('broker:approval-requested');
    const sending = mcp.agent.callTool({ name: 'sandbox_send_messages', arguments: { body: { to: 'sam@sandbox.test', text: 'Hi' } } });
    await confirming;
    await h.dispose();
    const result = await sending;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Scopekeeper stopped before it answered: start it, then call again\./);
    await changesUntil(mcp, listing(mcp, STATUS_TOOLS));
    await expectNotRunning(mcp, 'sandbox_send_messages', { body: { to: 'sam@sandbox.test', text: 'Hi' } });
    await expectNotRunning(mcp, 'scopekeeper_status');

    // The app again, same data folder: the approvals are back, announced.
    const again = await app(dataDir);
    await changesUntil(mcp, listing(mcp, [...STATUS_TOOLS, 'sandbox_read_files', 'sandbox_send_messages']));
    expect(textOf(await mcp.agent.callTool({ name: 'sandbox_read_files', arguments: { path: '/api/files' } }))).toContain('Welcome.txt');
    expect(again.traffic.api).toBe(1);
  });

  it('where the data folder does not exist yet (nothing to watch), the capped backoff finds the app', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sk-mcp-later-')), 'not-yet');
    const mcp = await agentOn(dataDir, { initialMs: 20, maxMs: 200 });
    expect(await names(mcp)).toEqual(STATUS_TOOLS);
    await app(dataDir);
    await changesUntil(mcp, () => mcp.link.session !== undefined);
  });
});
