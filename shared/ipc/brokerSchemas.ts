import { z } from 'zod';
import { ACTION_EFFECTS } from '../catalog/types';
import { id, isoDate, scope } from './fields';
import { changePlanSchema } from './flowSchemas';
import { APPROVAL_MODES } from '../timeBox';

/** The broker as the window sees it: approval requests, approved tools, the calls they made. */

/** Someone the broker asks about: a connection as the person knows it. */
const brokerConnectionSchema = z.object({ id, providerName: z.string(), account: z.string() });

export const BROKER_DECISIONS = ['allow-once', 'allow-hour', 'allow-day', 'allow-week', 'allow-month', 'allow-always', 'deny'] as const;
export type BrokerDecision = (typeof BROKER_DECISIONS)[number];

/**
 * What the dialog's separate handout step says a token handed to the tool could do: only each
 * action's own permissions (`narrowed`: the provider mints narrower tokens), or else everything
 * the connection can do, per account the person may choose, in plain language.
 */
/** Why the provider cannot end one given token alone (see brokerHandedOutViewSchema). */
const notAloneSchema = z.enum(['whole-grant', 'own-token', 'no-endpoint']);

export const brokerHandoutOfferSchema = z.object({
  narrowed: z.boolean(),
  everything: z.array(z.object({ connectionId: id, can: z.array(z.string()) })),
  /** Why a token given could not be ended alone later, which says whether disconnecting ends it. */
  notAlone: notAloneSchema,
});
export type BrokerHandoutOffer = z.infer<typeof brokerHandoutOfferSchema>;

/**
 * A tool asks the person: access to actions on a connection (kind 'access'); during a call, a
 * scope the connection lacks (kind 'step-up', with the change plan the person confirms); or this
 * one call of an action that sends, deletes or shares (kind 'confirm', with `call`).
 */
export const brokerApprovalRequestSchema = z.object({
  requestId: id,
  kind: z.enum(['access', 'step-up', 'confirm']),
  /**
   * The tool as the person sees it: a name no other tool has (a second "my-agent" is "my-agent (2)",
   * with `claimedName` the name it gave); `known` when it presented the secret of a tool approved
   * before; `program`, the executable the OS shows at the other end of the socket, or "unknown program".
   */
  tool: z.object({ name: z.string(), claimedName: z.string().optional(), known: z.boolean(), program: z.string().optional() }),
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
  /** With `tokenHandout`: what such a token could do. */
  handout: brokerHandoutOfferSchema.optional(),
  /**
   * Access only: the one resource the tool named (`octo/hello`, a "repository"). The person may
   * limit the approval to it ("Only octo/hello", the default) or allow any.
   */
  resource: z.object({ label: z.string(), noun: z.string() }).optional(),
  /** Step-up only: what adding the missing scope involves. */
  plan: changePlanSchema.optional(),
  /** Access only: the longest approval the managed policy allows (longer choices are not offered; core refuses them). */
  longest: z.enum(APPROVAL_MODES).optional(),
  /** The tool asked for tokens and the managed policy refuses them: why, in words ("Blocked by your organisation's policy"). */
  handoutBlocked: z.string().max(200).optional(),
  /**
   * Step-up only, instead of a plan: what it needs that the connection's fixed list does not have
   * ("Missing scope"). Nothing is added: the person may add it to the list, and the tool ask again.
   */
  outsideList: z.array(z.object({ scope, title: z.string() })).max(200).optional(),
  requestedAt: isoDate,
  expiresAt: isoDate,
});
export type BrokerApprovalRequest = z.infer<typeof brokerApprovalRequestSchema>;

export const brokerApprovalClosedSchema = z.object({ requestId: id, outcome: z.enum(['answered', 'timed-out', 'withdrawn']) });
export type BrokerApprovalClosed = z.infer<typeof brokerApprovalClosedSchema>;

/** A token handed to a tool that may still work (its approval may have ended since). */
export const brokerHandedOutViewSchema = z.object({
  connection: brokerConnectionSchema,
  actionId: id,
  actionTitle: z.string(),
  at: isoDate,
  /** Absent: the provider gave it no expiry. */
  expiresAt: isoDate.optional(),
  /**
   * Why the provider cannot end this token alone, which also says how it can end before it expires:
   * 'whole-grant': revoking it there ends every token of the connection, so disconnecting ends it;
   * 'own-token': it is the connection's own token, so disconnecting ends it;
   * 'no-endpoint': the provider lets no app end a token, so it works until it expires whatever Scopekeeper does.
   */
  notAlone: notAloneSchema,
});
export type BrokerHandedOutView = z.infer<typeof brokerHandedOutViewSchema>;

/**
 * How a person connects a tool to this app (the Tools view's empty state): the MCP server entry
 * a host starts (`mcpLaunch`, shared/mcpConfig.ts), and the data folder tools find the app by,
 * with whether it is not where the command looks by default (then the entry carries
 * SCOPEKEEPER_DATA_DIR, and so must a shell that runs the command).
 */
export const toolSetupSchema = z.object({
  launch: z.object({ command: z.string().min(1), args: z.array(z.string()), env: z.record(z.string(), z.string()).optional() }),
  dataDir: z.string().min(1),
  dataDirMoved: z.boolean(),
});
export type ToolSetup = z.infer<typeof toolSetupSchema>;

/** A tool the person approved, for the Tools view. */
export const brokerToolViewSchema = z.object({
  id,
  name: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.optional(),
  calls: z.number().int().nonnegative(),
  /** Some approval of it comes with the token handout. */
  tokenHandout: z.boolean(),
  handedOut: z.array(brokerHandedOutViewSchema),
  /** The executable it was first seen from, when the OS told (Linux). */
  program: z.string().optional(),
  /** Other executables that presented its secret since: a copied secret shows here. */
  otherPrograms: z.array(z.object({ program: z.string(), firstSeenAt: isoDate })).optional(),
  /** Where the tool says it keeps its secret (its own word, from `hello`); absent when it never said. */
  secretStore: z.enum(['keychain', 'file']).optional(),
  approvals: z.array(
    z.object({
      connectionId: id,
      /** Absent when the connection was removed since. */
      connection: brokerConnectionSchema.optional(),
      actionId: id,
      actionTitle: z.string(),
      mode: z.enum(APPROVAL_MODES),
      expiresAt: isoDate.optional(),
      /** This approval also lets the tool receive access tokens. */
      tokenHandout: z.boolean(),
      /** It covers only calls naming this resource (`octo/hello`); absent: any. */
      resource: z.string().optional(),
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
  /** A handout: the scopes the token carries. */
  scopes: z.array(scope).optional(),
  /** The executable that really called (the OS's word, or "unknown program"); absent in older lines. */
  program: z.string().optional(),
  /** The managed policy refused it: what and whose rule, in words. */
  blocked: z.string().max(300).optional(),
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
  /** When a tool last used it: its latest call that reached the provider, or token handed out; absent: never. */
  lastUsedAt: isoDate.optional(),
});
export type ConnectionUsage = z.infer<typeof connectionUsageSchema>;
