import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { readTokens } from '../../../e2e/vaultFile';
import type { BrokerDecision, ConnectionUsage, ExportFile } from '../../../shared/ipc/contract';
import { BrokerClient } from '../../cli/client';
import type { CallResult, ListResult } from './protocol';

/**
 * The broker end to end without a window: the real sandbox and its workspace API, the real core,
 * a real Unix socket, tools speaking the wire protocol, and the person's answers given through the
 * IPC binding exactly as the window gives them.
 */

let sandbox: RunningAuthServer;
/** While set, the sandbox's sign-ins issue access tokens that live 10 s: already too short for the broker. */
let shortLived = false;
beforeAll(async () => {
  sandbox = await startSandbox(0, {
    onTokenResponse: (body, { grantType }) => {
      if (shortLived && grantType === 'authorization_code') body.expires_in = 10;
    },
  });
});
afterAll(() => sandbox.close());

let current: BrokerHarness | undefined;
/** Clients a test opened itself, without `hello`. */
const extra: BrokerClient[] = [];
async function harness(options: { callTimeoutMs?: number } = {}): Promise<BrokerHarness> {
  current = await startBrokerHarness(sandbox, options);
  return current;
}
afterEach(async () => {
  for (const client of extra.splice(0)) client.close();
  await current?.dispose();
  current = undefined;
});

const tool = (h: BrokerHarness, name: string, secret?: string) => h.tool(name, secret);
const connectSandbox = (h: BrokerHarness, scopes: string[]) => h.connectSandbox(scopes);
const approve = (h: BrokerHarness, client: BrokerClient, request: Record<string, unknown>, decision?: BrokerDecision, extra?: Record<string, unknown>) =>
  h.approve(client, request, decision, extra);

