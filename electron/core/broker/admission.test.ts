import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { RunningAuthServer } from '../../sandbox/server';
import type { BrokerToolView } from '../../../shared/ipc/contract';
import type { BrokerClient } from '../../cli/client';
import type { CallResult } from './protocol';
import { ToolStore } from './toolStore';

/**
 * What the person approved is what is admitted: "Allow once" is one call however many arrive at
 * once, a time-limited approval admits nothing after its end, and what sends, deletes or shares is
 * confirmed by the person on each call, even under "Always allow", until they turn that off for the
 * approval in the Tools view. Counted where it matters: the calls that reached the Sandbox's API.
 */

let sandbox: RunningAuthServer;
let h: BrokerHarness;
let connectionId: string;
withSandboxBroker(['files:read', 'tasks:read', 'messages:read', 'messages:write'], (harness, connection, server) => {
  h = harness;
  connectionId = connection;
  sandbox = server;
});

const readTasks = () => ({ connectionId: '', action: 'read-tasks', method: 'GET', path: '/api/tasks' });
const WEEK_MS = 7 * 24 * 3_600_000;

describe('admission', () => {
  it('eighty concurrent calls after one Allow once: exactly one reaches the provider, the rest are told it was used', async () => {
    const agent = await h.tool('once-agent');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-tasks'] }, 'allow-once');
    // The same tool on two sockets at once (two processes sharing its secret).
    const twin = await h.tool('once-agent', result.secret);
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        (i % 2 ? twin : agent).send<CallResult>('call', { ...readTasks(), connectionId }).then(
          (result) => `ok ${result.status}`,
          (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
        ),
      ),
    );
    expect(h.traffic.api).toBe(1);
    expect(outcomes.filter((o) => o === 'ok 200')).toHaveLength(1);
    const refused = outcomes.filter((o) => o !== 'ok 200');
    expect(refused).toHaveLength(79);
    for (const outcome of refused) expect(outcome).toMatch(/^not_approved: .*one-time approval .* was already used/);

    // Used up in the file too: a restart cannot bring it back.
    const reopened = ToolStore.open(join(h.dataDir, 'broker-tools.json'), new Date());
    expect(reopened.list().map((t) => t.approvals)).toEqual([[]]);
    expect((await refusal(agent.send('call', { ...readTasks(), connectionId }))).code).toBe('not_approved');
    expect(h.traffic.api).toBe(1);
  });

  it('a 7-day approval admits a call 100 ms before its end and refuses one at its end', async () => {
    const agent = await h.tool('week-agent');
    await h.approve(agent, { connectionId, actions: ['read-tasks'] }, 'allow-week');
    const [tool] = ToolStore.open(join(h.dataDir, 'broker-tools.json'), new Date()).list();
    const grantedAt = Date.parse(tool!.approvals[0]!.grantedAt);
    // The harness's clock is the real one moved by an offset; aim at the approval's own instants.
    h.shift(grantedAt + WEEK_MS - 100 - Date.now());
    expect((await agent.send<CallResult>('call', { ...readTasks(), connectionId })).status).toBe(200);
    h.shift(grantedAt + WEEK_MS - Date.now());
    const late = await refusal(agent.send('call', { ...readTasks(), connectionId }));
    expect(late.code).toBe('not_approved');
    expect(late.message).toMatch(/approval for “read-tasks” on this connection ended at /);
    expect(h.traffic.api).toBe(1);
  });
});

const send = (agent: BrokerClient, text: string) =>
  agent.send<CallResult>('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: JSON.stringify({ to: 'sam@sandbox.test', text }) });

describe('confirm each call', () => {
  it('asks before each message under Always allow, forwards only what the person allows, and stops asking when turned off', async () => {
    const agent = await h.tool('mailer');
    const { asked } = await h.approve(agent, { connectionId, actions: ['send-messages', 'read-files'] });
    expect(asked.actions.map((a) => [a.id, a.effect])).toEqual([['send-messages', 'sends'], ['read-files', undefined]]);

    const question = h.next('broker:approval-requested');
    const first = send(agent, 'first');
    expect(await question).toMatchObject({
      kind: 'confirm',
      tool: { name: 'mailer', known: true },
      connection: { id: connectionId },
      actions: [{ id: 'send-messages', title: 'Send messages', effect: 'sends' }],
      call: { method: 'POST', host: new URL(sandbox.issuer).host, path: '/api/messages' },
    });
    expect(h.traffic.api).toBe(0);
    await h.invoke('broker:answer', { requestId: (await question).requestId, decision: 'allow-once' });
    expect((await first).status).toBe(201);

    // The next one asks again; denied, it never reaches the provider.
    const again = h.next('broker:approval-requested');
    const second = send(agent, 'second');
    await h.invoke('broker:answer', { requestId: (await again).requestId, decision: 'deny' });
    expect((await refusal(second)).code).toBe('denied');
    expect(h.traffic.api).toBe(1);

    // Reading is not confirmed.
    expect((await agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' })).status).toBe(200);

    // Turned off in the Tools view: saved, and the next message goes without a question.
    const [tool] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(tool!.approvals.find((a) => a.actionId === 'send-messages')).toMatchObject({ effect: 'sends', confirmEachCall: true });
    expect(tool!.approvals.find((a) => a.actionId === 'read-files')).not.toHaveProperty('confirmEachCall');
    await h.invoke('broker:confirm-each-call', { toolId: tool!.id, connectionId, actionId: 'send-messages', confirm: false });
    expect((await send(agent, 'third')).status).toBe(201);
    expect(await h.invoke('broker:pending')).toEqual([]);
    const saved = ToolStore.open(join(h.dataDir, 'broker-tools.json'), new Date()).list()[0]!;
    expect(saved.approvals.find((a) => a.actionId === 'send-messages')?.confirmEachCall).toBe(false);
    const [after] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(after!.approvals.find((a) => a.actionId === 'send-messages')?.confirmEachCall).toBe(false);

    // Only where it applies: an action that is never confirmed, or one not approved, is a clear error.
    await expect(h.invoke('broker:confirm-each-call', { toolId: tool!.id, connectionId, actionId: 'read-files', confirm: false })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(h.invoke('broker:confirm-each-call', { toolId: tool!.id, connectionId, actionId: 'share-files', confirm: false })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('does not ask again for a call the person allowed once', async () => {
    const agent = await h.tool('one-note');
    await h.approve(agent, { connectionId, actions: ['send-messages'] }, 'allow-once');
    expect((await send(agent, 'only')).status).toBe(201);
    expect(await h.invoke('broker:pending')).toEqual([]);
  });
});
