import { z } from 'zod';
import { connectionViewSchema, explainedScopeSchema } from './connectionSchemas';
import { appErrorSchema } from './errors';
import { id, isoDate, scope } from './fields';

/** A sign-in in progress, and a scope change: its plan, its progress and its outcome. */

export const flowStageSchema = z.enum([
  'opening-browser',
  'waiting-for-callback',
  /** Connecting with a code: waiting for the person to enter it on the provider's page. */
  'waiting-for-device',
  'exchanging-code',
  'saving',
  'finished',
  'failed',
  'cancelled',
]);
export type FlowStage = z.infer<typeof flowStageSchema>;

/** What a person needs to approve a sign-in by code (RFC 8628 §3.3); no secret: it is shown to them. */
export const deviceCodeSchema = z.object({
  userCode: z.string().min(1).max(100),
  /** Where to type it; shown as text. Opening it goes through grants:open-device-page. */
  verificationUri: z.string().max(2000),
  expiresAt: isoDate,
});
export type DeviceCodeView = z.infer<typeof deviceCodeSchema>;

/** A tool's name and the permissions it is getting, as the person reads them (titles, never codes). */
const toolName = z.string().min(1).max(200);
/** Titles as explainedScopeSchema has them: main's own words, unbounded like there. */
const titles = z.array(z.string());

/** The longest sign-in address offered to copy; a longer one is not offered (the browser still gets it). */
export const SIGN_IN_URL_MAX = 8000;

/** Why a sign-in runs, when a tool asked for it: adding what its call needs to a connection. */
export const flowPurposeSchema = z.object({
  kind: z.literal('step-up'),
  connectionId: id,
  tool: toolName,
  /** The permissions being added, by title. */
  adding: titles,
});
export type FlowPurpose = z.infer<typeof flowPurposeSchema>;

export const flowProgressSchema = z.object({
  flowId: id,
  providerId: id,
  stage: flowStageSchema,
  /** With stage 'waiting-for-device'. */
  device: deviceCodeSchema.optional(),
  /**
   * With stage 'waiting-for-callback': the page the browser was sent to, so the person can copy it
   * into a browser themselves. Only an address the system browser may open (https, or http to this computer).
   */
  signInUrl: z.url({ protocol: /^https?$/ }).max(SIGN_IN_URL_MAX).optional(),
  /** With 'waiting-for-callback': the browser did not open; the sign-in waits for the copied address. */
  browserFailed: z.boolean().optional(),
  /** Absent: the person started it in the window (or the change it is a step of). */
  purpose: flowPurposeSchema.optional(),
  error: appErrorSchema.optional(),
});
export type FlowProgress = z.infer<typeof flowProgressSchema>;

/**
 * How a tool's step-up ended, after the person approved it: 'added' (everything asked for was
 * granted), 'not-granted' (the provider granted less), 'cancelled', 'denied' (on the provider's
 * page) or 'failed' (with the error).
 */
export const stepUpEndedSchema = flowPurposeSchema.extend({
  providerName: z.string(),
  result: z.enum(['added', 'not-granted', 'cancelled', 'denied', 'failed']),
  /** What the provider did not grant, by title. */
  notGranted: titles,
  error: appErrorSchema.optional(),
});
export type StepUpEnded = z.infer<typeof stepUpEndedSchema>;

/** A change shown to the person before anything happens at the provider. */
const planSchema = z.object({
  planId: id,
  connectionId: id,
  providerName: z.string(),
  account: z.string(),
  kind: z.enum(['change', 'disconnect']),
  strategy: z.enum(['revoke-and-reconsent', 'narrow-refresh', 'provider-console', 'incremental', 'union', 'revoke-all', 'console-only', 'forget-only']),
  /** Scopes the plan adds and removes, explained. */
  add: z.array(explainedScopeSchema),
  remove: z.array(explainedScopeSchema),
  /** What happens, in order, in plain language. */
  steps: z.array(z.object({ kind: z.enum(['revoke', 'authorize', 'narrow-refresh', 'open-console', 'forget-locally']), description: z.string() })),
  opensBrowser: z.boolean(),
  /** What the provider keeps remembering after the change, when it keeps anything. */
  providerRemembers: z.string().optional(),
  /** Action titles that stop working, and that start working. */
  actionsLost: z.array(z.string()),
  actionsGained: z.array(z.string()),
  /** A take-back that also takes back broader permissions (they include what was asked): which, and why in a sentence. */
  implied: z.object({ asked: z.array(explainedScopeSchema), broader: z.array(explainedScopeSchema), why: z.string() }).optional(),
});

export const changePlanSchema = planSchema.extend({
  /** With `implied`: the other choice, keeping what was asked and taking back only the broader ones; a plan of its own. */
  onlyBroader: planSchema.optional(),
});
export type ChangePlan = z.infer<typeof changePlanSchema>;

export const changeOutcomeSchema = z.object({
  /** The connection afterwards; null when it was removed. */
  connection: connectionViewSchema.nullable(),
  /** What happened, in a sentence. */
  message: z.string(),
  /** Asked for in this change but not approved. */
  notGranted: z.array(scope),
});
export type ChangeOutcome = z.infer<typeof changeOutcomeSchema>;

export const changeProgressSchema = z.object({
  planId: id,
  step: z.number().int().min(0),
  of: z.number().int().min(1),
  description: z.string(),
  state: z.enum(['running', 'done', 'failed']),
});
export type ChangeProgress = z.infer<typeof changeProgressSchema>;
