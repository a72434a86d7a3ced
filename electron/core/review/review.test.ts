import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../../e2e/brokerFixture';
import { startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { readTokens } from '../../../e2e/vaultFile';
import type { RunningAuthServer } from '../../sandbox/server';
import type { ChangeOutcome, ChangePlan, ReviewView, SuggestionView } from '../../../shared/ipc/contract';
import type { CallResult } from '../broker/protocol';

/**
 * Review and tighten through the IPC binding, against the real core and the Sandbox: the clock
 * moves, the suggestions follow what tools did, and a suggestion's change is the usual plan that
 * really changes the grant at the Sandbox. Dismissals survive a restart and end after 90 days.
 */

const DAY = 86_400_000;
let h: BrokerHarness;
let connectionId: string;
let sandbox: RunningAuthServer;
withSandboxBroker(['files:write', 'messages:write'], (harness, connection, server) => {
  h = harness;
  connectionId = connection;
  sandbox = server;
});

const review = async () => (await h.invoke('review:list')) as ReviewView;
const titles = async () => (await review()).suggestions.map((s) => s.title);

/** A tool allowed to read files, which reads them once now. */
async function fileReader(): Promise<() => Promise<CallResult>> {
  const agent = await h.tool('reader');
  await h.approve(agent, { connectionId, actions: ['read-files'] });
  const read = () => agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
  expect((await read()).status).toBe(200);
  return read;
}

describe('the review as time passes', () => {
  it('proposes narrowing what tools use and taking back what none used, once 90 days have passed', async () => {
    const read = await fileReader();
    // At once: tools read files through "Create and change your files": narrower would do.
    expect(await titles()).toEqual(['Replace “Create and change your files” with “See your files”']);
    h.shift(91 * DAY);
    expect((await read()).status).toBe(200);
    expect(await titles()).toEqual(['Replace “Create and change your files” with “See your files”', 'Take back “Create and change your messages”']);
    expect((await review()).suggestions[1]).toMatchObject({ kind: 'unused-permission', reason: 'Tools use this connection, but none has ever needed it.' });
  });

  it('proposes removing the connection once no tool used it for 90 days, and the setting moves that', async () => {
    await fileReader();
    h.shift(89 * DAY);
    expect(await titles()).not.toContain('Remove connection?');
    h.shift(91 * DAY);
    expect(await titles()).toEqual(['Remove connection?']);
    expect((await h.invoke('review:set-unused-days', { unusedDays: 120 })) as ReviewView).toMatchObject({ unusedDays: 120 });
    expect(await titles()).not.toContain('Remove connection?');
  });
});

describe('tightening through the usual plan', () => {
  it('“Replace” is one plan that adds the narrower and takes back the broader, and the Sandbox grants just that', async () => {
    await fileReader();
    const [replace] = (await review()).suggestions as [SuggestionView];
    expect(replace.change).toEqual({ kind: 'change', add: ['files:read'], remove: ['files:write'] });
    if (replace.change.kind !== 'change') throw new Error('a change');
    const plan = (await h.invoke('grants:plan-change', { connectionId, add: replace.change.add, remove: replace.change.remove })) as ChangePlan;
    expect(plan).toMatchObject({ strategy: 'revoke-and-reconsent', actionsLost: ['Edit your files'] });
    const outcome = (await h.invoke('grants:apply-plan', { planId: plan.planId })) as ChangeOutcome;
    expect(outcome.connection?.grantedScopes).toEqual(expect.arrayContaining(['files:read', 'messages:write']));
    expect(outcome.connection?.grantedScopes).not.toContain('files:write');
    // The Sandbox's own answer to the connection's new token: files may be read, no longer written.
    const { accessToken } = await readTokens(h.dataDir, connectionId);
    const api = (method: string) =>
      fetch(`${sandbox.apiBase}/files`, { method, headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: '{"name":"x.txt","content":"x"}' } : {}) });
    expect((await api('GET')).status).toBe(200);
    expect((await api('POST')).headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="files:write"');
    expect(await titles()).toEqual([]);
  });
});

describe('dismissing', () => {
  it('keeps a suggestion away for 90 days, across a restart, then shows it again', async () => {
    await fileReader();
    const [first] = (await review()).suggestions as [SuggestionView];
    expect(((await h.invoke('review:dismiss', { suggestionId: first.id })) as ReviewView).suggestions).toEqual([]);
    const dataDir = h.dataDir;
    await h.dispose();
    h = await startBrokerHarness(sandbox, { dataDir });
    expect(await titles()).toEqual([]);
    h.shift(89 * DAY);
    expect(await titles()).not.toContain(first.title);
    h.shift(90 * DAY + 1);
    // A tool reads again (the connection is in use), and the suggestion is back.
    await fileReader();
    expect(await titles()).toContain(first.title);
  });

  it('refuses an id that is not listed now, a malformed request, and writes nothing', async () => {
    await fileReader();
    const file = join(h.dataDir, 'review.json');
    const codes = await Promise.all(
      [
        { suggestionId: `broader-than-needed:${connectionId}:files:admin` },
        { suggestionId: 'x'.repeat(801) },
        { suggestionId: '' },
        { suggestionId: 'a', extra: true },
        { suggestionId: 5 },
      ].map((request) => h.invoke('review:dismiss', request).then(
        () => 'accepted',
        (error: { code: string }) => error.code,
      )),
    );
    expect(codes).toEqual(['INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST']);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    for (const unusedDays of [0, 3651, 1.5, -1]) {
      await expect(h.invoke('review:set-unused-days', { unusedDays })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    }
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it('a damaged review file reads as the defaults and is replaced at the next write', async () => {
    await fileReader();
    const file = join(h.dataDir, 'review.json');
    writeFileSync(file, '{"version": 1, "dismissed": {"a": "never"');
    expect(await review()).toMatchObject({ unusedDays: 90, suggestions: [expect.anything()] });
    await h.invoke('review:set-unused-days', { unusedDays: 30 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, unusedDays: 30, dismissed: {} });
  });
});
