import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import { BrokerClient } from '../../cli/client';
import type { ListResult, RequestResult } from './protocol';
import type { BrokerApprovalRequest } from '../../../shared/ipc/contract';

/**
 * A question ends with its asker: a tool that gives up (`cancel`, by the id of its `request`)
 * withdraws its question from the window exactly as a closed socket does, and nothing is granted.
 */

let h: BrokerHarness;
let connectionId: string;
withSandboxBroker(['files:read', 'messages:read', 'messages:write'], (harness, connection) => {
  h = harness;
  connectionId = connection;
});

/** The window hears that question `requestId` closed (earlier closings, of answered questions, are passed over). */
async function closedEvent(requestId: string): Promise<unknown> {
  for (;;) {
    const closed = await h.next('broker:approval-closed');
    if (closed.requestId === requestId) return closed;
  }
}

/** The person's late answer, as the window gives it: refused as stale, never a grant. */
async function answerLate(requestId: string): Promise<string> {
  const error = await h.invoke('broker:answer', { requestId, decision: 'allow-always', connectionId }).then(
    () => 'granted',
    (e: { code?: string }) => e.code ?? 'no code',
  );
  return error;
}

describe('cancel', () => {
  it('withdraws the question: the window hears it, the request is refused as cancelled, a late answer grants nothing', async () => {
    const agent = await h.tool('my-agent');
    const giveUp = new AbortController();
    const asked = h.next('broker:approval-requested');
    const requesting = agent.send<RequestResult>('request', { connectionId, actions: ['send-messages'] }, { signal: giveUp.signal });
    const question = await asked;
    expect(await h.invoke('broker:pending')).toHaveLength(1);

    const closed = h.next('broker:approval-closed');
    giveUp.abort();
    expect(await closed).toEqual({ requestId: question.requestId, outcome: 'withdrawn' });
    const refused = await refusal(requesting);
    expect(refused.code).toBe('cancelled');
    expect(refused.message).toMatch(/cancelled/);

    expect(await h.invoke('broker:pending')).toEqual([]);
    expect(await answerLate(question.requestId)).toBe('PLAN_STALE');
    expect(await h.invoke('broker:tools')).toEqual([]);
    expect(await agent.send<ListResult>('list')).toEqual({ connections: [], tokenHandout: false });
    // The connection goes on: the tool can ask again, and this time the person answers.
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-once');
    expect(result).toMatchObject({ actions: ['read-files'], mode: 'once' });
  });

  /** Editing files is confirmed call by call before its missing scope is asked for: allow the call, return the step-up question. */
  async function allowedCallThenStepUp(confirm: BrokerApprovalRequest): Promise<BrokerApprovalRequest> {
    expect(confirm.kind).toBe('confirm');
    const stepUp = h.next('broker:approval-requested');
    await h.invoke('broker:answer', { requestId: confirm.requestId, decision: 'allow-once' });
    const question = await stepUp;
    expect(question.kind).toBe('step-up');
    return question;
  }

  it('withdraws a call waiting on a scope upgrade, so the step-up question goes too', async () => {
    const agent = await h.tool('my-agent');
    await h.approve(agent, { connectionId, actions: ['edit-files'] });
    const giveUp = new AbortController();
    const confirming = h.next('broker:approval-requested');
    const calling = agent.send('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body: '{"name":"a.txt","content":"x"}' }, { signal: giveUp.signal });
    const question = await allowedCallThenStepUp(await confirming);
    giveUp.abort();
    expect(await closedEvent(question.requestId)).toEqual({ requestId: question.requestId, outcome: 'withdrawn' });
    expect((await refusal(calling)).code).toBe('cancelled');
    expect(await answerLate(question.requestId)).toBe('PLAN_STALE');
    expect(h.traffic.api).toBe(0);
  });

  it('a call cancelled while waiting in its tool’s line never asks the person when its turn comes', async () => {
    const agent = await h.tool('my-agent');
    await h.approve(agent, { connectionId, actions: ['read-files', 'edit-files'] });
    h.stall(true);
    const holders = Array.from({ length: 8 }, () => new AbortController());
    const held = holders.map((giveUp) => agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' }, { signal: giveUp.signal }));
    const queuedUp = new AbortController();
    const queued = agent.send('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body: '{}' }, { signal: queuedUp.signal });
    queuedUp.abort();
    for (const giveUp of holders) giveUp.abort();
    for (const call of [...held, queued]) expect((await refusal(call)).code).toBe('cancelled');
    // The line ran on: the next call gets its step-up question, and it is the only one.
    const confirming = h.next('broker:approval-requested');
    const after = agent.send('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body: '{}' });
    const question = await allowedCallThenStepUp(await confirming);
    expect(await h.invoke('broker:pending')).toHaveLength(1);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'deny' });
    expect((await refusal(after)).code).toBe('insufficient_scope');
  });

  it('cancelling nothing waiting (an unknown id, an answered request) is a harmless typed answer', async () => {
    const agent = await h.tool('my-agent');
    expect(await agent.send('cancel', { id: 424242 })).toEqual({ cancelled: false });
    await h.approve(agent, { connectionId, actions: ['read-files'] });
    // The request above was message 2 (after hello): answered already.
    expect(await agent.send('cancel', { id: 2 })).toEqual({ cancelled: false });
    expect((await refusal(agent.send('cancel', { id: 'two' }))).code).toBe('bad_request');
    expect((await refusal(agent.send('cancel', {}))).code).toBe('bad_request');
    // Aborting after the answer arrived changes nothing either.
    const late = new AbortController();
    const asked = h.next('broker:approval-requested');
    const granting = agent.send<RequestResult>('request', { connectionId, actions: ['read-messages'] }, { signal: late.signal });
    await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always', connectionId });
    expect((await granting).actions).toEqual(['read-messages']);
    late.abort();
    expect(await agent.send<ListResult>('list')).toMatchObject({ connections: [{ actions: [{ id: 'read-files' }, { id: 'read-messages' }] }] });
    const [tool] = (await h.invoke('broker:tools')) as { approvals: { actionId: string }[] }[];
    expect(tool!.approvals.map((a) => a.actionId).sort()).toEqual(['read-files', 'read-messages']);
  });

  it('a tool cannot cancel, or learn of, another tool’s question (same message id on another connection)', async () => {
    const asker = await h.tool('my-agent');
    const asked = h.next('broker:approval-requested');
    // hello was message 1, so this request is message 2 on its connection.
    const requesting = asker.send<RequestResult>('request', { connectionId, actions: ['send-messages'] });
    const question = await asked;

    const rogue = await h.tool('my-agent');
    for (const id of [1, 2, 3]) expect(await rogue.send('cancel', { id })).toEqual({ cancelled: false });
    const stranger = await BrokerClient.connect(h.endpoint);
    try {
      // Before hello: nothing at all.
      expect((await refusal(stranger.send('cancel', { id: 2 }))).code).toBe('bad_request');
    } finally {
      stranger.close();
    }
    expect(await h.invoke('broker:pending')).toEqual([expect.objectContaining({ requestId: question.requestId })]);
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-once', connectionId });
    expect(await requesting).toMatchObject({ actions: ['send-messages'], mode: 'once' });
  });

  it('a request and its cancel in one write: the person is never left with the question', async () => {
    const socket = connect(h.endpoint);
    const answers: unknown[] = [];
    let buffered = '';
    const allAnswered = new Promise<void>((resolve) =>
      socket.on('data', (chunk) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        answers.push(...lines.map((line) => JSON.parse(line) as unknown));
        if (answers.length === 4) resolve();
      }),
    );
    const lines = [
      { id: 1, method: 'hello', params: { tool: 'my-agent' } },
      { id: 2, method: 'request', params: { connectionId, actions: ['send-messages'] } },
      { id: 3, method: 'cancel', params: { id: 2 } },
      { id: 4, method: 'cancel', params: { id: 2 } },
    ];
    socket.write(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    await allAnswered;
    socket.destroy();
    expect(answers).toEqual(
      expect.arrayContaining([
        { id: 1, ok: true, result: { tool: 'my-agent', known: false } },
        { id: 2, ok: false, error: expect.objectContaining({ code: 'cancelled' }) },
        { id: 3, ok: true, result: { cancelled: true } },
        // A second cancel of the same message is harmless.
        { id: 4, ok: true, result: { cancelled: expect.any(Boolean) } },
      ]),
    );
    expect(await h.invoke('broker:pending')).toEqual([]);
    expect(await h.invoke('broker:tools')).toEqual([]);
  });

  it('a burst of cancels and requests leaves no question behind and grants nothing', async () => {
    const agent = await h.tool('my-agent');
    const rounds = Array.from({ length: 10 }, () => new AbortController());
    const requests = rounds.map((giveUp) => agent.send('request', { connectionId, actions: ['send-messages'] }, { signal: giveUp.signal }));
    const asked = await Promise.all(rounds.map(() => h.next('broker:approval-requested')));
    for (const giveUp of rounds) {
      giveUp.abort();
      giveUp.abort();
    }
    for (const request of requests) expect((await refusal(request)).code).toBe('cancelled');
    expect(await h.invoke('broker:pending')).toEqual([]);
    for (const question of asked) expect(await answerLate(question.requestId)).toBe('PLAN_STALE');
    expect(await h.invoke('broker:tools')).toEqual([]);
  });
});
