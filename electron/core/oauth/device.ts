import type * as client from 'openid-client';
import { openid, isOpenIdError } from './openidClient';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { toProviderError, toTokenSet, type TokenReader, type TokenSet } from './client';

/** What the person needs to approve a device sign-in: the code, and where to type it. */
export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  /** The same page with the code filled in, when the server offers one (RFC 8628 §3.3.1). */
  verificationUriComplete?: string;
  /** Seconds since the epoch after which the code no longer works. */
  expiresAt: number;
}

/** Whether the server's metadata offers the device authorization grant. */
export function offersDeviceFlow(config: client.Configuration): boolean {
  return typeof config.serverMetadata().device_authorization_endpoint === 'string';
}

/**
 * Starts a device authorization grant.
 * @see RFC 8628 §3.1, §3.2
 */
export async function startDeviceAuthorization(
  config: client.Configuration,
  parameters: Record<string, string>,
): Promise<{ code: DeviceCode; response: client.DeviceAuthorizationResponse }> {
  let response: client.DeviceAuthorizationResponse;
  try {
    response = await openid().initiateDeviceAuthorization(config, parameters);
  } catch (error) {
    throw toProviderError(error, 'device sign-in request');
  }
  return {
    response,
    code: {
      userCode: response.user_code,
      verificationUri: response.verification_uri,
      ...(response.verification_uri_complete ? { verificationUriComplete: response.verification_uri_complete } : {}),
      expiresAt: Math.floor(Date.now() / 1000) + response.expires_in,
    },
  };
}

/**
 * Polls the token endpoint at the server's `interval`, slowing down on `slow_down`, until the
 * person approves or declines, the code expires, or `signal` (cancel) aborts.
 * @see RFC 8628 §3.4, §3.5
 */
export async function waitForDeviceApproval(
  config: client.Configuration,
  response: client.DeviceAuthorizationResponse,
  signal: AbortSignal,
  read: TokenReader = toTokenSet,
): Promise<TokenSet> {
  const expiry = AbortSignal.timeout(response.expires_in * 1000);
  try {
    return await read(await openid().pollDeviceAuthorizationGrant(config, response, undefined, { signal: AbortSignal.any([signal, expiry]) }));
  } catch (error) {
    if (signal.aborted) throw new ScopekeeperError('AUTH_CANCELLED', 'Sign-in was cancelled.');
    if (expiry.aborted || (isOpenIdError(error, 'ResponseBodyError') && error.error === 'expired_token')) {
      throw new ScopekeeperError('AUTH_TIMEOUT', 'The code expired before it was approved.', { expiresIn: response.expires_in });
    }
    throw toProviderError(error, 'device sign-in');
  }
}
