import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../../e2e/sandbox/codeFlow';
import { startSandbox, type RunningAuthServer } from '../../../e2e/sandbox/server';
import { readTokens } from '../../../e2e/vaultFile';
import type { BrokerApprovalRequest, BrokerDecision, EventPayload } from '../../../shared/ipc/contract';
import type { EventChannel } from '../../../shared/ipc/channels';
import { BrokerClient, BrokerRefusal } from '../../cli/client';
import { aesKeyFileCipher, confVault } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import { createIpcBinding, type InvokeHandler } from '../ipc/binding';
import type { CallResult, ListResult, RequestResult } from './protocol';

/**
 * The broker end to end without a window: the real sandbox and its workspace API, the real core,
 * a real Unix socket, tools speaking the wire protocol, and the person's answers given through the
 * IPC binding exactly as the window gives them.
 */

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

/** Every request core sends out, so a test can tell whether anything reached the network. */
interface Traffic {
  api: number;
  refreshes: number;
}

interface Harness {
  core: Core;
  dataDir: string;
  endpoint: string;
  traffic: Traffic;
  invoke: (channel: string, payload?: unknown) => Promise<unknown>;
  /** Resolves with the next pushed event on `channel` (or one already pushed and not yet taken). */
  next<E extends EventChannel>(channel: E): Promise<EventPayload<E>>;
  /** Makes the API hold its answer until the call is abandoned. */
  stall(on: boolean): void;
  /** Moves the core's clock (tokens expire on it). */
  shift(ms: number): void;
}

const clients: BrokerClient[] = [];
let current: Harness | undefined;

async function harness(options: { callTimeoutMs?: number } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sk-broker-'));
  const traffic: Traffic = { api: 0, refreshes: 0 };
  let stalled = false;
  let offset = 0;
  const queued = new Map<string, unknown[]>();
  const waiters = new Map<string, ((payload: unknown) => void)[]>();
  const countingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.startsWith('/api/')) {
      traffic.api++;
      if (stalled) {
        // A provider that never answers: only the broker's own time-out ends the call.
        await new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
      }
    }
    if (url.pathname === '/token' && String(init?.body).includes('grant_type=refresh_token')) traffic.refreshes++;
    return fetch(input, init);
  };
  const core = createCore(
    {
      cipher: aesKeyFileCipher(join(dataDir, 'vault.key')),
      records: confVault(dataDir),
      browser: consentingBrowser(),
      clock: { now: () => new Date(Date.now() + offset) },
      fetch: countingFetch,
      config: { sandboxIssuer: sandbox.issuer, ...(options.callTimeoutMs ? { brokerCallTimeoutMs: options.callTimeoutMs } : {}) },
    },
    (channel, payload) => {
      const waiting = waiters.get(channel)?.shift();
      if (waiting) waiting(payload);
      else queued.set(channel, [...(queued.get(channel) ?? []), payload]);
    },
  );
  const server = await core.startBroker();
  const binding: InvokeHandler = createIpcBinding(core.handlers, () => true);
  const h: Harness = {
    core,
    dataDir,
    endpoint: server.endpoint,
    traffic,
    invoke: async (channel, payload) => {
      const result = await binding(channel, payload, { url: 'app://window', isMainFrame: true });
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    next: <E extends EventChannel>(channel: E) =>
      new Promise<EventPayload<E>>((resolve) => {
        const already = queued.get(channel)?.shift();
        if (already !== undefined) return resolve(already as EventPayload<E>);
        waiters.set(channel, [...(waiters.get(channel) ?? []), resolve as (payload: unknown) => void]);
      }),
    stall: (on) => {
      stalled = on;
    },
    shift: (ms) => {
      offset = ms;
    },
  };
  current = h;
  return h;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await current?.core.dispose();
  current = undefined;
});

async function tool(h: Harness, name: string, secret?: string): Promise<BrokerClient> {
  const client = await BrokerClient.connect(h.endpoint);
  clients.push(client);
  await client.send('hello', { tool: name, ...(secret ? { secret } : {}) });
  return client;
}

async function connectSandbox(h: Harness, scopes: string[]): Promise<string> {
  const connection = (await h.invoke('grants:connect', { providerId: 'sandbox', scopes })) as { id: string };
  return connection.id;
}

