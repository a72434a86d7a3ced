import { z } from 'zod';
import { MAX_UNUSED_DAYS } from './settingsValues';
import { SUGGESTION_KINDS } from '../review/advisor';
import { id, scope } from './fields';

/** The Review view: what Scopekeeper proposes to take back (shared/review/advisor.ts), and its settings. */

/** A suggestion's id: its kind, connection and scope (a scope may be a long URL). */
export const suggestionId = z.string().min(1).max(800);

export const proposedChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change'), add: z.array(scope), remove: z.array(scope) }),
  z.object({ kind: z.literal('disconnect') }),
]);

export const suggestionSchema = z.object({
  id: suggestionId,
  kind: z.enum(SUGGESTION_KINDS),
  connectionId: id,
  providerName: z.string(),
  account: z.string(),
  title: z.string(),
  reason: z.string(),
  change: proposedChangeSchema,
});
export type SuggestionView = z.infer<typeof suggestionSchema>;

export { MAX_UNUSED_DAYS };
export const unusedDays = z.number().int().min(1).max(MAX_UNUSED_DAYS);

export const reviewViewSchema = z.object({
  /** A permission or connection no tool used for this many days is proposed for taking back. */
  unusedDays,
  /** Not dismissed ones, connection by connection. */
  suggestions: z.array(suggestionSchema),
  /** Actions an app update brought that the person has not reviewed, connection by connection; `off`: tools cannot use them yet. */
  newActions: z
    .array(z.object({ connectionId: id, providerName: z.string(), account: z.string(), actions: z.array(z.object({ id, title: z.string(), off: z.boolean() })) }))
    .optional(),
});
export type ReviewView = z.infer<typeof reviewViewSchema>;
