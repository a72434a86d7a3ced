import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReviewView, SuggestionView } from '../../../shared/ipc/contract';
import { ManualClock } from '../../testing/manualClock';
import type { AppNotification } from '../ports';
import { Scheduler } from '../schedule/scheduler';
import { scheduleWeeklyReview } from './weekly';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const T0 = new Date('2026-03-01T09:00:00Z');

const found = (n: number): ReviewView => ({
  unusedDays: 90,
  suggestions: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, title: `Take back ${i}` }) as SuggestionView),
});

/** The weekly review on a clock the test moves: what it notified, and a way to change what the review finds. */
async function weekly(path: string, clock: ManualClock, count: { n: number }) {
  const scheduler = Scheduler.open(path, clock, { random: () => 0.5 });
  const shown: AppNotification[] = [];
  scheduleWeeklyReview(scheduler, { list: () => found(count.n) }, { show: (n) => void shown.push(n) });
  await scheduler.start();
  return { scheduler, shown };
}

describe('the weekly review', () => {
  it('runs a week (plus jitter) after it was set, then every week, and notifies only when it finds something', async () => {
    const clock = new ManualClock(T0);
    const count = { n: 2 };
    const { scheduler, shown } = await weekly(join(mkdtempSync(join(tmpdir(), 'sk-weekly-')), 'schedule.json'), clock, count);
    clock.advance(WEEK);
    await scheduler.idle();
    expect(shown).toEqual([]);
    clock.advance(HOUR / 2);
    await scheduler.idle();
    expect(shown).toEqual([
      {
        kind: 'review',
        title: '2 suggestions to review',
        body: 'Scopekeeper found permissions your tools have not used or do not need. Open Review to take them back.',
        opens: { view: 'review' },
      },
    ]);
    count.n = 0;
    clock.advance(WEEK + HOUR);
    await scheduler.idle();
    expect(shown).toHaveLength(1);
    count.n = 1;
    clock.advance(WEEK + HOUR);
    await scheduler.idle();
    expect(shown.map((n) => n.title)).toEqual(['2 suggestions to review', '1 suggestion to review']);
    scheduler.dispose();
  });

  it('a week that passed while the app was closed is reviewed at the next start, once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sk-weekly-')), 'schedule.json');
    const first = await weekly(path, new ManualClock(T0), { n: 3 });
    first.scheduler.dispose();
    const later = await weekly(path, new ManualClock(new Date(T0.getTime() + 3 * WEEK)), { n: 3 });
    await later.scheduler.idle();
    expect(later.shown.map((n) => n.title)).toEqual(['3 suggestions to review']);
    expect(later.scheduler.list('review')[0]!.dueAt.getTime()).toBeGreaterThan(T0.getTime() + 3 * WEEK);
    later.scheduler.dispose();
  });
});
