import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxHarnesses } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { BrokerApprovalRequest, ConnectionUsage, ConnectionView, PolicyInForce } from '../../../shared/ipc/contract';
import type { CallResult } from '../broker/protocol';

/**
 * A policy that comes AFTER access was given: a connection whose provider it blocks, or a granted
 * scope it blocks. What was granted stays granted (the person takes it back), but no tool uses it:
 * approvals, calls, token handouts and step-ups on it are refused, said to the tool, in the
 * connection's tool calls and history, and on the connection itself.
 */

const harnesses = withSandboxHarnesses();

/** The person's own policy file, replaced whole; resolves once core has read it. */
async function ownPolicy(h: BrokerHarness, policy: unknown): Promise<PolicyInForce> {
  const path = join(h.dataDir, 'policy.json');
  writeFileSync(`${path}.new`, JSON.stringify(policy));
  renameSync(`${path}.new`, path);
  return (await h.next('policy:changed')) as PolicyInForce;
}

async function detail(h: BrokerHarness, connectionId: string): Promise<ConnectionView> {
  return (await h.invoke('grants:detail', { connectionId })) as ConnectionView;
}

const read = (connectionId: string) => ({ connectionId, action: 'read-files', method: 'GET', path: '/api/files' });

describe('a provider the policy blocks after it was connected', () => {
  it('refuses calls, handouts, approvals and step-ups on it; the tool calls, history and the connection say so', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files', 'read-messages'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    expect((await agent.send<CallResult>('call', read(connectionId))).status).toBe(200);

    await ownPolicy(h, { version: 1, providers: { blocked: ['sandbox'] } });
    const call = await refusal(agent.send('call', read(connectionId)));
    expect(call).toEqual(expect.objectContaining({ code: 'blocked_by_policy', message: 'Blocked by your own policy: using Sandbox.' }));
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('blocked_by_policy');
    // A step-up never reaches the person: the call is refused first.
    expect((await refusal(agent.send('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' }))).code).toBe('blocked_by_policy');
    // A tool asking again and again is one line in the history, not one per ask.
    for (let i = 0; i < 3; i++) expect((await refusal(agent.send('request', { connectionId, actions: ['edit-files'] }))).code).toBe('blocked_by_policy');
    expect((await refusal(agent.send('request', { providerId: 'sandbox', actions: ['edit-files'] }))).code).toBe('blocked_by_policy');
    expect((await h.invoke('broker:pending')) as BrokerApprovalRequest[]).toEqual([]);

    const usage = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    expect(usage.calls[0]).toEqual(expect.objectContaining({ outcome: 'blocked_by_policy', blocked: 'Blocked by your own policy: using Sandbox.' }));
    expect(usage.calls.find((c) => c.method === 'TOKEN')).toEqual(expect.objectContaining({ outcome: 'blocked_by_policy', blocked: 'Blocked by your own policy: using Sandbox.' }));
    const view = await detail(h, connectionId);
    expect(view.policyBlock).toBe('Blocked by your own policy: tools cannot use this connection, and it cannot be reconnected or given more. Take back what it has, or remove it.');
    expect(view.history.filter((e) => e.kind === 'blocked-by-policy').map((e) => e.message)).toEqual(['Blocked by your own policy: using Sandbox. “reader” asked for Edit your files.']);
    // Still granted: the policy blocks use, and the person takes back.
    expect(view.grantedScopes).toContain('files:read');
  });

  it('refuses a provider left off an allow-list that came later, and lets it work again when the rule goes', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-always');
    await ownPolicy(h, { version: 1, providers: { allowed: ['google'] } });
    expect((await refusal(agent.send('call', read(connectionId)))).code).toBe('blocked_by_policy');
    await ownPolicy(h, { version: 1 });
    expect((await agent.send<CallResult>('call', read(connectionId))).status).toBe(200);
    expect((await detail(h, connectionId)).policyBlock).toBeUndefined();
  });
});

describe('a scope the policy blocks after it was granted', () => {
  it('refuses a call needing it (not the others), and the connection shows it blocked, with Take back', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read', 'files:write']);
    const agent = await h.tool('editor');
    await h.approve(agent, { connectionId, actions: ['read-files', 'edit-files'] }, 'allow-always');
    await ownPolicy(h, { version: 1, blockedScopes: { sandbox: { scopes: ['files:write'] } } });
    const write = agent.send('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body: JSON.stringify({ name: 'a.txt', content: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(await refusal(write)).toEqual(expect.objectContaining({ code: 'blocked_by_policy', message: 'Blocked by your own policy: Create and change your files.' }));
    expect((await agent.send<CallResult>('call', read(connectionId))).status).toBe(200);
    const view = await detail(h, connectionId);
    expect(view.granted.find((s) => s.scope === 'files:write')?.policyBlock).toBe('Blocked by your own policy: no tool can use it. Take it back.');
    expect(view.granted.find((s) => s.scope === 'files:read')?.policyBlock).toBeUndefined();
    expect(view.policyBlock).toBeUndefined();
  });

  it('keeps working while a policy file is refused (nothing new, but what was granted works)', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-always');
    await ownPolicy(h, { version: 1, unknown: true });
    expect((await agent.send<CallResult>('call', read(connectionId))).status).toBe(200);
    const view = await detail(h, connectionId);
    expect(view.policyBlock).toBeUndefined();
    expect(view.granted.every((s) => s.policyBlock === undefined)).toBe(true);
  });
});
