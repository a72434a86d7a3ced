import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from '../../e2e/brokerHarness';
import { startSandbox, type RunningAuthServer } from '../sandbox/server';
import { startMcpAgent, toolEnvironment, type McpAgent } from '../testing/mcpAgent';
import type { ProgressTicker } from './mcp';

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
let mcp: McpAgent;
let agent: Client;
let ticker: ReturnType<typeof manualTicker>;
beforeEach(async () => {
  h = await startBrokerHarness(sandbox);
  connectionId = await h.connectSandbox(['files:read', 'messages:read', 'messages:write']);
  ticker = manualTicker();
  mcp = await startMcpAgent(toolEnvironment({ SCOPEKEEPER_BROKER: h.endpoint }), { progressTicker: ticker.ticker });
  agent = mcp.agent;
});
afterEach(async () => {
  vi.useRealTimers();
  await mcp.close();
  await h.dispose();
});

const REQUEST = { name: 'scopekeeper_request_access', arguments: { providerId: 'sandbox', actions: ['send-messages'], reason: 'Send a note' } };

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
  expect((await agent.listTools()).tools.map((t) => t.name)).toEqual(['scopekeeper_status', 'scopekeeper_request_access']);
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
    const changed = mcp.listChanged();
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool({ name: 'scopekeeper_request_access', arguments: { connectionId, actions: ['edit-files'] } });
    await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always' });
    await requesting;
    await changed;
    const giveUp = new AbortController();
    const calling = agent.callTool({ name: 'sandbox_edit_files', arguments: { path: '/api/files', method: 'POST', body: { name: 'a.txt', content: 'x' } } }, undefined, { signal: giveUp.signal });
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

const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0]!.text;

describe('an MCP agent naming the one resource it works on', () => {
  it('the question offers the limit, and the approval covers only that file', async () => {
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool({ name: 'scopekeeper_request_access', arguments: { connectionId, actions: ['read-files'], resource: { fileId: 'f-one' } } });
    const question = await asked;
    expect(question.resource).toEqual({ label: 'f-one', noun: 'file' });
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-always' });
    expect(textOf(await requesting)).toMatch(/^Allowed/);
    expect(await approvals()).toEqual([expect.objectContaining({ actionId: 'read-files', resource: 'f-one' })]);
  });

  it('a resource that is not one path segment is refused before anyone is asked', async () => {
    const result = await agent.callTool({ name: 'scopekeeper_request_access', arguments: { connectionId, actions: ['read-files'], resource: { fileId: '../f-two' } } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/resource/);
    expect(await h.invoke('broker:pending')).toEqual([]);
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

describe('the tools an MCP host sees', () => {
  /** The agent is allowed `actions` always; resolves once its tool list shows them. */
  async function allowed(actions: string[]): Promise<void> {
    const asked = h.next('broker:approval-requested');
    const requesting = agent.callTool({ name: 'scopekeeper_request_access', arguments: { connectionId, actions } });
    await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always' });
    expect((await requesting).isError).toBeFalsy();
    await mcp.listChanged();
  }

  it('says at initialize what the server is and how approval works', () => {
    expect(agent.getInstructions()).toMatch(/^Scopekeeper keeps this person's accounts/);
    expect(agent.getInstructions()).toContain('The person answers in the Scopekeeper window');
  });

  it('names, titles, hints and body schemas from the catalog, through the broker’s list', async () => {
    await allowed(['read-files', 'send-messages']);
    const { tools } = await agent.listTools();
    for (const tool of tools) expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    const send = tools.find((t) => t.name === 'sandbox_send_messages')!;
    expect(send).toMatchObject({
      title: 'Send messages (Sandbox: alex@sandbox.test)',
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
      inputSchema: { additionalProperties: false, required: ['body'], properties: { body: { required: ['to', 'text'] } } },
    });
    expect(tools.find((t) => t.name === 'sandbox_read_files')!.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
  });

  it('a wrong type, an unknown argument or a bad body field is an error result naming it, and nothing reaches the provider', async () => {
    await allowed(['read-files', 'send-messages']);
    const cases: [string, Record<string, unknown>, string][] = [
      ['sandbox_read_files', { path: 123 }, 'path: Invalid input: expected string, received number'],
      ['sandbox_read_files', { path: '/api/files', pages: 2 }, 'arguments: Unrecognized key: "pages"'],
      ['sandbox_send_messages', { body: { to: ['sam'], text: 'Hi' } }, 'body.to: Invalid input: expected string, received array'],
      ['scopekeeper_request_access', { providerId: 'sandbox', actions: 'read-files' }, 'actions: Invalid input: expected array, received string'],
    ];
    for (const [name, args, said] of cases) {
      const result = await agent.callTool({ name, arguments: args });
      expect({ isError: result.isError, text: textOf(result) }).toEqual({ isError: true, text: said });
    }
    expect(h.traffic.api).toBe(0);
    expect(await h.invoke('broker:pending')).toEqual([]);
  });

  it('an unknown tool is the protocol’s invalid params (-32602); one revoked since it was listed is an error result', async () => {
    await expect(agent.callTool({ name: 'sandbox_read_files', arguments: {} })).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    await expect(agent.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    await allowed(['read-files']);
    const [tool] = (await h.invoke('broker:tools')) as { id: string }[];
    await h.invoke('broker:revoke', { toolId: tool!.id });
    await mcp.listChanged();
    const result = await agent.callTool({ name: 'sandbox_read_files', arguments: {} });
    expect({ isError: result.isError, text: textOf(result) }).toEqual({ isError: true, text: '“sandbox_read_files” is no longer approved for this tool: list the tools again, or ask with scopekeeper_request_access.' });
  });
});
