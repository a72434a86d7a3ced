import { z } from 'zod';
import { ACTION_EFFECTS } from '../catalog/types';
import { id, isoDate, scope } from './fields';
import { changePlanSchema } from './flowSchemas';

/** The broker as the window sees it: approval requests, approved tools, the calls they made. */

/** Someone the broker asks about: a connection as the person knows it. */
const brokerConnectionSchema = z.object({ id, providerName: z.string(), account: z.string() });

export const BROKER_DECISIONS = ['allow-once', 'allow-week', 'allow-always', 'deny'] as const;
export type BrokerDecision = (typeof BROKER_DECISIONS)[number];

/**
 * A tool asks the person: access to actions on a connection (kind 'access'); during a call, a
 * scope the connection lacks (kind 'step-up', with the change plan the person confirms); or this
 * one call of an action that sends, deletes or shares (kind 'confirm', with `call`).
 */
export const brokerApprovalRequestSchema = z.object({
  requestId: id,
  kind: z.enum(['access', 'step-up', 'confirm']),
  /** The name the tool gave; `known` when it presented the secret of a tool approved before. */
  tool: z.object({ name: z.string(), known: z.boolean() }),
  reason: z.string().optional(),
  providerName: z.string(),
  /** The connection asked about; absent when the tool asked for "an account of" the provider. */
  connection: brokerConnectionSchema.optional(),
  /** The accounts the person may choose from when no connection was named. */
  candidates: z.array(brokerConnectionSchema),
  actions: z.array(
    z.object({
      id,
      title: z.string(),
      /** What it needs, in plain language, and whether the connection already has it. */
      needs: z.array(z.object({ scope, title: z.string(), granted: z.boolean() })),
      /** It sends, deletes or shares: each call is confirmed, even under "Always allow". */
      effect: z.enum(ACTION_EFFECTS).optional(),
    }),
  ),
  /** Confirm only: the call waiting for the person (never its query values or body). */
  call: z.object({ method: z.string(), host: z.string(), path: z.string() }).optional(),
  /** The tool also asks to receive short-lived access tokens itself (off unless the person allows it). */
  tokenHandout: z.boolean(),
  /** Step-up only: what adding the missing scope involves. */
  plan: changePlanSchema.optional(),
  requestedAt: isoDate,
  expiresAt: isoDate,
});
export type BrokerApprovalRequest = z.infer<typeof brokerApprovalRequestSchema>;

export const brokerApprovalClosedSchema = z.object({ requestId: id, outcome: z.enum(['answered', 'timed-out', 'withdrawn']) });
export type BrokerApprovalClosed = z.infer<typeof brokerApprovalClosedSchema>;

/** A tool the person approved, for the Tools view. */
export const brokerToolViewSchema = z.object({
  id,
  name: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.optional(),
  calls: z.number().int().nonnegative(),
  tokenHandout: z.boolean(),
  approvals: z.array(
    z.object({
      connectionId: id,
      /** Absent when the connection was removed since. */
      connection: brokerConnectionSchema.optional(),
      actionId: id,
      actionTitle: z.string(),
      mode: z.enum(['once', 'week', 'always']),
      expiresAt: isoDate.optional(),
      lastUsedAt: isoDate.optional(),
      calls: z.number().int().nonnegative(),
      /** The action sends, deletes or shares; then whether each call is confirmed (the person may turn it off). */
      effect: z.enum(ACTION_EFFECTS).optional(),
      confirmEachCall: z.boolean().optional(),
    }),
  ),
});
export type BrokerToolView = z.infer<typeof brokerToolViewSchema>;

/**
 * One call a tool made through the broker, as the audit log shows it: who, which action, method,
 * host and path. Never a query value or a body (only the query parameters' names).
 */
export const brokerCallViewSchema = z.object({
  at: isoDate,
  toolId: id,
  tool: z.string(),
  connectionId: id,
  actionId: z.string(),
  actionTitle: z.string(),
  method: z.string(),
  host: z.string(),
  path: z.string(),
  queryNames: z.array(z.string()).optional(),
  /** The provider's HTTP status, when the request reached it. */
  status: z.number().int().optional(),
  /** 'ok' when forwarded, 'token-handout', or the broker's refusal code. */
  outcome: z.string(),
});
export type BrokerCallView = z.infer<typeof brokerCallViewSchema>;

/** A tool that used a permission through the broker, and when it last did. */
export const scopeUserSchema = z.object({ toolId: id, name: z.string(), lastUsedAt: isoDate, calls: z.number().int().positive() });
export type ScopeUser = z.infer<typeof scopeUserSchema>;

/**
 * What tools did with one connection: per granted permission the tools whose calls needed it (a
 * granted scope with no users is one nothing uses), and the latest calls, newest first.
 */
export const connectionUsageSchema = z.object({
  connectionId: id,
  /** Whether any tool was ever approved for, or called through, this connection. */
  toolsInvolved: z.boolean(),
  usedBy: z.array(z.object({ scope, tools: z.array(scopeUserSchema) })),
  calls: z.array(brokerCallViewSchema),
  /** Every call logged for this connection (the list above holds the latest ones). */
  totalCalls: z.number().int().nonnegative(),
});
export type ConnectionUsage = z.infer<typeof connectionUsageSchema>;
