import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import { CHANGES_FILE, readVaultFiles } from '../vault/changeLog';
import type { ConnectionRecord } from '../vault/schema';
import type { ConnectionView } from '../../../shared/ipc/contract';
import type { CallResult } from '../broker/protocol';
import { join } from 'node:path';

/**
 * Fixed list, end to end without a window: the real Sandbox, core and broker. A connection in
 * Fixed mode is never widened beyond its list (an action turned on, a tool's step-up, a reconnect);
 * adding the scope to the list lets the usual plan run; a take-back narrows the list.
 */
let h: BrokerHarness;
let connectionId: string;
withSandboxBroker(['files:read'], (harness, id) => {
  h = harness;
  connectionId = id;
});

const detail = async (): Promise<ConnectionView> => (await h.invoke('grants:detail', { connectionId })) as ConnectionView;
const setMode = (mode: 'follow' | 'fixed') => h.invoke('grants:set-scope-mode', { connectionId, mode }) as Promise<ConnectionView>;
/** The IPC error a refused call ends in (the harness throws `{ code, details }`). */
async function refused(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}
const stored = (): ConnectionRecord => (readVaultFiles(join(h.dataDir, 'vault.json'), join(h.dataDir, CHANGES_FILE)).document.connections as Record<string, ConnectionRecord>)[connectionId]!;

