/**
 * A moment as the person's own locale and time zone write it: one home for every date the window
 * shows (`<time>` texts in the detail, history, Settings, Tools). What the first render with data
 * shows goes through LocalDateTime.tsx, which writes it in the render after.
 */
export function localDateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** The time of day only, for a moment later today (when a device code stops working). */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

