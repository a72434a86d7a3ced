import { ScopekeeperError } from '../../../shared/ipc/errors';

/**
 * The provider's `error` / `error_description` from an authorization or token response, kept intact.
 * @see RFC 6749 §4.1.2.1, §5.2
 */
export function providerError(error: string, description: string | undefined, stage: string): ScopekeeperError {
  if (error === 'access_denied') {
    return new ScopekeeperError('AUTH_DENIED', 'Access was denied on the provider’s page.', {
      error,
      ...(description ? { error_description: description } : {}),
    });
  }
  return new ScopekeeperError('PROVIDER_ERROR', `The provider answered the ${stage} with an error: ${error}.`, {
    error,
    ...(description ? { error_description: description } : {}),
  });
}
