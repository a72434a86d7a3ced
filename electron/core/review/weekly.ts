import type { Notifier } from '../ports';
import type { Scheduler } from '../schedule/scheduler';
import type { ReviewService } from './review';

export const REVIEW_JOB = 'review';
const WEEK_MS = 7 * 86_400_000;
/** Spread over an hour, so the review does not always land at the same minute as the app's other work. */
const JITTER_MS = 3_600_000;

/** "1 suggestion to review", "3 suggestions to review". */
export function reviewTitle(count: number): string {
  return `${count} ${count === 1 ? 'suggestion' : 'suggestions'} to review`;
}

/**
 * The review, once a week in the background (a week after it was first set, kept across restarts
 * by the scheduler; a week missed while the app was closed runs at the next start). When it finds
 * anything, one notification says how much; clicking it opens the Review view. It changes nothing.
 */
export function scheduleWeeklyReview(scheduler: Scheduler, review: Pick<ReviewService, 'list'>, notifier: Notifier | undefined): void {
  scheduler.handle(REVIEW_JOB, async () => {
    const count = review.list().suggestions.length;
    if (count === 0) return;
    notifier?.show({
      kind: 'review',
      title: reviewTitle(count),
      body: 'Scopekeeper found permissions your tools have not used or do not need. Open Review to take them back.',
      opens: { view: 'review' },
    });
  });
  scheduler.every(REVIEW_JOB, 'weekly', { everyMs: WEEK_MS, jitterMs: JITTER_MS });
}
