import { z } from 'zod';
import { removedConnectionViewSchema } from './connectionSchemas';
import { appErrorSchema } from './errors';
import { id } from './fields';

/**
 * Remove all (Settings): every connection, or every connection of one provider, shown with what
 * happens at its provider, then removed one by one through the usual Remove connection.
 */

/**
 * What removing a connection does at its provider:
 * 'revoke': the provider revokes Scopekeeper's access through its API;
 * 'open-console': the provider has no way for apps to revoke, so its page opens for the person;
 * 'remove-here': only this computer forgets it (nothing live to revoke with, or the provider cannot be reached here).
 */
export const removalActionSchema = z.enum(['revoke', 'open-console', 'remove-here']);
export type RemovalAction = z.infer<typeof removalActionSchema>;

/** A connection to remove (named as a removed one is), and what happens to it. */
export const removalItemSchema = removedConnectionViewSchema.pick({ connectionId: true, providerId: true, providerName: true, account: true }).extend({
  action: removalActionSchema,
  /** What happens at the provider and here, in plain language. */
  description: z.string(),
});
export type RemovalItem = z.infer<typeof removalItemSchema>;

/** Shown to the person before anything is removed; `planId` is what confirming sends back. */
export const removeAllPlanSchema = z.object({
  planId: id,
  /** Set when the plan covers one provider's connections only. */
  providerId: id.optional(),
  items: z.array(removalItemSchema),
});
export type RemoveAllPlan = z.infer<typeof removeAllPlanSchema>;

/** One connection's result: removed (with what happened), or failed and still saved (with why). */
export const removalResultSchema = z.object({
  connectionId: id,
  state: z.enum(['removed', 'failed']),
  message: z.string(),
  error: appErrorSchema.optional(),
});
export type RemovalResult = z.infer<typeof removalResultSchema>;

export const removeAllOutcomeSchema = z.object({ planId: id, results: z.array(removalResultSchema) });
export type RemoveAllOutcome = z.infer<typeof removeAllOutcomeSchema>;

/** Pushed while a run goes: connection `index` (0-based) of `of` starts, then ends with its result. */
export const removeAllProgressSchema = z.object({
  planId: id,
  index: z.number().int().min(0),
  of: z.number().int().min(1),
  connectionId: id,
  state: z.enum(['running', 'removed', 'failed']),
  result: removalResultSchema.optional(),
});
export type RemoveAllProgress = z.infer<typeof removeAllProgressSchema>;