describe('Fixed list', () => {
  it('Follow → Fixed takes what is granted as the list, kept in the vault', async () => {
    const before = await detail();
    expect(before.scopeMode?.mode).toBe('follow');
    const fixed = await setMode('fixed');
    expect(fixed.scopeMode?.mode).toBe('fixed');
    expect(fixed.scopeMode?.list.map((s) => s.scope).sort()).toEqual([...before.grantedScopes].sort());
    expect(stored()).toMatchObject({ scopeMode: 'fixed', fixedScopes: before.grantedScopes });
    const exported = JSON.parse(((await h.invoke('grants:export', { format: 'json' })) as { content: string }).content) as { scopeModes: unknown[] };
    expect(exported.scopeModes).toEqual([{ provider: 'Sandbox', account: before.account, mode: 'fixed', list: before.grantedScopes }]);
    // The action that needs files:write says what the list lacks, before anyone clicks.
    expect(fixed.actions.find((a) => a.id === 'edit-files')?.outsideList).toEqual(['files:write']);
  });

  it('refuses turning on an action that needs a scope outside the list, and changes nothing', async () => {
    await setMode('fixed');
    const record = JSON.stringify(stored());
    const error = await refused(h.invoke('grants:plan-action', { connectionId, actionId: 'edit-files', enable: true }));
    expect(error).toMatchObject({ code: 'CHANGE_REFUSED', details: { reason: 'outside-fixed-list', missing: ['files:write'] } });
    expect(await refused(h.invoke('grants:plan-change', { connectionId, add: ['files:write'], remove: [] }))).toMatchObject({ details: { reason: 'outside-fixed-list' } });
    expect(JSON.stringify(stored())).toBe(record);
  });

  it('“Add it to the list”, then the usual plan adds it', async () => {
    await setMode('fixed');
    const listed = (await h.invoke('grants:save-fixed-list', { connectionId, scopes: [...(await detail()).grantedScopes, 'files:write'] })) as ConnectionView;
    // Saving the list grants nothing.
    expect(listed.grantedScopes).not.toContain('files:write');
    expect(listed.actions.find((a) => a.id === 'edit-files')?.outsideList).toBeUndefined();
    const plan = (await h.invoke('grants:plan-action', { connectionId, actionId: 'edit-files', enable: true })) as { planId: string };
    const outcome = (await h.invoke('grants:apply-plan', { planId: plan.planId })) as { connection: ConnectionView };
    expect(outcome.connection.grantedScopes).toContain('files:write');
  });

  it('a tool’s step-up outside the list: “Missing scope” in the window, insufficient_scope for the tool, nothing granted', async () => {
    await setMode('fixed');
    const agent = await h.tool('editor');
    await h.approve(agent, { connectionId, actions: ['edit-files'] });
    const [listed] = (await h.invoke('broker:tools')) as { id: string }[];
    await h.invoke('broker:confirm-each-call', { toolId: listed!.id, connectionId, actionId: 'edit-files', confirm: false });
    const write = agent.send<CallResult>('call', { connectionId, action: 'edit-files', method: 'POST', path: '/api/files', body: JSON.stringify({ name: 'a.txt', content: 'x' }) });
    // Even "allowed", the question has no plan to carry out: nothing is asked of the provider.
    const question = await h.answerNext('allow-once');
    expect(question).toMatchObject({ kind: 'step-up', outsideList: [{ scope: 'files:write', title: 'Create and change your files' }] });
    expect(question.plan).toBeUndefined();
    const answer = await refusal(write);
    expect(answer.code).toBe('insufficient_scope');
    expect(answer.message).toContain('not on it');
    expect((await detail()).grantedScopes).not.toContain('files:write');
  });

  it('a reconnect asks for exactly the list, never what the grant has beyond it', async () => {
    // files:write granted (added through the list), then left off the list again.
    const held = (await detail()).grantedScopes;
    await h.invoke('grants:save-fixed-list', { connectionId, scopes: [...held, 'files:write'] });
    const plan = (await h.invoke('grants:plan-change', { connectionId, add: ['files:write'], remove: [] })) as { planId: string };
    await h.invoke('grants:apply-plan', { planId: plan.planId });
    expect((await detail()).grantedScopes).toContain('files:write');
    await h.invoke('grants:save-fixed-list', { connectionId, scopes: held });
    const back = (await h.invoke('grants:reconnect', { connectionId })) as ConnectionView;
    expect([...back.requestedScopes].sort()).toEqual([...held].sort());
    expect(back.grantedScopes).not.toContain('files:write');
    expect(stored()).toMatchObject({ scopeMode: 'fixed', fixedScopes: held });
  });

  it('a take-back narrows the list with it', async () => {
    const connected = (await h.invoke('grants:save-fixed-list', { connectionId, scopes: [...(await detail()).grantedScopes, 'files:write'] })) as ConnectionView;
    expect(connected.scopeMode?.list.map((s) => s.scope)).toContain('files:read');
    const plan = (await h.invoke('grants:plan-change', { connectionId, add: [], remove: ['files:read'] })) as { planId: string };
    await h.invoke('grants:apply-plan', { planId: plan.planId });
    expect(stored().fixedScopes).not.toContain('files:read');
    expect(stored().fixedScopes).toContain('files:write');
  });

  it('refuses a hostile list (a scope with spaces, too many) and keeps the one saved', async () => {
    await setMode('fixed');
    const before = stored().fixedScopes;
    expect((await refused(h.invoke('grants:save-fixed-list', { connectionId, scopes: ['files:read files:write'] }))).code).toBe('INVALID_REQUEST');
    expect((await refused(h.invoke('grants:save-fixed-list', { connectionId, scopes: Array.from({ length: 201 }, (_, i) => `s${i}`) }))).code).toBe('INVALID_REQUEST');
    expect(stored().fixedScopes).toEqual(before);
  });

  it('each switch of mode and each edit of the list is a history entry, in the timeline and the export', async () => {
    const held = (await detail()).grantedScopes;
    await setMode('fixed');
    await setMode('fixed');
    await h.invoke('grants:save-fixed-list', { connectionId, scopes: [...held.filter((s) => s !== 'files:read'), 'files:write', 'messages:read'] });
    await h.invoke('grants:save-fixed-list', { connectionId, scopes: [...held.filter((s) => s !== 'files:read'), 'files:write', 'messages:read'] });
    await setMode('follow');
    const entries = (await detail()).history.filter((e) => e.kind === 'scope-mode' || e.kind === 'fixed-list-edited');
    expect(entries.map((e) => [e.kind, e.message])).toEqual([
      ['scope-mode', 'Scope mode: Fixed list. What is granted now is the list.'],
      ['fixed-list-edited', 'Fixed list edited: added Create and change your files (files:write), See your messages (messages:read); removed See your files (files:read).'],
      ['scope-mode', 'Scope mode: Follow my actions.'],
    ]);
    expect(entries[1]!.scopes).toEqual(['files:write', 'messages:read', 'files:read']);
    const csv = ((await h.invoke('grants:export', { format: 'history-csv' })) as { content: string }).content;
    expect(csv).toContain('Fixed list edited: added Create and change your files (files:write)');
    expect(csv).toContain('Scope mode: Follow my actions.');
    const json = JSON.parse(((await h.invoke('grants:export', { format: 'json' })) as { content: string }).content) as { history: { kind: string }[] };
    expect(json.history.filter((e) => e.kind === 'fixed-list-edited')).toHaveLength(1);
  });

  it('Fixed → Follow: turning the action on plans the usual upgrade again', async () => {
    await setMode('fixed');
    await setMode('follow');
    expect(stored().fixedScopes).toBeUndefined();
    const plan = (await h.invoke('grants:plan-action', { connectionId, actionId: 'edit-files', enable: true })) as { add: { scope: string }[] };
    expect(plan.add.map((s) => s.scope)).toEqual(['files:write']);
  });
});
