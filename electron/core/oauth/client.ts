import { AsyncLocalStorage } from 'node:async_hooks';
import type * as client from 'openid-client';
import { openid, isOpenIdError, loadOpenIdClient } from './openidClient';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { discoveryCause, openIdMetadataUrl } from './discoveryFailure';
import { providerError } from './authorizationErrors';
import { isLoopbackHttp } from '../security/urls';
import type { AuthorizationChecks } from './pkce';

export interface TokenSet {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  idToken?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  /** The `scope` of the token response verbatim; absent means "as requested" (RFC 6749 §3.3). */
  scope?: string;
  /** Subject and account label from the ID token or the provider's account API. */
  subject?: string;
  account?: string;
  /** Atlassian: the sites the grant reaches. */
  sites?: string[];
}

/** How long one request to a provider may take before it is given up (seconds, openid-client's unit). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 15;

export interface RequestSettings {
  fetch: typeof fetch;
  /** Default DEFAULT_REQUEST_TIMEOUT_SECONDS. */
  timeoutSeconds?: number;
}

/**
 * The signal of the operation in progress. A configuration is made once per issuer and shared, so
 * a per-call signal cannot live on it; `withSignal` scopes one to the requests a call makes, and
 * the configuration's custom fetch adds it next to openid-client's own time-out signal.
 */
const requestSignal = new AsyncLocalStorage<AbortSignal>();
/** `withSignal` calls not finished yet. */
let scoped = 0;

/**
 * Runs `work` so that every provider request it makes is aborted when `signal` is. Until Node 24,
 * a storage in use makes every promise of the process pay for async hooks (the broker's calls
 * too, measured at a tenth of their cost there): the storage is switched off again once no
 * `withSignal` is running, and switches itself back on at the next.
 */
export async function withSignal<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  scoped++;
  try {
    return await requestSignal.run(signal, work);
  } finally {
    if (--scoped === 0) requestSignal.disable();
  }
}

function signalledFetch(fetchImpl: typeof fetch): typeof fetch {
  return (input, init = {}) => {
    const outer = requestSignal.getStore();
    const signal = outer && init.signal ? AbortSignal.any([init.signal, outer]) : (outer ?? init.signal);
    return fetchImpl(input, { ...init, ...(signal ? { signal } : {}) });
  };
}

/**
 * How one client talks to one server: its client authentication (none for a public client, or the
 * provider module's secret method) and the module's fetch adapter for answers that are not quite
 * RFC 6749 (Slack, GitHub). Standard by default.
 */
export interface ClientSetup {
  auth?: client.ClientAuth;
  adaptFetch?: (base: typeof fetch) => client.CustomFetch;
}

function customFetchFor(fetchImpl: typeof fetch, setup: ClientSetup): client.CustomFetch {
  const base = signalledFetch(fetchImpl);
  return setup.adaptFetch ? setup.adaptFetch(base) : (base as client.CustomFetch);
}

function applySettings(config: client.Configuration, settings: RequestSettings, setup: ClientSetup): client.Configuration {
  config[openid().customFetch] = customFetchFor(settings.fetch, setup);
  config.timeout = settings.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  return config;
}

/** Reads a token endpoint answer into a TokenSet; provider modules read it their way (providers/tokens.ts). */
export type TokenReader = (response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers) => Promise<TokenSet> | TokenSet;

/**
 * Reads the server's metadata and makes a configuration (a public client with PKCE unless `setup`
 * gives the provider module's client authentication): OpenID discovery first, then OAuth 2.0
 * Authorization Server Metadata (`first: 'oauth2'` the other way round, as the MCP spec orders
 * them). Uncached: see ConfigurationCache.
 * @see RFC 8414, OpenID Connect Discovery 1.0, RFC 8252 §8.4 (native apps are public clients)
 */
