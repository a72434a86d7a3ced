import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxHarnesses } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { BrokerApprovalRequest, ConnectionView, PolicyInForce } from '../../../shared/ipc/contract';
import type { CallResult } from '../broker/protocol';

/** Replaces a policy file whole, as an editor or a deployment tool does (never seen half-written). */
function replaceFile(path: string, content: string): void {
  writeFileSync(`${path}.new`, content);
  renameSync(`${path}.new`, path);
}

/**
 * The managed policy at each enforcement point, through the real core, IPC binding, broker socket
 * and Sandbox: what the window and a tool are told, and that nothing is granted.
 */

const harnesses = withSandboxHarnesses();

/** A machine policy file in a folder of its own (the organisation's), with `policy` in it. */
function machineFile(policy: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sk-policy-')), 'policy.json');
  writeFileSync(path, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return path;
}

async function started(policy: unknown): Promise<BrokerHarness> {
  return harnesses.start({ machinePolicy: machineFile(policy) });
}

/** The error code and message an invoke ends with. */
async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code: string; message: string } | undefined;
  if (!error) throw new Error('expected a refusal');
  return error;
}

async function detail(h: BrokerHarness, connectionId: string): Promise<ConnectionView> {
  return (await h.invoke('grants:detail', { connectionId })) as ConnectionView;
}

const BLOCK_ADMIN = { version: 1, blockedScopes: { sandbox: { scopes: ['files:admin'] } } };

