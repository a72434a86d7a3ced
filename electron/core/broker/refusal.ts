import { ScopekeeperError } from '../../../shared/ipc/errors';
import { BrokerError } from './protocol';

/** A core error as the refusal a tool can act on. */
export function asBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error;
  if (error instanceof ScopekeeperError) {
    // CONNECTION_REVOKED is what the grants' TokenService throws when the provider refuses the refresh token.
    const grantGone =
      (error.code as string) === 'CONNECTION_REVOKED' ||
      (error.code === 'PROVIDER_ERROR' && error.details?.error === 'invalid_grant') ||
      error.code === 'CONNECTION_NOT_FOUND' ||
      error.details?.reason === 'disconnected';
    if (grantGone) return new BrokerError('connection_revoked', error.message);
    if (error.code === 'PROVIDER_UNREACHABLE') return new BrokerError('provider_unreachable', error.message);
    if (error.code === 'POLICY_BLOCKED') return new BrokerError('blocked_by_policy', error.message, error.details);
    if (error.code === 'AUTH_TIMEOUT') return new BrokerError('timeout', error.message);
  }
  return new BrokerError('internal', error instanceof Error ? error.message : String(error));
}
