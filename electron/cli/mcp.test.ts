import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ToolListChangedNotificationSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from '../../e2e/brokerHarness';
import { startSandbox, type RunningAuthServer } from '../sandbox/server';
import { createMcpServer, type ProgressTicker } from './mcp';
import { ToolSession } from './toolSession';

/**
 * `scopekeeper mcp` in process, linked to a real MCP client from the SDK, on the real broker: an
 * agent that gives up (its abort, its time-out) takes its question out of the window, and while
 * the person decides it hears progress, so its time-out can wait.
 */

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

/** The progress timer, driven by the test: each `tick()` is one period gone by. */
function manualTicker(): { ticker: ProgressTicker; tick(): void; running(): number; started(): number } {
  const ticks = new Set<() => void>();
  let started = 0;
  return {
    ticker: (tick) => {
      started++;
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
    tick: () => ticks.forEach((tick) => tick()),
    running: () => ticks.size,
    started: () => started,
  };
}

let h: BrokerHarness;
let connectionId: string;
let agent: Client;
let session: ToolSession;
let ticker: ReturnType<typeof manualTicker>;
beforeEach(async () => {
  h = await startBrokerHarness(sandbox);
  connectionId = await h.connectSandbox(['files:read', 'messages:read', 'messages:write']);
  const env = { SCOPEKEEPER_BROKER: h.endpoint, SCOPEKEEPER_TOOLS_DIR: mkdtempSync(join(tmpdir(), 'sk-mcp-cancel-')) };
  session = await ToolSession.open('my-agent', env);
  ticker = manualTicker();
  const server = await createMcpServer(session, '0.0.0-test', { progressTicker: ticker.ticker });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  agent = new Client({ name: 'test-agent', version: '1.0.0' });
  await agent.connect(clientSide);
});
afterEach(async () => {
  vi.useRealTimers();
  await agent.close();
  session.close();
  await h.dispose();
});

const REQUEST = { name: 'scopekeeper.request_access', arguments: { providerId: 'sandbox', actions: ['send-messages'], reason: 'Send a note' } };

/** The window hears that question `requestId` closed. */
async function closedEvent(requestId: string): Promise<unknown> {
  for (;;) {
    const closed = await h.next('broker:approval-closed');
    if (closed.requestId === requestId) return closed;
  }
}

/** What the tools were allowed, as the Tools view lists it. */
async function approvals(): Promise<unknown[]> {
  return ((await h.invoke('broker:tools')) as { approvals: unknown[] }[]).flatMap((tool) => tool.approvals);
}

async function expectNothingGranted(requestId: string): Promise<void> {
  expect(await h.invoke('broker:pending')).toEqual([]);
  await expect(h.invoke('broker:answer', { requestId, decision: 'allow-always', connectionId })).rejects.toMatchObject({ code: 'PLAN_STALE' });
  expect(await approvals()).toEqual([]);
  expect((await agent.listTools()).tools.map((t) => t.name)).toEqual(['scopekeeper.request_access']);
}

describe('an MCP agent that stops waiting', () => {
  it('aborts its request: the question leaves the window and a late “Always allow” grants nothing', async () => {
    const giveUp = new AbortController();
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool(REQUEST, undefined, { signal: giveUp.signal });
    const question = await asked;
    expect(question).toMatchObject({ tool: { name: 'my-agent' }, reason: 'Send a note' });
    giveUp.abort('the agent moved on');
    await expect(requesting).rejects.toThrow();
    expect(await closedEvent(question.requestId)).toEqual({ requestId: question.requestId, outcome: 'withdrawn' });
    await expectNothingGranted(question.requestId);
  });

  it('times out (the SDK sends notifications/cancelled): the same', async () => {
    const asked = h.next('broker:approval-requested');
    // The SDK's own request timer runs on a clock the test moves once the question is in the window
    // (a real 50 ms could run out first on a loaded machine); only that timer is created while faked.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const requesting = agent.callTool(REQUEST, undefined, { timeout: 50 });
    const question = await asked.finally(() => vi.advanceTimersByTime(50));
    vi.useRealTimers();
    await expect(requesting).rejects.toThrow(/timed out/i);
    expect(await closedEvent(question.requestId)).toEqual({ requestId: question.requestId, outcome: 'withdrawn' });
    await expectNothingGranted(question.requestId);
  });

  it('aborts a tool call waiting on a step-up question: the question goes with it', async () => {
    const changed = new Promise<void>((resolve) => agent.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()));
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool({ name: 'scopekeeper.request_access', arguments: { connectionId, actions: ['edit-files'] } });
    await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always' });
    await requesting;
    await changed;
    const giveUp = new AbortController();
    const calling = agent.callTool({ name: 'sandbox.edit_files', arguments: { path: '/api/files', method: 'POST', body: { name: 'a.txt', content: 'x' } } }, undefined, { signal: giveUp.signal });
    // Editing files is confirmed call by call before its missing scope is asked for.
    expect((await h.answerNext()).kind).toBe('confirm');
    const question = await h.next('broker:approval-requested');
    expect(question.kind).toBe('step-up');
    giveUp.abort();
    await expect(calling).rejects.toThrow();
    expect(await closedEvent(question.requestId)).toMatchObject({ outcome: 'withdrawn' });
    expect(h.traffic.api).toBe(0);
  });
});

describe('an MCP agent waiting for the person', () => {
  it('hears progress with its own progressToken, so resetTimeoutOnProgress keeps it waiting', async () => {
    const heard: Progress[] = [];
    let progressed!: () => void;
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool(REQUEST, undefined, {
      // The SDK delivers only progress that carries the token it sent with this request.
      onprogress: (progress) => {
        heard.push(progress);
        progressed();
      },
      resetTimeoutOnProgress: true,
    });
    const question = await asked;
    expect(ticker.running()).toBe(1);
    for (const n of [1, 2]) {
      const arrived = new Promise<void>((resolve) => (progressed = resolve));
      ticker.tick();
      await arrived;
      expect(heard[n - 1]).toEqual({ progress: n, message: 'Waiting for the person to answer in Scopekeeper.' });
    }
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-once', connectionId });
    expect(await requesting).toMatchObject({ content: [{ type: 'text', text: expect.stringContaining('Allowed (once)') }] });
    // The timer ends with the request.
    expect(ticker.running()).toBe(0);
  });

  it('starts no timer for an agent that asked for no progress', async () => {
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool(REQUEST);
    const question = await asked;
    expect(ticker.started()).toBe(0);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'deny' });
    expect(await requesting).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/^denied:/) }] });
  });
});
