import type * as OpenIdClient from 'openid-client';
import { lazyModule } from '../lazyModule';

/**
 * openid-client, loaded when a sign-in, refresh, revocation or discovery first needs it, not when
 * main starts (../lazyModule.ts): the window gets its content first. Every use starts from a
 * configuration, which ConfigurationCache makes only once `loadOpenIdClient()` resolved; code
 * running after that reads the module with `openid()`. A failed load is tried again next time.
 */
const openIdClient = lazyModule('openid-client', () => import('openid-client'));

export const loadOpenIdClient = (): Promise<typeof OpenIdClient> => openIdClient.load();

/**
 * Starts loading it once the current request is answered, when the window has its content (the
 * first connection it shows, or a list with none), so the first sign-in does not wait for it.
 */
export const loadOpenIdClientSoon = (): void => openIdClient.loadSoon();

/** The loaded module; throws when a code path used it before loading it (a bug, said plainly). */
export const openid = (): typeof OpenIdClient => openIdClient.get();

type ErrorClass = 'ClientError' | 'ResponseBodyError' | 'AuthorizationResponseError';

/** Whether `error` is one of openid-client's errors: false while it is not loaded (no error can be one then). */
export function isOpenIdError<K extends ErrorClass>(error: unknown, kind: K): error is InstanceType<(typeof OpenIdClient)[K]> {
  const loaded = openIdClient.loaded();
  return loaded !== undefined && error instanceof loaded[kind];
}