describe('the broker over its socket', () => {
  let h: BrokerHarness;
  let connectionId: string;
  beforeEach(async () => {
    h = await harness();
    connectionId = await connectSandbox(h, ['files:read', 'messages:read', 'messages:write', 'tasks:read']);
  });

  it('asks the person in plain language, issues a secret at the first approval, and forwards the call', async () => {
    const agent = await tool(h, 'notes-agent');
    expect(h.broughtForward()).toBe(0);
    const { result, asked } = await approve(h, agent, { connectionId, actions: ['send-messages'], reason: 'To send your notes' });
    // The window came forward for the question.
    expect(h.broughtForward()).toBe(1);
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

    const sending = agent.send<CallResult>('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: JSON.stringify({ to: 'sam@sandbox.test', text: 'Hi from the agent' }) });
    // Sending is confirmed each time, even under Always allow.
    expect((await h.answerNext()).kind).toBe('confirm');
    const sent = await sending;
    expect(sent.status).toBe(201);
    expect(JSON.parse(sent.body)).toMatchObject({ from: 'alex@sandbox.test', text: 'Hi from the agent' });

    // The same tool later, in a new process: its secret, not its name, is what it is known by.
    const again = await BrokerClient.connect(h.endpoint);
    extra.push(again);
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
    extra.push(guesser);
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
    shortLived = true;
    try {
      // Reconnecting signs in again: same connection, its tokens replaced by one about to expire.
      expect(((await h.invoke('grants:reconnect', { connectionId })) as { id: string }).id).toBe(connectionId);
    } finally {
      shortLived = false;
    }
    const agent = await tool(h, 'busy-agent');
    await approve(h, agent, { connectionId, actions: ['read-files'] });
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
    const sending = agent.send('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', query: { draft: 'qvalue-8141' }, body: JSON.stringify({ to: 'sam@sandbox.test', text: 'body-marker-5522' }) });
    await h.answerNext();
    await sending;
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
    // The Tools view counts what reached the provider, from the same log.
    const [view] = (await h.invoke('broker:tools')) as { calls: number; lastUsedAt?: string; approvals: { actionId: string; calls: number }[] }[];
    expect(view?.calls).toBe(3);
    expect(view?.lastUsedAt).toBeDefined();
    expect(Object.fromEntries(view!.approvals.map((a) => [a.actionId, a.calls]))).toEqual({ 'send-messages': 1, 'read-files': 2 });

    // "Used by" per permission: what each call's action needed; a granted scope nothing used has nobody.
    const usage = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    const users = Object.fromEntries(usage.usedBy.map((u) => [u.scope, u.tools.map((t) => `${t.name} ${t.calls}`)]));
    expect(users).toMatchObject({ 'files:read': ['logged-agent 2'], 'messages:write': ['logged-agent 1'], 'messages:read': [], 'tasks:read': [] });
    expect(usage.usedBy.find((u) => u.scope === 'files:read')?.tools[0]?.lastUsedAt).toBe(lines[3]!.at);
    // The audit log: every call, newest first, refusals too; no query values.
    expect(usage.totalCalls).toBe(4);
    expect(usage.calls.map((c) => `${c.actionTitle} ${c.method} ${c.host}${c.path} ${c.status ?? '-'} ${c.outcome}`)).toEqual([
      `Read your files GET ${new URL(sandbox.issuer).host}/api/files 200 ok`,
      // Refused before any host was chosen: the path as asked, no host.
      'Read your files GET /api/webhooks - operation_not_allowed',
      `Read your files GET ${new URL(sandbox.issuer).host}/api/files 200 ok`,
      `Send messages POST ${new URL(sandbox.issuer).host}/api/messages 201 ok`,
    ]);
    // And in the export, with the same limits.
    const exported = (await h.invoke('grants:export', { format: 'calls-csv' })) as ExportFile;
    const rows = exported.content.trim().split('\r\n');
    expect(rows[0]).toBe('at,tool,provider,account,action,method,host,path,query_names,status,outcome');
    expect(rows.slice(1).map((r) => r.split(',').slice(1).join(','))).toEqual([
      `logged-agent,Sandbox,alex@sandbox.test,Send messages,POST,${new URL(sandbox.issuer).host},/api/messages,draft,201,ok`,
      `logged-agent,Sandbox,alex@sandbox.test,Read your files,GET,${new URL(sandbox.issuer).host},/api/files,,200,ok`,
      'logged-agent,Sandbox,alex@sandbox.test,Read your files,GET,,/api/webhooks,,,operation_not_allowed',
      `logged-agent,Sandbox,alex@sandbox.test,Read your files,GET,${new URL(sandbox.issuer).host},/api/files,,200,ok`,
    ]);
    const json = (await h.invoke('grants:export', { format: 'json' })) as ExportFile;
    expect((JSON.parse(json.content) as { toolCalls: unknown[] }).toolCalls).toHaveLength(4);
    for (const secret of [tokens.accessToken, 'qvalue-', 'body-marker-', 'sam@sandbox.test']) {
      expect(JSON.stringify(usage)).not.toContain(secret);
      expect(exported.content).not.toContain(secret);
      expect(json.content).not.toContain(secret);
    }
  });

  it('says when a tool last used a connection: its last call that reached the provider, not a refused one', async () => {
    const before = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    expect(before.lastUsedAt).toBeUndefined();
    const agent = await tool(h, 'dated-agent');
    await approve(h, agent, { connectionId, actions: ['read-files'] });
    await agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
    const used = ((await h.invoke('broker:usage', { connectionId })) as ConnectionUsage).lastUsedAt;
    expect(used).toBe(((await h.invoke('broker:usage', { connectionId })) as ConnectionUsage).calls[0]!.at);
    h.shift(3_600_000);
    await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/webhooks' }));
    expect(((await h.invoke('broker:usage', { connectionId })) as ConnectionUsage).lastUsedAt).toBe(used);
  });

  it('tells the window once per turn which connections tools used', async () => {
    const agent = await tool(h, 'busy-agent');
    await approve(h, agent, { connectionId, actions: ['read-files'] });
    const used = h.next('broker:used');
    await Promise.all(Array.from({ length: 5 }, () => agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' })));
    expect(await used).toEqual({ connectionIds: [connectionId] });
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
    extra.push(client);
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
    // Editing can delete: the person confirms the call first, then the scope it needs.
    expect((await stepUp).kind).toBe('confirm');
    await h.invoke('broker:answer', { requestId: (await stepUp).requestId, decision: 'allow-once' });
    const question = await h.next('broker:approval-requested');
    expect(question).toMatchObject({ kind: 'step-up', tool: { name: 'editor', known: true }, actions: [{ id: 'edit-files', needs: [{ scope: 'files:write', granted: false }] }] });
    expect(question.plan?.add.map((s) => s.scope)).toEqual(['files:write']);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-once' });
    expect((await call).status).toBe(201);
    // The window learns whose sign-in it is, and how it ended; the history names the tool.
    const adding = { kind: 'step-up', connectionId, tool: 'editor', adding: ['Create and change your files'] };
    const stages: { stage: string; purpose?: unknown }[] = [];
    // The connect's own sign-in came first (its events have no purpose), then the step-up's.
    while (stages.at(-1)?.stage !== 'finished' || stages.at(-1)?.purpose === undefined) stages.push(await h.next('flow:progress'));
    expect(stages.filter((p) => p.purpose !== undefined)).toEqual(
      ['opening-browser', 'waiting-for-callback', 'exchanging-code', 'finished'].map((stage) => expect.objectContaining({ stage, purpose: adding })),
    );
    expect(await h.next('broker:step-up-ended')).toEqual({ ...adding, providerName: 'Sandbox', result: 'added', notGranted: [] });
    const { history } = (await h.invoke('grants:detail', { connectionId }) as { id: string; history: { kind: string; message: string }[] });
    expect(history.filter((e) => e.kind === 'upgraded').map((e) => e.message)).toEqual(['Added Create and change your files for editor.']);
  });

  it('after the person takes back files:write, the tool’s write ends in insufficient_scope', async () => {
    const h = await harness();
    const connectionId = await connectSandbox(h, ['files:read', 'files:write']);
    const agent = await tool(h, 'writer');
    await approve(h, agent, { connectionId, actions: ['edit-files'] });
    const body = JSON.stringify({ name: 'a.txt', content: 'x' });
    // Not confirmed each time: the person turned that off for this approval.
    const [listed] = (await h.invoke('broker:tools')) as { id: string }[];
    await h.invoke('broker:confirm-each-call', { toolId: listed!.id, connectionId, actionId: 'edit-files', confirm: false });
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