/** A tool asks; the test, as the person, answers through IPC; resolves to the tool's result. */
async function approve(
  h: Harness,
  client: BrokerClient,
  request: Record<string, unknown>,
  decision: BrokerDecision = 'allow-always',
  extra: Record<string, unknown> = {},
): Promise<{ result: RequestResult; asked: BrokerApprovalRequest }> {
  const asked = h.next('broker:approval-requested');
  const answered = client.send<RequestResult>('request', request);
  const question = await asked;
  await h.invoke('broker:answer', { requestId: question.requestId, decision, ...extra });
  return { result: await answered, asked: question };
}

async function refusal(promise: Promise<unknown>): Promise<BrokerRefusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BrokerRefusal)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('the broker over its socket', () => {
  let h: Harness;
  let connectionId: string;
  beforeEach(async () => {
    h = await harness();
    connectionId = await connectSandbox(h, ['files:read', 'messages:read', 'messages:write', 'tasks:read']);
  });

  it('asks the person in plain language, issues a secret at the first approval, and forwards the call', async () => {
    const agent = await tool(h, 'notes-agent');
    const { result, asked } = await approve(h, agent, { connectionId, actions: ['send-messages'], reason: 'To send your notes' });
    expect(asked).toMatchObject({
      kind: 'access',
      tool: { name: 'notes-agent', known: false },
      reason: 'To send your notes',
      providerName: 'Sandbox',
      connection: { id: connectionId, account: 'alex@sandbox.test' },
      actions: [{ id: 'send-messages', title: 'Send messages', needs: [{ scope: 'messages:write', granted: true }] }],
      tokenHandout: false,
    });
    expect(result).toMatchObject({ connectionId, actions: ['send-messages'], mode: 'always' });
    expect(result.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(h.endpoint).mode & 0o777).toBe(0o600);

    const sent = await agent.send<CallResult>('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: JSON.stringify({ to: 'sam@sandbox.test', text: 'Hi from the agent' }) });
    expect(sent.status).toBe(201);
    expect(JSON.parse(sent.body)).toMatchObject({ from: 'alex@sandbox.test', text: 'Hi from the agent' });

    // The same tool later, in a new process: its secret, not its name, is what it is known by.
    const again = await BrokerClient.connect(h.endpoint);
    clients.push(again);
    expect(await again.send('hello', { tool: 'renamed-agent', secret: result.secret })).toEqual({ tool: 'notes-agent', known: true });
    const listed = await again.send<ListResult>('list');
    expect(listed.connections).toEqual([
      expect.objectContaining({ id: connectionId, actions: [expect.objectContaining({ id: 'send-messages', mode: 'always', available: true })] }),
    ]);
  });

  it('gives a second client without the tool’s secret nothing, whatever name it claims', async () => {
    const agent = await tool(h, 'notes-agent');
    const { result } = await approve(h, agent, { connectionId, actions: ['read-messages'] });
    expect(result.secret).toBeDefined();

    const impostor = await tool(h, 'notes-agent');
    expect(await impostor.send<ListResult>('list')).toEqual({ connections: [], tokenHandout: false });
    expect((await refusal(impostor.send('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' }))).code).toBe('not_approved');
    expect((await refusal(impostor.send('token', { connectionId, action: 'read-messages' }))).code).toBe('not_approved');
    const guesser = await BrokerClient.connect(h.endpoint);
    clients.push(guesser);
    expect(await guesser.send('hello', { tool: 'notes-agent', secret: 'A'.repeat(43) })).toEqual({ tool: 'notes-agent', known: false });
    expect(h.traffic.api).toBe(0);
  });

  it('refuses a request outside the approved operations before any network call', async () => {
    const agent = await tool(h, 'reader');
    await approve(h, agent, { connectionId, actions: ['read-messages'] });
    const outside = [
      { action: 'read-messages', method: 'GET', path: '/api/files' },
      { action: 'read-messages', method: 'DELETE', path: '/api/messages/m1' },
      { action: 'read-messages', method: 'GET', path: '//evil.example/api/messages' },
      { action: 'read-messages', method: 'GET', path: 'https://evil.example/api/messages' },
      { action: 'read-messages', method: 'GET', path: '/api/messages/a%2Fb' },
    ];
    for (const request of outside) {
      expect((await refusal(agent.send('call', { connectionId, ...request }))).code, request.path).toBe('operation_not_allowed');
    }
    expect((await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' }))).code).toBe('not_approved');
    expect(h.traffic.api).toBe(0);
    const ok = await agent.send<CallResult>('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' });
    expect(ok.status).toBe(200);
    expect(h.traffic.api).toBe(1);
  });

  it('a denial is a typed refusal and leaves the tool without approvals', async () => {
    const agent = await tool(h, 'nosy');
    const asked = h.next('broker:approval-requested');
    const answer = agent.send('request', { connectionId, actions: ['read-files'] });
    await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'deny' });
    expect((await refusal(answer)).code).toBe('denied');
    expect(await agent.send<ListResult>('list')).toEqual({ connections: [], tokenHandout: false });
    expect(await h.invoke('broker:tools')).toEqual([]);
  });

  it('fifty concurrent calls on an expired token cause one refresh', async () => {
    const agent = await tool(h, 'busy-agent');
    await approve(h, agent, { connectionId, actions: ['read-files'] });
    h.shift(2 * 3_600_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(h.traffic.refreshes).toBe(1);
  });

  it('ends oversize bodies and oversize messages with too_large, before the network', async () => {
    const agent = await tool(h, 'writer');
    await approve(h, agent, { connectionId, actions: ['send-messages'] });
    const big = JSON.stringify({ to: 'sam@sandbox.test', text: 'x'.repeat(600 * 1024) });
    expect((await refusal(agent.send('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: big }))).code).toBe('too_large');
    expect(h.traffic.api).toBe(0);

    const flood = await tool(h, 'flood');
    const huge = flood.send('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: 'y'.repeat(1100 * 1024) });
    expect((await refusal(huge)).code).toBe('too_large');
    expect(h.traffic.api).toBe(0);
  });

  it('takes back a tool: its next call is refused and it is told approvals changed', async () => {
    const agent = await tool(h, 'revoked-agent');
    await approve(h, agent, { connectionId, actions: ['read-files', 'read-messages'] });
    const [listed] = (await h.invoke('broker:tools')) as { id: string; approvals: { actionId: string; connection?: { account: string } }[] }[];
    expect(listed?.approvals.map((a) => a.actionId).sort()).toEqual(['read-files', 'read-messages']);
    expect(listed?.approvals[0]?.connection?.account).toBe('alex@sandbox.test');

    const told = new Promise<void>((resolve) => agent.onApprovalsChanged(resolve));
    await h.invoke('broker:revoke', { toolId: listed!.id, connectionId, actionId: 'read-files' });
    await told;
    expect((await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' }))).code).toBe('not_approved');
    expect((await agent.send<CallResult>('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' })).status).toBe(200);

    await h.invoke('broker:revoke', { toolId: listed!.id });
    expect((await refusal(agent.send('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' }))).code).toBe('not_approved');
  });

  it('allow once: one call, then the tool must ask again', async () => {
    const agent = await tool(h, 'once-agent');
    await approve(h, agent, { connectionId, actions: ['read-tasks'] }, 'allow-once');
    expect((await agent.send<CallResult>('call', { connectionId, action: 'read-tasks', method: 'GET', path: '/api/tasks' })).status).toBe(200);
    expect((await refusal(agent.send('call', { connectionId, action: 'read-tasks', method: 'GET', path: '/api/tasks' }))).code).toBe('not_approved');
  });

  it('hands out an access token only with the person’s separate permission', async () => {
    const agent = await tool(h, 'legacy-tool');
    const { result, asked } = await approve(h, agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-week');
    expect(asked.tokenHandout).toBe(true);
    expect(result.mode).toBe('week');
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');

    const other = await tool(h, 'cli-tool');
    await approve(h, other, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    const token = await other.send<{ accessToken: string }>('token', { connectionId, action: 'read-files' });
    expect((await sandbox.introspect(token.accessToken)).active).toBe(true);
  });

  it('writes each call to the usage log without tokens, query values or bodies', async () => {
    const agent = await tool(h, 'logged-agent');
    const { result } = await approve(h, agent, { connectionId, actions: ['send-messages', 'read-files'] });
    await agent.send('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', query: { draft: 'qvalue-8141' }, body: JSON.stringify({ to: 'sam@sandbox.test', text: 'body-marker-5522' }) });
    await agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files?search=qvalue-9090' });
    await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/webhooks?token=qvalue-7070' }));
    h.shift(2 * 3_600_000);
    await agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });

    const raw = readFileSync(join(h.dataDir, 'broker-usage.jsonl'), 'utf8');
    const lines = raw.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l.action, l.method, l.path, l.status ?? null, l.outcome])).toEqual([
      ['send-messages', 'POST', '/api/messages', 201, 'ok'],
      ['read-files', 'GET', '/api/files', 200, 'ok'],
      ['read-files', 'GET', '/api/webhooks', null, 'operation_not_allowed'],
      ['read-files', 'GET', '/api/files', 200, 'ok'],
    ]);
    expect(lines[0]).toMatchObject({ tool: 'logged-agent', host: new URL(sandbox.issuer).host, queryNames: ['draft'] });
    const tokens = await readTokens(h.dataDir, connectionId);
    for (const secret of [tokens.accessToken, tokens.refreshToken!, result.secret!, 'qvalue-', 'body-marker-', 'sam@sandbox.test']) {
      expect(raw).not.toContain(secret);
    }
    expect(statSync(join(h.dataDir, 'broker-usage.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('a removed connection answers connection_revoked', async () => {
    const agent = await tool(h, 'late-agent');
    await approve(h, agent, { connectionId, actions: ['read-files'] });
    await h.invoke('grants:forget', { connectionId });
    expect((await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' }))).code).toBe('connection_revoked');
  });

  it('lets the person pick the account when a tool asks for "an account of" a provider', async () => {
    const agent = await tool(h, 'picker');
    const { result, asked } = await approve(h, agent, { providerId: 'sandbox', actions: ['read-files'] }, 'allow-always', { connectionId });
    expect(asked.connection).toBeUndefined();
    expect(asked.candidates).toEqual([{ id: connectionId, providerName: 'Sandbox', account: 'alex@sandbox.test' }]);
    expect(result.connectionId).toBe(connectionId);
  });

  it('answers malformed lines and calls before hello with typed errors', async () => {
    const client = await BrokerClient.connect(h.endpoint);
    clients.push(client);
    expect((await refusal(client.send('list'))).code).toBe('bad_request');
    expect((await refusal(client.send('hello', { tool: '' }))).code).toBe('bad_request');
    expect((await refusal(client.send('hello', { tool: 'x', extra: 1 }))).code).toBe('bad_request');
  });
});

describe('the broker and the provider', () => {
  it('a slow provider ends in a typed timeout', async () => {
    const h = await harness({ callTimeoutMs: 300 });
    const connectionId = await connectSandbox(h, ['files:read']);
    const agent = await tool(h, 'patient');
    await approve(h, agent, { connectionId, actions: ['read-files'] });
    h.stall(true);
    expect((await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' }))).code).toBe('timeout');
  });

  it('a missing scope is offered as the usual change plan; confirmed, the call goes through', async () => {
    const h = await harness();
    const connectionId = await connectSandbox(h, ['files:read']);
    const agent = await tool(h, 'editor');
    await approve(h, agent, { connectionId, actions: ['edit-files'] });
    const stepUp = h.next('broker:approval-requested');
    const call = agent.send<CallResult>('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body: JSON.stringify({ name: 'new.txt', content: 'hello' }) });
    const question = await stepUp;
    expect(question).toMatchObject({ kind: 'step-up', tool: { name: 'editor', known: true }, actions: [{ id: 'edit-files', needs: [{ scope: 'files:write', granted: false }] }] });
    expect(question.plan?.add.map((s) => s.scope)).toEqual(['files:write']);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-once' });
    expect((await call).status).toBe(201);
  });

  it('after the person takes back files:write, the tool’s write ends in insufficient_scope', async () => {
    const h = await harness();
    const connectionId = await connectSandbox(h, ['files:read', 'files:write']);
    const agent = await tool(h, 'writer');
    await approve(h, agent, { connectionId, actions: ['edit-files'] });
    const body = JSON.stringify({ name: 'a.txt', content: 'x' });
    expect((await agent.send<CallResult>('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body })).status).toBe(201);

    const plan = (await h.invoke('grants:plan-change', { connectionId, add: [], remove: ['files:write'] })) as { planId: string };
    await h.invoke('grants:apply-plan', { planId: plan.planId });
    const stepUp = h.next('broker:approval-requested');
    const write = agent.send('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body });
    await h.invoke('broker:answer', { requestId: (await stepUp).requestId, decision: 'deny' });
    const refused = await refusal(write);
    expect(refused.code).toBe('insufficient_scope');
    expect(refused.details?.scopes).toEqual(['files:write']);
  });
});
