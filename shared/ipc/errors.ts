import { z } from 'zod';
import { CodedError } from '../codedError';

/** Stable error codes: the UI keys its sentences on these, tests assert on them. */
export const ERROR_CODES = [
  'AUTH_STATE_MISMATCH',
  'AUTH_TIMEOUT',
  'AUTH_DENIED',
  'AUTH_CANCELLED',
  'AUTH_FLOW_IN_PROGRESS',
  'PROVIDER_ERROR',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_UNKNOWN',
  /** Connecting with a code (RFC 8628) was asked of a server that does not offer it. */
  'DEVICE_FLOW_UNSUPPORTED',
  /** The fixed loopback port of the person's own client is taken by another program. */
  'REDIRECT_PORT_IN_USE',
  'VAULT_LOCKED',
  'VAULT_CORRUPT',
  'CONNECTION_NOT_FOUND',
  /** The provider no longer honours the saved grant (invalid_grant on refresh), or it is disconnected: reconnect. */
  'CONNECTION_REVOKED',
  /** A scope change refused as asked; `details.reason` says why (see CHANGE_REFUSAL_REASONS). */
  'CHANGE_REFUSED',
  /** A confirmed plan that expired or whose connection changed since it was made. */
  'PLAN_STALE',
  /** The managed policy (shared/policy) does not allow it; `details.by` says whose rule. The message says what and why. */
  'POLICY_BLOCKED',
  'INVALID_REQUEST',
  'FORBIDDEN_SENDER',
  'INTERNAL',
] as const;

export const CHANGE_REFUSAL_REASONS = [
  'identity-scope',
  'nothing-to-change',
  'one-at-a-time',
  'disconnected',
  'action-unchanged',
  'sandbox-from-environment',
  /** A server the person added still has connections: remove those first. */
  'server-in-use',
  /** Remove all is already removing connections: one run at a time. */
  'removal-running',
  /** Fixed list: the change would add a scope the list lacks (`details.missing`); add it to the list first. */
  'outside-fixed-list',
  /** A managed policy requires a fixed list: the connection cannot go back to following its actions. */
  'fixed-required',
] as const;
export type ChangeRefusalReason = (typeof CHANGE_REFUSAL_REASONS)[number];

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Thrown inside the main process and converted to `{ ok: false, error }` at the IPC edge.
 * Electron passes only a thrown error's message across IPC, so errors never cross as throws.
 */
export class ScopekeeperError extends CodedError<ErrorCode> {
  override readonly name = 'ScopekeeperError';
}

/** Anything thrown becomes an AppError; unknown errors keep no internals beyond their message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof ScopekeeperError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
