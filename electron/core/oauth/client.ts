import * as client from 'openid-client';
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
  /** Subject and account label from the ID token, when one came back. */
  subject?: string;
  account?: string;
}

/**
 * Reads the server's metadata and makes a public-client configuration (no secret, PKCE): OpenID
 * discovery first, then OAuth 2.0 Authorization Server Metadata.
 * @see RFC 8414, OpenID Connect Discovery 1.0, RFC 8252 §8.4 (native apps are public clients)
 */
export async function discover(issuer: string, clientId: string, fetchImpl: typeof fetch): Promise<client.Configuration> {
  const server = new URL(issuer);
  // Named opt-out: only a server on this machine may be reached without TLS.
  const execute = isLoopbackHttp(server) ? [client.allowInsecureRequests] : [];
  const attempt = (algorithm: 'oidc' | 'oauth2'): Promise<client.Configuration> =>
    client.discovery(server, clientId, undefined, client.None(), {
      algorithm,
      execute,
      [client.customFetch]: fetchImpl,
      timeout: 15,
    });
  try {
    const config = await attempt('oidc').catch(() => attempt('oauth2'));
    config[client.customFetch] = fetchImpl;
    return config;
  } catch (error) {
    throw new ScopekeeperError('PROVIDER_UNREACHABLE', `Could not read the sign-in settings of ${server.origin}.`, {
      issuer,
      cause: discoveryCause(error),
      metadataUrl: openIdMetadataUrl(issuer),
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

export interface StaticEndpoints {
  issuer: string;
  authorization: string;
  token: string;
  revocation?: string;
}

/** For providers that publish no metadata (GitHub, Slack, Atlassian): endpoints from the catalog. */
export function staticConfiguration(endpoints: StaticEndpoints, clientId: string, fetchImpl: typeof fetch): client.Configuration {
  const config = new client.Configuration(
    {
      issuer: endpoints.issuer,
      authorization_endpoint: endpoints.authorization,
      token_endpoint: endpoints.token,
      ...(endpoints.revocation ? { revocation_endpoint: endpoints.revocation } : {}),
    },
    clientId,
    undefined,
    client.None(),
  );
  if (isLoopbackHttp(new URL(endpoints.token))) client.allowInsecureRequests(config);
  config[client.customFetch] = fetchImpl;
  return config;
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
  return client.buildAuthorizationUrl(config, {
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

/**
 * Validates the authorization response (state, iss) again and redeems the code with the verifier.
 * @see RFC 6749 §4.1.3, RFC 7636 §4.5, RFC 9207
 */
export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  checks: AuthorizationChecks,
): Promise<TokenSet> {
  try {
    const response = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
    });
    return toTokenSet(response);
  } catch (error) {
    throw toProviderError(error, 'code exchange');
  }
}

/**
 * Asks the provider to forget a grant: the refresh token first (RFC 7009 §2.1: that should end
 * its access tokens too), then the access token for servers that do not.
 * @see RFC 7009
 */
export async function revokeTokens(config: client.Configuration, tokens: { accessToken: string; refreshToken?: string | undefined }): Promise<void> {
  try {
    if (tokens.refreshToken) await client.tokenRevocation(config, tokens.refreshToken, { token_type_hint: 'refresh_token' });
    else await client.tokenRevocation(config, tokens.accessToken, { token_type_hint: 'access_token' });
  } catch (error) {
    throw toProviderError(error, 'revocation');
  }
  if (tokens.refreshToken) {
    // Best effort: the grant is already gone; some servers keep access tokens alive until expiry.
    await client.tokenRevocation(config, tokens.accessToken, { token_type_hint: 'access_token' }).catch(() => undefined);
  }
}

/**
 * A new token for fewer scopes than granted; the server rotates the refresh token, so the caller
 * must persist the new one before using the new access token.
 * @see RFC 6749 §6, RFC 9700 §4.14.2
 */
export async function refreshNarrower(config: client.Configuration, refreshToken: string, scope: string): Promise<TokenSet> {
  try {
    return toTokenSet(await client.refreshTokenGrant(config, refreshToken, { scope }));
  } catch (error) {
    throw toProviderError(error, 'token refresh');
  }
}

function toTokenSet(response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): TokenSet {
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

/** Keeps the server's own `error` / `error_description`; never includes tokens or codes. */
export function toProviderError(error: unknown, stage: string): ScopekeeperError {
  if (error instanceof ScopekeeperError) return error;
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    return providerError(error.error, error.error_description, stage);
  }
  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
    return new ScopekeeperError('PROVIDER_UNREACHABLE', `The provider could not be reached during the ${stage}.`, {
      reason: error.message,
    });
  }
  const code = error instanceof client.ClientError ? error.code : undefined;
  return new ScopekeeperError('PROVIDER_ERROR', `The provider’s answer to the ${stage} was not valid.`, {
    reason: error instanceof Error ? error.message : String(error),
    ...(code ? { error: code } : {}),
  });
}
