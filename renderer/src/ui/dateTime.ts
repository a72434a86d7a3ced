/**
 * A moment as the person's own locale and time zone write it: one home for every date the window
 * shows (`<time>` texts in the detail, history, Settings, Tools).
 */
export function localDateTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** The time of day only, for a moment later today (when a device code stops working). */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

/**
 * The first localized date in a page costs tens of milliseconds (the engine loads the locale's and
 * the time zone's data, then keeps the formatter); later ones cost microseconds. The window pays
 * it while its lists are on their way, instead of inside the render of the first connection.
 */
export function warmDateFormat(): void {
  localDateTime(new Date(0).toISOString());
}