export async function discover(
  issuer: string,
  clientId: string,
  fetchImpl: typeof fetch,
  settings: Omit<RequestSettings, 'fetch'> & { first?: 'oidc' | 'oauth2' } = {},
  setup: ClientSetup = {},
): Promise<client.Configuration> {
  await loadOpenIdClient();
  const [primary, fallback] = settings.first === 'oauth2' ? (['oauth2', 'oidc'] as const) : (['oidc', 'oauth2'] as const);
  const server = new URL(issuer);
  // Named opt-out: only a server on this machine may be reached without TLS.
  const execute = isLoopbackHttp(server) ? [openid().allowInsecureRequests] : [];
  const timeout = settings.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const attempt = (algorithm: 'oidc' | 'oauth2'): Promise<client.Configuration> =>
    openid().discovery(server, clientId, undefined, setup.auth ?? openid().None(), {
      algorithm,
      execute,
      [openid().customFetch]: customFetchFor(fetchImpl, setup),
      timeout,
    });
  let discovered: client.Configuration;
  try {
    discovered = await attempt(primary);
  } catch (firstError) {
    // The other document is the fallback; when both fail, the answer that says most is reported.
    try {
      discovered = await attempt(fallback);
    } catch (secondError) {
      const [oidcError, oauthError] = primary === 'oidc' ? [firstError, secondError] : [secondError, firstError];
      throw discoveryFailure(issuer, oidcError, oauthError, timeout);
    }
  }
  return applySettings(discovered, { ...settings, fetch: fetchImpl }, setup);
}

/** What one discovery attempt ran into, in words: the HTTP status, the metadata problem, or the network error. */
function discoveryProblem(error: unknown, timeoutSeconds: number): { problem: string; status?: number; network: boolean; timedOut?: boolean } {
  if (toProviderError(error, 'discovery').details?.timedOut === true) {
    return { problem: `time-out after ${timeoutSeconds} seconds`, network: true, timedOut: true };
  }
  if (isOpenIdError(error, 'ClientError') && error.cause instanceof Response) {
    return { problem: `HTTP ${error.cause.status}${error.cause.statusText ? ` ${error.cause.statusText}` : ''}`, status: error.cause.status, network: false };
  }
  if (error instanceof TypeError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))) {
    const cause = (error as Error & { cause?: { code?: unknown } }).cause;
    return { problem: typeof cause?.code === 'string' ? cause.code : error.message, network: true };
  }
  return { problem: error instanceof Error ? error.message : String(error), network: false };
}

/**
 * Both discovery documents failed. The OpenID one's failure is the server's real answer unless it
 * was simply absent (404) and the RFC 8414 one said more: a 500 or a broken document at
 * /.well-known/openid-configuration is never hidden behind the fallback's 404. `cause` says what
 * kind of failure it was for the window (not listening, no metadata, time-out); `error_description`
 * says what the server really answered, and where.
 * @see OpenID Connect Discovery 1.0 §4, RFC 8414 §3
 */
export function discoveryFailure(issuer: string, oidcError: unknown, oauthError: unknown, timeoutSeconds = DEFAULT_REQUEST_TIMEOUT_SECONDS): ScopekeeperError {
  const server = new URL(issuer);
  const oidc = discoveryProblem(oidcError, timeoutSeconds);
  const oauth = discoveryProblem(oauthError, timeoutSeconds);
  const useOauth = oidc.status === 404 && oauth.status !== undefined && oauth.status !== 404;
  const chosen = useOauth ? oauth : oidc;
  const chosenError = useOauth ? oauthError : oidcError;
  const document = useOauth
    ? `${server.origin}/.well-known/oauth-authorization-server${server.pathname === '/' ? '' : server.pathname.replace(/\/+$/, '')}`
    : openIdMetadataUrl(issuer);
  const bothMissing = oidc.status === 404 && oauth.status === 404;
  const description = bothMissing
    ? `no OpenID or OAuth metadata at ${openIdMetadataUrl(issuer)} or the RFC 8414 address (HTTP 404 at both): enter its endpoints by hand`
    : `${chosen.problem} at ${document}`;
  return new ScopekeeperError(
    'PROVIDER_UNREACHABLE',
    chosen.timedOut
      ? `Could not read the sign-in settings of ${server.origin}: time-out after ${timeoutSeconds} seconds.`
      : `Could not read the sign-in settings of ${server.origin} (${description}).`,
    {
      issuer,
      cause: discoveryCause(chosenError),
      metadataUrl: document,
      reason: chosenError instanceof Error ? chosenError.message : String(chosenError),
      error: 'discovery_failed',
      error_description: description,
      ...(chosen.status !== undefined ? { status: chosen.status } : {}),
      ...(chosen.timedOut ? { timedOut: true } : {}),
      attempts: [`openid-configuration: ${oidc.problem}`, `oauth-authorization-server: ${oauth.problem}`],
    },
  );
}

