/**
 * A moment as the person's own locale and time zone write it: one home for every date the window
 * shows (`<time>` texts in the detail, history, Settings, Tools). The first one's one-time cost is
 * paid by a worker as the window starts (public/warm-intl.js).
 */
export function localDateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** The time of day only, for a moment later today (when a device code stops working). */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

