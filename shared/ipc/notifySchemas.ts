import { z } from 'zod';
import { id } from './fields';

/**
 * System notifications: what each is about (so the person can turn kinds off), their settings, and
 * what clicking one opens in the window.
 */

/**
 * 'grant-ended': a provider no longer accepts a connection; 'tool-asks': a tool waits for an answer
 * while the window is out of sight; 'expiring' / 'expired': time-boxed access ends soon / ended;
 * 'review': the weekly review has suggestions.
 */
export const NOTIFICATION_KINDS = ['grant-ended', 'tool-asks', 'expiring', 'expired', 'review'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Which kinds the person turned off, and the quiet switch (no notification at all). New kinds start on. */
export const notificationSettingsSchema = z.strictObject({
  off: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
  quiet: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** What a clicked notification opens: a connection, a tool's question, the Review view; `{}`: just the window. */
export const appOpenSchema = z.union([
  z.strictObject({ connectionId: id }),
  z.strictObject({ requestId: id }),
  z.strictObject({ view: z.literal('review') }),
  z.strictObject({}),
]);
export type AppOpen = z.infer<typeof appOpenSchema>;
