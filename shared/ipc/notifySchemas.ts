import { z } from 'zod';
import { id } from './fields';
import { NOTIFICATION_KINDS, type NotificationKind } from './settingsValues';

/**
 * System notifications: what each is about (so the person can turn kinds off), their settings, and
 * what clicking one opens in the window.
 */

export { NOTIFICATION_KINDS, type NotificationKind };

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
