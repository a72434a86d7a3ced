import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../testing/manualClock';
import { Scheduler, type JobRun, type ScheduledJob } from './scheduler';
import { realClock } from './realClock';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-03-01T09:00:00Z');

function file(): string {
  return join(mkdtempSync(join(tmpdir(), 'sk-schedule-')), 'schedule.json');
}

/** A handler that records what it ran and when. */
function recorder(): { runs: { job: ScheduledJob; run: JobRun }[]; handler: (job: ScheduledJob, run: JobRun) => Promise<void> } {
  const runs: { job: ScheduledJob; run: JobRun }[] = [];
  return { runs, handler: async (job, run) => void runs.push({ job, run }) };
}

describe('Scheduler', () => {
  it('runs a one-off job when the clock reaches it, once, and forgets it', async () => {
    const clock = new ManualClock(T0);
    const scheduler = Scheduler.open(file(), clock);
    const { runs, handler } = recorder();
    scheduler.handle('expire', handler);
    await scheduler.start();
    scheduler.at('expire', 'c1', new Date(T0.getTime() + DAY), { scope: 'files:write' });
    await scheduler.idle();
    clock.advance(DAY - 1);
    await scheduler.idle();
    expect(runs).toEqual([]);
    clock.advance(1);
    await scheduler.idle();
    expect(runs.map((r) => [r.job.key, r.job.data, r.run.missed, r.run.now.toISOString()])).toEqual([
      ['c1', { scope: 'files:write' }, false, new Date(T0.getTime() + DAY).toISOString()],
    ]);
    clock.advance(DAY);
    await scheduler.idle();
    expect(runs).toHaveLength(1);
    expect(scheduler.list()).toEqual([]);
  });

  it('keeps due times across restarts and tells a job it was missed while the app was closed', async () => {
    const path = file();
    const first = Scheduler.open(path, new ManualClock(T0));
    first.handle('expire', async () => undefined);
    await first.start();
    first.at('expire', 'c1', new Date(T0.getTime() + DAY));
    first.at('expire', 'c2', new Date(T0.getTime() + 3 * DAY));
    first.dispose();

    const later = new ManualClock(new Date(T0.getTime() + 2 * DAY));
    const second = Scheduler.open(path, later);
    const { runs, handler } = recorder();
    second.handle('expire', handler);
    await second.start();
    expect(runs.map((r) => [r.job.key, r.run.missed])).toEqual([['c1', true]]);
    later.advance(DAY);
    await second.idle();
    expect(runs.map((r) => [r.job.key, r.run.missed])).toEqual([['c1', true], ['c2', false]]);
  });

  it('runs a repeating job once per period with jitter, never twice at once', async () => {
    const clock = new ManualClock(T0);
    const scheduler = Scheduler.open(file(), clock, { random: () => 0.5 });
    let inFlight = 0;
    let most = 0;
    const times: string[] = [];
    scheduler.handle('liveness', async (_job, run) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      times.push(run.now.toISOString());
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
    });
    await scheduler.start();
    scheduler.every('liveness', 'c1', { everyMs: DAY, jitterMs: HOUR });
    expect(scheduler.get('liveness', 'c1')?.dueAt.getTime()).toBe(T0.getTime() + DAY + HOUR / 2);
    for (let step = 0; step < 3; step += 1) {
      clock.advance(DAY + HOUR / 2);
      void scheduler.runDue();
      await scheduler.idle();
    }
    expect(times).toHaveLength(3);
    expect(most).toBe(1);
    expect(scheduler.get('liveness', 'c1')?.dueAt.getTime()).toBe(T0.getTime() + 4 * (DAY + HOUR / 2));
  });

  it('retries a job that threw later, backing off, and resets once it succeeds', async () => {
    const clock = new ManualClock(T0);
    const scheduler = Scheduler.open(file(), clock);
    let fail = true;
    const attempts: number[] = [];
    scheduler.handle('check', async (job) => {
      attempts.push(job.failures);
      if (fail) throw new Error('offline');
    });
    await scheduler.start();
    scheduler.every('check', 'c1', { everyMs: DAY, firstAt: T0 });
    await scheduler.runDue();
    expect(scheduler.get('check', 'c1')).toMatchObject({ failures: 1, dueAt: new Date(T0.getTime() + 60_000) });
    clock.advance(60_000);
    await scheduler.idle();
    expect(scheduler.get('check', 'c1')).toMatchObject({ failures: 2, dueAt: new Date(T0.getTime() + 3 * 60_000) });
    fail = false;
    clock.advance(2 * 60_000);
    await scheduler.idle();
    expect(attempts).toEqual([0, 1, 2]);
    expect(scheduler.get('check', 'c1')).toMatchObject({ failures: 0, dueAt: new Date(T0.getTime() + 3 * 60_000 + DAY) });
  });

  it('lets a handler move or cancel its own job, and keeps jobs of kinds it does not know', async () => {
    const path = file();
    const clock = new ManualClock(T0);
    const scheduler = Scheduler.open(path, clock);
    scheduler.handle('remind', async (job) => scheduler.at('remind', job.key, new Date(T0.getTime() + 2 * HOUR)));
    scheduler.handle('once', async (job) => scheduler.cancel('once', job.key));
    await scheduler.start();
    scheduler.at('remind', 'r', T0);
    scheduler.at('once', 'o', T0);
    scheduler.at('from-a-newer-version', 'x', T0, { keep: true });
    await scheduler.runDue();
    expect(scheduler.list().map((job) => [job.kind, job.dueAt.toISOString()])).toEqual([
      ['from-a-newer-version', T0.toISOString()],
      ['remind', new Date(T0.getTime() + 2 * HOUR).toISOString()],
    ]);
    expect(JSON.parse(readFileSync(path, 'utf8')).jobs).toHaveLength(2);
  });

  it('sets a damaged schedule file aside and starts empty, saying so once', async () => {
    const path = file();
    writeFileSync(path, '{"version":1,"jobs":[{"kind":"expire"');
    const onSetAside = vi.fn();
    const scheduler = Scheduler.open(path, new ManualClock(T0), { onSetAside });
    expect(scheduler.list()).toEqual([]);
    expect(onSetAside).toHaveBeenCalledTimes(1);
    expect(onSetAside.mock.calls[0]![0]).toBe(`${path}.damaged`);
    expect(existsSync(`${path}.damaged`)).toBe(true);
    writeFileSync(path, JSON.stringify({ version: 1, jobs: [{ kind: 'expire', key: 'k', dueAt: 'soon' }] }));
    Scheduler.open(path, new ManualClock(T0), { onSetAside });
    expect(onSetAside).toHaveBeenCalledTimes(2);
  });

  it('runs nothing after dispose', async () => {
    const clock = new ManualClock(T0);
    const scheduler = Scheduler.open(file(), clock);
    const { runs, handler } = recorder();
    scheduler.handle('expire', handler);
    await scheduler.start();
    scheduler.at('expire', 'c1', new Date(T0.getTime() + HOUR));
    await scheduler.idle();
    scheduler.dispose();
    clock.advance(HOUR);
    await scheduler.runDue();
    expect(runs).toEqual([]);
    expect(clock.waiting).toBe(0);
  });
});