export interface StaticEndpoints {
  issuer: string;
  authorization: string;
  token: string;
  revocation?: string;
  userinfo?: string;
  /** RFC 8628 device authorization endpoint, for providers that offer it without metadata (GitHub). */
  device?: string;
}

/**
 * For providers that publish no metadata (GitHub, Slack, Atlassian): endpoints from the catalog.
 * The client authentication is the provider module's (`setup`), a public client by default.
 */
export function staticConfiguration(
  endpoints: StaticEndpoints,
  clientId: string,
  fetchImpl: typeof fetch,
  settings: Omit<RequestSettings, 'fetch'> = {},
  setup: ClientSetup = {},
): client.Configuration {
  const config = new (openid().Configuration)(
    {
      issuer: endpoints.issuer,
      authorization_endpoint: endpoints.authorization,
      token_endpoint: endpoints.token,
      ...(endpoints.revocation ? { revocation_endpoint: endpoints.revocation } : {}),
      ...(endpoints.userinfo ? { userinfo_endpoint: endpoints.userinfo } : {}),
      ...(endpoints.device ? { device_authorization_endpoint: endpoints.device } : {}),
    },
    clientId,
    undefined,
    setup.auth ?? openid().None(),
  );
  if (isLoopbackHttp(new URL(endpoints.token))) openid().allowInsecureRequests(config);
  return applySettings(config, { ...settings, fetch: fetchImpl }, setup);
}

export interface AuthorizationRequest {
  redirectUri: string;
  /** Already in the provider's format (separator, qualification). */
  scope: string;
  /** The parameter that carries it: `scope`, or Slack's `user_scope` for user tokens. */
  scopeParam?: 'scope' | 'user_scope';
  checks: AuthorizationChecks;
  extraParams?: Record<string, string>;
}

/** @see RFC 6749 §4.1.1, RFC 7636 §4.3 */
export function authorizationUrl(config: client.Configuration, request: AuthorizationRequest): URL {
  return openid().buildAuthorizationUrl(config, {
    ...request.extraParams,
    redirect_uri: request.redirectUri,
    [request.scopeParam ?? 'scope']: request.scope,
    code_challenge: request.checks.codeChallenge,
    code_challenge_method: request.checks.codeChallengeMethod,
    state: request.checks.state,
  });
}

/** Whether the server promises `iss` in every authorization response (RFC 9207 §3). */
export function serverSendsIssuer(config: client.Configuration): boolean {
  return config.serverMetadata().authorization_response_iss_parameter_supported === true;
}

export interface ExchangeOptions {
  /** Aborting it aborts the token request itself (cancel), not just the wait for its answer. */
  signal?: AbortSignal;
  /** How the answer is read (the provider module's way); the standard reading by default. */
  read?: TokenReader;
}

/**
 * Validates the authorization response (state, iss) again and redeems the code with the verifier.
 * @see RFC 6749 §4.1.3, RFC 7636 §4.5, RFC 9207
 */
export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  checks: AuthorizationChecks,
  options: ExchangeOptions = {},
): Promise<TokenSet> {
  try {
    const response = await withSignal(options.signal, () =>
      openid().authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state }),
    );
    return await (options.read ?? toTokenSet)(response);
  } catch (error) {
    throw toProviderError(error, 'code exchange');
  }
}

