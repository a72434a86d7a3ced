import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxHarnesses } from '../../../e2e/brokerFixture';
import type { BrokerHarness } from '../../../e2e/brokerHarness';
import { readTokens } from '../../../e2e/vaultFile';
import type { ChangeOutcome, ChangePlan, ConnectionList, ConnectionView, RemovedConnectionView } from '../../../shared/ipc/contract';
import { ManualClock } from '../../testing/manualClock';
import { EXPIRY_JOB, EXPIRY_NOTICE_JOB } from './expiries';

/**
 * Access given for a while, against the real Sandbox, on a clock the test moves: taken back on
 * time, and at the next start when its time came while the app was closed (the core opened again
 * on the same data folder). "Just this session" keeps no refresh token and is gone after a restart.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const harnesses = withSandboxHarnesses();
const sandbox = { introspect: (token: string) => harnesses.sandbox().introspect(token) };

async function start(clock: ManualClock, dataDir?: string): Promise<BrokerHarness> {
  const h = await harnesses.start({ clock, ...(dataDir ? { dataDir } : {}) });
  await h.core.started();
  return h;
}

/** A connection as the window sees it once shown: listed, then its detail. */
const connection = async (harness: BrokerHarness, id: string): Promise<ConnectionView | undefined> =>
  ((await harness.invoke('grants:list')) as ConnectionList).connections.some((c) => c.id === id)
    ? ((await harness.invoke('grants:detail', { connectionId: id })) as ConnectionView)
    : undefined;
const removed = async (harness: BrokerHarness, id: string): Promise<RemovedConnectionView | undefined> =>
  ((await harness.invoke('history:list-removed')) as RemovedConnectionView[]).find((c) => c.connectionId === id);

/** Files and tasks until taken back, and "Create and change your files" added for one day. */
async function withFilesWriteForADay(harness: BrokerHarness): Promise<{ id: string; outcome: ChangeOutcome }> {
  const id = await harness.connectSandbox(['files:read', 'tasks:read']);
  const plan = (await harness.invoke('grants:plan-change', { connectionId: id, add: ['files:write'] })) as ChangePlan;
  const outcome = (await harness.invoke('grants:apply-plan', { planId: plan.planId, lasts: '1d' })) as ChangeOutcome;
  return { id, outcome };
}

/** Moves the clock and waits for the jobs that came due to finish. */
async function advance(clock: ManualClock, harness: BrokerHarness, ms: number): Promise<void> {
  clock.advance(ms);
  await harness.core.scheduler.idle();
}

