import { timeBoxEnd, type TimeBox } from '../../../shared/timeBox';
import type { ConnectionRecord, StoredTimeBox } from '../vault/schema';

/** The time box a choice made now stands for. */
export function boxFor(chosen: TimeBox, now: Date): StoredTimeBox {
  return { until: timeBoxEnd(chosen, now).toISOString(), chosen };
}

/**
 * The record's per-permission time boxes after a change: kept for the scopes it still `holds`
 * (granted, or waiting to be restored), and for each scope just `added` the person's new choice
 * (`lasts`; none: until they take it back, which also ends an old box on a scope asked again).
 * A scope the provider calls `__proto__` is a key like any other.
 */
export function scopeBoxesAfter(
  record: Pick<ConnectionRecord, 'scopeTimeBoxes'>,
  holds: readonly string[],
  added: readonly string[],
  lasts: TimeBox | undefined,
  now: Date,
): Pick<ConnectionRecord, 'scopeTimeBoxes'> {
  const previous = record.scopeTimeBoxes ?? {};
  const fresh = new Set(added);
  const entries: [string, StoredTimeBox][] = [];
  for (const scope of new Set(holds)) {
    if (fresh.has(scope)) {
      if (lasts !== undefined) entries.push([scope, boxFor(lasts, now)]);
    } else if (Object.hasOwn(previous, scope)) {
      entries.push([scope, previous[scope]!]);
    }
  }
  return entries.length > 0 ? { scopeTimeBoxes: Object.fromEntries(entries) } : {};
}

/** The record without what a change replaces: its per-permission boxes and a pending "take it back yourself". */
export function withoutChangeMarks<R extends Pick<ConnectionRecord, 'scopeTimeBoxes' | 'takeBackAsked'>>(record: R): Omit<R, 'scopeTimeBoxes' | 'takeBackAsked'> {
  const { scopeTimeBoxes: _boxes, takeBackAsked: _asked, ...rest } = record;
  return rest;
}

/** The record with per-permission boxes only for the scopes it still `holds`. */
export function keepBoxesFor<R extends Pick<ConnectionRecord, 'scopeTimeBoxes'>>(record: R, holds: readonly string[]): R {
  const { scopeTimeBoxes: _old, ...rest } = record;
  // `now` only stamps added scopes, and none are added here.
  return { ...rest, ...scopeBoxesAfter(record, holds, [], undefined, new Date(0)) } as R;
}
