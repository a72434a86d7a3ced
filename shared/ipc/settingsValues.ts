/**
 * Values of settings the window needs at run time, kept apart from the schemas beside them (which
 * are zod, which the window does not load: scripts/vite/noZodInWindow.ts).
 */

/** The longest "unused for" period the person may set: ten years. */
export const MAX_UNUSED_DAYS = 3650;

/**
 * 'grant-ended': a provider no longer accepts a connection; 'tool-asks': a tool waits for an answer
 * while the window is out of sight; 'expiring' / 'expired': time-boxed access ends soon / ended;
 * 'review': the weekly review has suggestions.
 */
export const NOTIFICATION_KINDS = ['grant-ended', 'tool-asks', 'expiring', 'expired', 'review'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
