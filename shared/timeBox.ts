/**
 * How long the person gives access for: a connection, a permission, or a tool's approval may end by
 * itself after one of these. Absent means "until I take it back". Core turns the choice into a time
 * with its own clock (never a time from the window), keeps it in the vault, and takes the access
 * back then; the window shows what is left from the same time.
 */
export const TIME_BOXES = ['1h', '1d', '7d', '30d'] as const;
export type TimeBox = (typeof TIME_BOXES)[number];

const HOUR_MS = 3_600_000;
export const TIME_BOX_MS: Readonly<Record<TimeBox, number>> = { '1h': HOUR_MS, '1d': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };

/** "1 hour", "1 day", "7 days", "30 days": how the choice reads in a sentence ("for 1 day"). */
export const TIME_BOX_LABELS: Readonly<Record<TimeBox, string>> = { '1h': '1 hour', '1d': '1 day', '7d': '7 days', '30d': '30 days' };

/**
 * How long a tool's approval lasts: once (its first call, or ten minutes), for a while, or always.
 * The timed ones are the same time boxes as for connections and permissions.
 */
export const APPROVAL_MODES = ['once', 'hour', 'day', 'week', 'month', 'always'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const APPROVAL_TIME_BOXES: Readonly<Record<Exclude<ApprovalMode, 'once' | 'always'>, TimeBox>> = { hour: '1h', day: '1d', week: '7d', month: '30d' };

/** When access chosen `box` at `now` ends. */
export function timeBoxEnd(box: TimeBox, now: Date): Date {
  return new Date(now.getTime() + TIME_BOX_MS[box]);
}

/**
 * "Expires in 23 h", "Expires in 45 min", "Expires in 6 days"; "Expires now" once the time has
 * come (core takes it back as it does). Rounded down, so it never promises more than is left.
 */
export function timeLeftText(expiresAt: string, now: Date): string {
  const left = Date.parse(expiresAt) - now.getTime();
  if (!(left > 0)) return 'Expires now';
  const minutes = Math.floor(left / 60_000);
  if (minutes < 1) return 'Expires in less than a minute';
  if (minutes < 60) return `Expires in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `Expires in ${hours} h`;
  const days = Math.floor(hours / 24);
  return `Expires in ${days} days`;
}
