import { z } from 'zod';
import { appErrorSchema } from './errors';
import type { EventChannel, InvokeChannel } from './channels';

const id = z.string().min(1).max(200);
const scope = z.string().min(1).max(500);
const isoDate = z.iso.datetime();

export const providerViewSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  /** False when the provider cannot be connected here (no client ID, sandbox not running…). */
  available: z.boolean(),
  unavailableReason: z.string().optional(),
  /** What a Connect click asks for, identity scopes excluded. */
  defaultScopes: z.array(scope),
});
export type ProviderView = z.infer<typeof providerViewSchema>;

export const connectionViewSchema = z.object({
  id,
  providerId: id,
  providerName: z.string(),
  account: z.string(),
  connectedAt: isoDate,
  updatedAt: isoDate,
  /** Every scope the app asked for in the last authorization, identity scopes included. */
  requestedScopes: z.array(scope),
  /** What the provider granted (RFC 6749 §3.3), as recorded from the token response. */
  grantedScopes: z.array(scope),
  /** Asked for but not granted. */
  notGrantedScopes: z.array(scope),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const vaultStatusSchema = z.object({
  state: z.enum(['ready', 'locked']),
  /** Why the vault is locked, in a sentence for the person. */
  lockedReason: z.string().optional(),
  /** Set when an unreadable vault file was moved aside at start-up. */
  recovered: z
    .object({ movedTo: z.string(), at: isoDate, reason: z.string() })
    .optional(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const appStatusSchema = z.object({ vault: vaultStatusSchema });
export type AppStatus = z.infer<typeof appStatusSchema>;

export const flowStageSchema = z.enum([
  'opening-browser',
  'waiting-for-callback',
  'exchanging-code',
  'saving',
  'finished',
  'failed',
  'cancelled',
]);
export type FlowStage = z.infer<typeof flowStageSchema>;

export const flowProgressSchema = z.object({
  flowId: id,
  providerId: id,
  stage: flowStageSchema,
  error: appErrorSchema.optional(),
});
export type FlowProgress = z.infer<typeof flowProgressSchema>;

export const grantsChangedSchema = z.object({ connectionId: id.optional() });
export type GrantsChanged = z.infer<typeof grantsChangedSchema>;

const noPayload = z.undefined();

/** Every invoke channel: its request and response schema. */
export const invokeContract = {
  'app:status': { request: noPayload, response: appStatusSchema },
  'providers:list': { request: noPayload, response: z.array(providerViewSchema) },
  'grants:list': { request: noPayload, response: z.array(connectionViewSchema) },
  'grants:connect': {
    request: z.strictObject({ providerId: id, scopes: z.array(scope).max(200).optional() }),
    response: connectionViewSchema,
  },
  'grants:cancel-flow': {
    request: noPayload,
    response: z.object({ cancelled: z.boolean() }),
  },
  'grants:forget': { request: z.strictObject({ connectionId: id }), response: z.null() },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export type InvokeContract = typeof invokeContract;
export type RequestOf<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;

/** Every pushed event: its payload schema. */
export const eventContract = {
  'flow:progress': flowProgressSchema,
  'grants:changed': grantsChangedSchema,
} satisfies Record<EventChannel, z.ZodType>;

export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;
