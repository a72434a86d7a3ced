import type * as OpenIdClient from 'openid-client';

/**
 * openid-client, loaded when a sign-in, refresh, revocation or discovery first needs it, not when
 * main starts: the window gets its content first (sign-in is the one thing that needs it, and
 * main's every module is loaded before it answers the window). Every use starts from a
 * configuration, which ConfigurationCache makes only once `loadOpenIdClient()` resolved; code
 * running after that reads the module with `openid()`. A failed load is tried again next time.
 */
let loaded: typeof OpenIdClient | undefined;
let loading: Promise<typeof OpenIdClient> | undefined;

export function loadOpenIdClient(): Promise<typeof OpenIdClient> {
  return (loading ??= import('openid-client').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

/**
 * Starts loading it once the current request is answered, when the window has its content (the
 * first connection it shows, or a list with none), so the first sign-in does not wait for it.
 */
export function loadOpenIdClientSoon(): void {
  if (loading === undefined) setImmediate(() => void loadOpenIdClient().catch(() => undefined));
}

/** The loaded module; throws when a code path used it before loading it (a bug, said plainly). */
export function openid(): typeof OpenIdClient {
  if (loaded === undefined) throw new Error('openid-client was used before loadOpenIdClient() resolved.');
  return loaded;
}

type ErrorClass = 'ClientError' | 'ResponseBodyError' | 'AuthorizationResponseError';

/** Whether `error` is one of openid-client's errors: false while it is not loaded (no error can be one then). */
export function isOpenIdError<K extends ErrorClass>(error: unknown, kind: K): error is InstanceType<(typeof OpenIdClient)[K]> {
  return loaded !== undefined && error instanceof loaded[kind];
}