/**
 * Asks the provider to forget a grant: the refresh token (RFC 7009 §2.1: that should end its access
 * tokens too) and the access token for servers that do not, both at once. Only the first answer
 * decides success; the access token's is best effort (some servers keep it alive until it expires).
 * @see RFC 7009
 */
export async function revokeTokens(config: client.Configuration, tokens: { accessToken: string; refreshToken?: string | undefined }): Promise<void> {
  const main = tokens.refreshToken
    ? openid().tokenRevocation(config, tokens.refreshToken, { token_type_hint: 'refresh_token' })
    : openid().tokenRevocation(config, tokens.accessToken, { token_type_hint: 'access_token' });
  const access = tokens.refreshToken
    ? openid().tokenRevocation(config, tokens.accessToken, { token_type_hint: 'access_token' }).catch(() => undefined)
    : Promise.resolve();
  const [outcome] = await Promise.allSettled([main, access]);
  if (outcome.status === 'rejected') throw toProviderError(outcome.reason, 'revocation');
}

/**
 * A new token from the refresh token: for the same scopes, or for fewer (`scope`). The server may
 * rotate the refresh token, so the caller must persist the new one before using the new access token.
 * @see RFC 6749 §6, RFC 9700 §4.14.2
 */
export async function refreshTokens(config: client.Configuration, refreshToken: string, scope?: string, read: TokenReader = toTokenSet): Promise<TokenSet> {
  try {
    return await read(await openid().refreshTokenGrant(config, refreshToken, scope === undefined ? undefined : { scope }));
  } catch (error) {
    throw toProviderError(error, 'token refresh');
  }
}

export function toTokenSet(response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): TokenSet {
  const claims = response.claims();
  const expiresIn = response.expiresIn();
  const account = [claims?.email, claims?.preferred_username, claims?.sub].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
    ...(response.id_token ? { idToken: response.id_token } : {}),
    ...(expiresIn !== undefined ? { expiresAt: Math.floor(Date.now() / 1000) + expiresIn } : {}),
    ...(typeof response.scope === 'string' ? { scope: response.scope } : {}),
    ...(claims?.sub ? { subject: claims.sub } : {}),
    ...(account ? { account } : {}),
  };
}

/** The error behind openid-client's wrapper: its own `code` and the DOMException or TypeError under it. */
function clientErrorCode(error: unknown): string | undefined {
  return isOpenIdError(error, 'ClientError') ? error.code : undefined;
}

/**
 * Keeps the server's own `error` / `error_description`; never includes tokens or codes. A time-out
 * and an aborted request are told apart from an invalid answer: the provider did not answer at all.
 */
export function toProviderError(error: unknown, stage: string): ScopekeeperError {
  if (error instanceof ScopekeeperError) return error;
  if (isOpenIdError(error, 'ResponseBodyError') || isOpenIdError(error, 'AuthorizationResponseError')) {
    return providerError(error.error, error.error_description, stage);
  }
  const code = clientErrorCode(error);
  const name = error instanceof Error ? error.name : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'OAUTH_TIMEOUT' || name === 'TimeoutError') {
    return new ScopekeeperError('PROVIDER_UNREACHABLE', `The provider did not answer the ${stage} in time (time-out).`, { reason, timedOut: true });
  }
  if (code === 'OAUTH_ABORT' || name === 'AbortError') {
    return new ScopekeeperError('AUTH_CANCELLED', `The ${stage} was cancelled.`, { reason });
  }
  if (error instanceof TypeError) {
    return new ScopekeeperError('PROVIDER_UNREACHABLE', `The provider could not be reached during the ${stage}.`, { reason });
  }
  return new ScopekeeperError('PROVIDER_ERROR', `The provider’s answer to the ${stage} was not valid.`, {
    reason,
    ...(code ? { error: code } : {}),
  });
}