describe('blocked scopes', () => {
  it('refuses a connect asking for one, before any browser opens', async () => {
    const h = await started(BLOCK_ADMIN);
    const error = await refused(h.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read', 'files:admin'] }));
    expect(error).toEqual(expect.objectContaining({ code: 'POLICY_BLOCKED', message: expect.stringContaining("Blocked by your organisation's policy: Manage files and who sees them") }));
    expect(((await h.invoke('grants:list')) as { connections: unknown[] }).connections).toEqual([]);
  });

  it('refuses a scope that includes a blocked one (files:admin includes files:write), at connect and in a change plan', async () => {
    const h = await started({ version: 1, blockedScopes: { sandbox: { scopes: ['files:write'] } } });
    expect((await refused(h.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:admin'] }))).code).toBe('POLICY_BLOCKED');
    const connectionId = await h.connectSandbox(['files:read']);
    expect(await refused(h.invoke('grants:plan-change', { connectionId, add: ['files:admin'] }))).toEqual(
      expect.objectContaining({ code: 'POLICY_BLOCKED', message: expect.stringContaining('Manage files and who sees them') }),
    );
  });

  it('refuses a scope that includes one a pattern blocks', async () => {
    const h = await started({ version: 1, blockedScopes: { sandbox: { patterns: ['files:w*'] } } });
    expect((await refused(h.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:admin'] }))).code).toBe('POLICY_BLOCKED');
    const sandbox = ((await h.invoke('providers:list')) as { id: string; scopeOptions: { scope: string; includes?: string[] }[] }[]).find((p) => p.id === 'sandbox')!;
    expect(sandbox.scopeOptions.find((o) => o.scope === 'files:admin')?.includes).toEqual(expect.arrayContaining(['files:write', 'files:read']));
  });

  it('refuses one matching a pattern', async () => {
    const h = await started({ version: 1, blockedScopes: { sandbox: { patterns: ['messages:*'] } } });
    expect((await refused(h.invoke('grants:connect', { providerId: 'sandbox', scopes: ['messages:write'] }))).code).toBe('POLICY_BLOCKED');
  });

  it('leaves it out of the defaults when Connect names no scopes', async () => {
    const h = await started(BLOCK_ADMIN);
    const view = (await h.invoke('grants:connect', { providerId: 'sandbox' })) as ConnectionView;
    expect(view.grantedScopes).not.toContain('files:admin');
  });

  it('refuses a change plan adding it, and the history says so', async () => {
    const h = await started(BLOCK_ADMIN);
    const connectionId = await h.connectSandbox(['files:read']);
    const error = await refused(h.invoke('grants:plan-change', { connectionId, add: ['files:admin'] }));
    expect(error.code).toBe('POLICY_BLOCKED');
    const entry = (await detail(h, connectionId)).history.find((e) => e.kind === 'blocked-by-policy');
    expect(entry).toEqual(expect.objectContaining({ scopes: ['files:admin'], message: expect.stringContaining("Blocked by your organisation's policy: Manage files and who sees them") }));
    // Taking back is always allowed.
    await h.invoke('grants:plan-change', { connectionId, remove: ['files:read'] });
  });

  it('refuses a tool’s step-up to it with blocked_by_policy, asking the person nothing', async () => {
    const h = await started({ version: 1, blockedScopes: { sandbox: { scopes: ['messages:read'] } } });
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-messages'] }, 'allow-always');
    const call = agent.send<CallResult>('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' });
    expect((await refusal(call)).code).toBe('blocked_by_policy');
    expect((await h.invoke('broker:pending')) as BrokerApprovalRequest[]).toEqual([]);
    expect((await detail(h, connectionId)).history.at(-1)).toEqual(expect.objectContaining({ kind: 'blocked-by-policy', scopes: ['messages:read'] }));
  });
});

describe('providers and servers', () => {
  it('refuses connecting a blocked provider', async () => {
    const h = await started({ version: 1, providers: { blocked: ['sandbox'] } });
    expect(await refused(h.invoke('grants:connect', { providerId: 'sandbox' }))).toEqual(expect.objectContaining({ code: 'POLICY_BLOCKED', message: expect.stringContaining('connecting Sandbox') }));
  });

  it('refuses a provider left off the allow-list', async () => {
    const h = await started({ version: 1, providers: { allowed: ['google'] } });
    expect((await refused(h.invoke('grants:connect', { providerId: 'sandbox' }))).code).toBe('POLICY_BLOCKED');
  });

  it('refuses adding a server, and one whose issuer is not on the list, before contacting it', async () => {
    const h = await started({ version: 1, customServers: { issuers: ['https://login.example.com'] } });
    const error = await refused(h.invoke('providers:add', { name: 'Other', issuer: 'https://other.example.com', clientId: 'x' }));
    expect(error).toEqual(expect.objectContaining({ code: 'POLICY_BLOCKED', message: expect.stringContaining('adding the server Other (https://other.example.com)') }));
    const none = await started({ version: 1, customServers: { allowed: false } });
    expect((await refused(none.invoke('providers:add', { name: 'Mine', issuer: 'https://login.example.com', clientId: 'x' }))).code).toBe('POLICY_BLOCKED');
  });
});

describe('tools', () => {
  it('offers no handout and refuses a token, logged, even for an approval that had one', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    replaceFile(join(h.dataDir, 'policy.json'), JSON.stringify({ version: 1, tools: { tokenHandout: false } }));
    const changed = (await h.next('policy:changed')) as PolicyInForce;
    expect(changed.tokenHandoutBlocked).toEqual({ by: 'own' });
    const error = await refusal(agent.send('token', { connectionId, action: 'read-files' }));
    expect(error.code).toBe('blocked_by_policy');
    expect(error.message).toContain('Blocked by your own policy: giving tools access tokens');
    expect(h.core.broker.allCalls().at(-1)).toEqual(expect.objectContaining({ method: 'TOKEN', outcome: 'blocked_by_policy' }));
    const other = await h.tool('other');
    const { asked } = await h.approve(other, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    expect(asked).toEqual(expect.objectContaining({ tokenHandout: false, handoutBlocked: 'Blocked by your own policy' }));
    expect(asked.handout).toBeUndefined();
  });

  it('offers no approval longer than the maximum, and refuses one given anyway', async () => {
    const h = await started({ version: 1, tools: { maxApproval: 'day' } });
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    const asked = h.next('broker:approval-requested');
    const answered = agent.send('request', { connectionId, actions: ['read-files'] });
    const question = await asked;
    expect(question.longest).toBe('day');
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-always' });
    expect((await refusal(answered)).code).toBe('blocked_by_policy');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-day');
    expect(result.mode).toBe('day');
  });

  it('confirms every call of an always-confirm action, whatever the approval', async () => {
    const h = await started({ version: 1, tools: { alwaysConfirm: { sandbox: ['read-files', 'no-such-action'] } } });
    // The window is told each action by its catalog title (an id the catalog does not have stays as it is).
    expect(((await h.invoke('policy:get')) as PolicyInForce).alwaysConfirm).toEqual([
      { providerId: 'sandbox', actionId: 'read-files', actionTitle: 'Read your files', by: 'organisation' },
      { providerId: 'sandbox', actionId: 'no-such-action', by: 'organisation' },
    ]);
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-always');
    const call = agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
    const confirm = await h.answerNext('deny');
    expect(confirm.kind).toBe('confirm');
    expect((await refusal(call)).code).toBe('denied');
  });
});

describe('a policy file that is not valid', () => {
  it('is refused with a message naming the field, and nothing new can be granted; existing access keeps working and can be taken back', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read', 'files:write']);
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-always');
    replaceFile(join(h.dataDir, 'policy.json'), JSON.stringify({ version: 1, tools: { maxApprovals: 'day' } }));
    const policy = (await h.next('policy:changed')) as PolicyInForce;
    expect(policy.lockedDown).toBe(true);
    expect(policy.sources.find((s) => s.origin === 'own')).toEqual(expect.objectContaining({ state: 'refused', problem: expect.stringContaining('unknown field tools.maxApprovals') }));
    expect((await refused(h.invoke('grants:connect', { providerId: 'sandbox' }))).code).toBe('POLICY_BLOCKED');
    expect((await refused(h.invoke('grants:plan-change', { connectionId, add: ['messages:read'] }))).code).toBe('POLICY_BLOCKED');
    expect((await refused(h.invoke('grants:reconnect', { connectionId }))).code).toBe('POLICY_BLOCKED');
    expect((await refusal(agent.send('request', { connectionId, actions: ['edit-files'] }))).code).toBe('blocked_by_policy');
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('blocked_by_policy');
    const call = await agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
    expect(call.status).toBe(200);
    const plan = (await h.invoke('grants:plan-change', { connectionId, remove: ['files:write'] })) as { planId: string };
    await h.invoke('grants:apply-plan', { planId: plan.planId });
    expect((await detail(h, connectionId)).grantedScopes).not.toContain('files:write');
  });

  it('locks down from the start when the machine file is not JSON', async () => {
    const h = await started('{ "version": 1,');
    const policy = (await h.invoke('policy:get')) as PolicyInForce;
    expect(policy.lockedDown).toBe(true);
    expect(policy.sources[0]).toEqual(expect.objectContaining({ origin: 'organisation', state: 'refused', problem: expect.stringContaining('not valid JSON') }));
    expect((await refused(h.invoke('grants:connect', { providerId: 'sandbox' }))).message).toContain('a policy file could not be read');
  });
});

describe('a provider that grants a blocked scope anyway', () => {
  it('has it taken back at once by the usual plan, and the history says so', async () => {
    const h = await harnesses.start();
    // The policy arrives while the sign-in waits in the browser: the grant comes back with files:admin.
    const connecting = h.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read', 'files:admin'] }) as Promise<ConnectionView>;
    await h.next('flow:progress');
    replaceFile(join(h.dataDir, 'policy.json'), JSON.stringify(BLOCK_ADMIN));
    expect(h.core.policy.reload()).toBe(true);
    const { id: connectionId } = await connecting;
    await h.core.settled();
    const after = await detail(h, connectionId);
    expect(after.grantedScopes).not.toContain('files:admin');
    // The Sandbox's usual take-back revokes and leaves the rest to approve again (as an expiry does).
    expect(after.history.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'Blocked by your own policy: Manage files and who sees them. Sandbox granted it anyway; Scopekeeper takes it back now.',
        expect.stringMatching(/^Blocked by your own policy; taken back at once\. Sandbox forgot the whole grant/),
      ]),
    );
  });

  it('leaves a permission held before the policy came', async () => {
    const h = await harnesses.start();
    const connectionId = await h.connectSandbox(['files:read', 'files:admin']);
    replaceFile(join(h.dataDir, 'policy.json'), JSON.stringify(BLOCK_ADMIN));
    await h.next('policy:changed');
    await h.core.settled();
    expect((await detail(h, connectionId)).grantedScopes).toContain('files:admin');
  });
});

describe('a required Fixed scope mode', () => {
  it('holds every connection to what it has: a plan adding a scope is refused as outside the list, and the view says Fixed', async () => {
    const h = await started({ version: 1, requiredScopeMode: 'fixed' });
    const connectionId = await h.connectSandbox(['files:read']);
    expect((await detail(h, connectionId)).scopeMode).toEqual(expect.objectContaining({ mode: 'fixed' }));
    const error = (await refused(h.invoke('grants:plan-change', { connectionId, add: ['files:write'] }))) as { code: string; details?: { reason?: string } };
    expect(error).toEqual(expect.objectContaining({ code: 'CHANGE_REFUSED', details: expect.objectContaining({ reason: 'outside-fixed-list' }) }));
    expect((await detail(h, connectionId)).grantedScopes).not.toContain('files:write');
  });
});