describe('a permission given for 1 day', () => {
  it('is taken back at 24 h (an hour’s notice first), the grant revoked at the Sandbox, and history says why', async () => {
    const clock = new ManualClock(new Date());
    const harness = await start(clock);
    const given = clock.now().getTime();
    const { id, outcome } = await withFilesWriteForADay(harness);
    const box = outcome.connection!.granted.find((s) => s.scope === 'files:write')!.timeBox!;
    expect(box.chosen).toBe('1d');
    expect(Date.parse(box.until) - given).toBeGreaterThanOrEqual(DAY);
    expect(outcome.connection!.granted.find((s) => s.scope === 'files:read')!.timeBox).toBeUndefined();
    const before = await readTokens(harness.dataDir, id);
    const untilMs = Date.parse(box.until) - clock.now().getTime();

    await advance(clock, harness, untilMs - HOUR - 1);
    expect(harness.notifications).toEqual([]);
    await advance(clock, harness, 1);
    expect(harness.notifications).toEqual([
      expect.objectContaining({ kind: 'expiring', opens: { connectionId: id }, body: expect.stringMatching(/^“Create and change your files” expires in 1 h \(you chose 1 day\)\. Scopekeeper takes it back then\.$/) }),
    ]);
    await advance(clock, harness, HOUR - 1);
    expect((await connection(harness, id))?.grantedScopes).toContain('files:write');

    await advance(clock, harness, 1);
    const after = (await connection(harness, id))!;
    // The Sandbox's first way to take one back is revoke and re-consent: revoked now, the rest waits for the person.
    expect(after.state).toBe('disconnected');
    expect(after.restore.map((s) => s.scope)).toEqual(expect.arrayContaining(['files:read', 'tasks:read']));
    expect(after.restore.map((s) => s.scope)).not.toContain('files:write');
    expect(after.history.at(-1)).toMatchObject({ kind: 'revoked', scopes: ['files:write'], message: expect.stringMatching(/^Expired \(chosen for 1 day\); taken back\. Sandbox forgot the whole grant/) });
    expect((await sandbox.introspect(before.refreshToken!)).active).toBe(false);
    expect(harness.notifications.at(-1)).toMatchObject({ kind: 'expired', opens: { connectionId: id } });
    // Nothing about the expiry is left to run (the weekly review and other kinds are not this test's).
    expect(harness.core.scheduler.list().filter((job) => job.kind === EXPIRY_JOB || job.kind === EXPIRY_NOTICE_JOB)).toEqual([]);
  });

  it('is taken back at the next start when the app was closed at 24 h, even with schedule.json lost', async () => {
    const clock = new ManualClock(new Date());
    const first = await start(clock);
    const { id } = await withFilesWriteForADay(first);
    const dataDir = first.dataDir;
    await harnesses.stop();
    rmSync(join(dataDir, 'schedule.json'));
    clock.advance(DAY + HOUR);

    const again = await start(clock, dataDir);
    const after = (await connection(again, id))!;
    expect(after.grantedScopes).not.toContain('files:write');
    expect(after.history.at(-1)).toMatchObject({
      kind: 'revoked',
      message: expect.stringMatching(/^Expired while Scopekeeper was closed \(chosen for 1 day\); taken back at start\./),
    });
  });

  it('a scope asked for again "until I take it back" ends its old box', async () => {
    const clock = new ManualClock(new Date());
    const harness = await start(clock);
    const { id } = await withFilesWriteForADay(harness);
    const remove = (await harness.invoke('grants:plan-change', { connectionId: id, remove: ['files:write'] })) as ChangePlan;
    await harness.invoke('grants:apply-plan', { planId: remove.planId });
    const add = (await harness.invoke('grants:plan-change', { connectionId: id, add: ['files:write'] })) as ChangePlan;
    const outcome = (await harness.invoke('grants:apply-plan', { planId: add.planId })) as ChangeOutcome;
    expect(outcome.connection!.granted.find((s) => s.scope === 'files:write')!.timeBox).toBeUndefined();
    await advance(clock, harness, 2 * DAY);
    expect((await connection(harness, id))!.grantedScopes).toContain('files:write');
  });

  it('refuses a time box on a plan that adds nothing, and changes nothing', async () => {
    const harness = await start(new ManualClock());
    const id = await harness.connectSandbox(['files:read', 'tasks:read']);
    const plan = (await harness.invoke('grants:plan-change', { connectionId: id, remove: ['tasks:read'] })) as ChangePlan;
    await expect(harness.invoke('grants:apply-plan', { planId: plan.planId, lasts: '1d' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(harness.invoke('grants:apply-plan', { planId: plan.planId, lasts: '2d' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await connection(harness, id))!.grantedScopes).toContain('tasks:read');
  });
});

describe('a connection given for 1 hour', () => {
  it('is removed at the hour as Remove connection does: revoked at the Sandbox, history says why', async () => {
    const clock = new ManualClock(new Date());
    const harness = await start(clock);
    const view = (await harness.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read'], lasts: '1h' })) as ConnectionView;
    expect(view.timeBox?.chosen).toBe('1h');
    expect(view.history.at(-1)?.message).toMatch(/, for 1 hour\.$/);
    const tokens = await readTokens(harness.dataDir, view.id);
    await advance(clock, harness, Date.parse(view.timeBox!.until) - clock.now().getTime());
    expect(await connection(harness, view.id)).toBeUndefined();
    const gone = (await removed(harness, view.id))!;
    expect(gone.history.at(-1)?.message).toBe('Expired (chosen for 1 hour); taken back. Sandbox revoked Scopekeeper’s access; the connection is removed.');
    expect((await sandbox.introspect(tokens.refreshToken!)).active).toBe(false);
    expect(harness.notifications).toEqual([expect.objectContaining({ kind: 'expired', title: 'Sandbox: alex@sandbox.test' })]);
  });

  it('hands out no token once its time is over, even before the take-back ran', async () => {
    const clock = new ManualClock(new Date());
    const harness = await start(clock);
    const view = (await harness.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read'], lasts: '1h' })) as ConnectionView;
    // The job is held back (the scheduler is busy): the token service alone must refuse.
    harness.core.scheduler.dispose();
    clock.advance(HOUR);
    await expect(harness.core.tokens.freshAccessToken(view.id)).rejects.toMatchObject({ code: 'CONNECTION_REVOKED' });
  });
});

describe('just this session', () => {
  it('keeps no refresh token, asks none, and is gone after a restart with history saying it ended at quit', async () => {
    const clock = new ManualClock(new Date());
    const first = await start(clock);
    const view = (await first.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read'], lasts: 'session' })) as ConnectionView;
    expect(view.sessionOnly).toBe(true);
    expect(view.requestedScopes).not.toContain('offline_access');
    expect(view.grantedScopes).not.toContain('offline_access');
    const tokens = await readTokens(first.dataDir, view.id);
    expect(tokens.refreshToken).toBeUndefined();
    const dataDir = first.dataDir;
    await harnesses.stop();
    expect((await sandbox.introspect(tokens.accessToken)).active).toBe(false);

    const again = await start(clock, dataDir);
    expect(await connection(again, view.id)).toBeUndefined();
    expect((await removed(again, view.id))!.history.at(-1)?.message).toBe('Ended when Scopekeeper quit (just this session). Sandbox revoked Scopekeeper’s access.');
  });

  it('is removed at the next start when the app died instead, and history says so', async () => {
    const clock = new ManualClock(new Date());
    const first = await start(clock);
    const view = (await first.invoke('grants:connect', { providerId: 'sandbox', scopes: ['files:read'], lasts: 'session' })) as ConnectionView;
    await first.core.settled();
    // The data folder as a crash leaves it: copied while the app still runs, so nothing was ended.
    const crashed = mkdtempSync(join(tmpdir(), 'sk-crashed-'));
    cpSync(first.dataDir, crashed, { recursive: true, filter: (source) => !source.endsWith('broker.sock') });
    await harnesses.stop();

    const again = await start(clock, crashed);
    expect(await connection(again, view.id)).toBeUndefined();
    expect((await removed(again, view.id))!.history.at(-1)?.message).toMatch(/^Scopekeeper did not quit normally, so this session’s connection was removed at start\./);
  });

  it('is refused for a provider whose tokens never expire and cannot be revoked', async () => {
    const harness = await start(new ManualClock());
    const github = ((await harness.invoke('providers:list')) as { id: string; sessionOnly: { offered: boolean; note?: string } }[]).find((p) => p.id === 'github')!;
    expect(github.sessionOnly).toEqual({ offered: false, note: expect.stringMatching(/^GitHub’s token does not expire and Scopekeeper cannot revoke it/) });
    const sandboxView = ((await harness.invoke('providers:list')) as { id: string; sessionOnly: { offered: boolean } }[]).find((p) => p.id === 'sandbox')!;
    expect(sandboxView.sessionOnly).toEqual({ offered: true });
  });
});