describe('realClock', () => {
  it('wakes at the time asked, and not when cancelled', async () => {
    const clock = realClock();
    const at = Date.now() + 20;
    const woke = await new Promise<number>((resolve) => clock.wakeAt!(new Date(at), () => resolve(Date.now())));
    expect(woke).toBeGreaterThanOrEqual(at);
    const never = vi.fn();
    const cancel = clock.wakeAt!(new Date(Date.now() + 5), never);
    cancel();
    await new Promise<void>((resolve) => clock.wakeAt!(new Date(Date.now() + 30), resolve));
    expect(never).not.toHaveBeenCalled();
  });
});

describe('ManualClock', () => {
  it('runs on real time when not fixed, wakes by itself, and wakes at once on a move past the time', async () => {
    const clock = new ManualClock();
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    await new Promise<void>((resolve) => clock.wakeAt(new Date(clock.now().getTime() + 15), resolve));
    const woken: string[] = [];
    clock.wakeAt(new Date(clock.now().getTime() + 2 * DAY), () => woken.push('later'));
    clock.wakeAt(new Date(clock.now().getTime() + DAY), () => woken.push('sooner'));
    clock.advance(3 * DAY);
    expect(woken).toEqual(['sooner', 'later']);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before + 3 * DAY);
    expect(() => clock.advance(-1)).toThrow('only moves forward');
  });
});
