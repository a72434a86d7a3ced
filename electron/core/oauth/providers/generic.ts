import type * as oidc from 'openid-client';
import { openid } from '../openidClient';
import { ScopekeeperError } from '../../../../shared/ipc/errors';
import type { OAuthClient } from '../../ports';
import { revokeTokens } from '../client';
import type { Account, ProtocolContext, ProviderProtocol, Revocation, RevokeInput, TokenResponse } from './types';
import type { ProviderInfo } from '../../../../shared/catalog';

/**
 * RFC 8414 §2: a server that does not list its methods supports `client_secret_basic`. A client
 * without a secret is a public client (RFC 8252 §8.4): `none`.
 */
export function standardClientAuth(client: OAuthClient, metadata: oidc.ServerMetadata): oidc.ClientAuth {
  if (client.clientSecret === undefined) return openid().None();
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return methods.includes('client_secret_basic') ? openid().ClientSecretBasic(client.clientSecret) : openid().ClientSecretPost(client.clientSecret);
}

/** The account in a validated ID token: `sub`, labelled by email or preferred username. */
export function accountFromIdToken(response: TokenResponse): Account | undefined {
  const claims = response.claims();
  if (!claims?.sub) return undefined;
  const label = [claims.email, claims.preferred_username, claims.sub].find((v): v is string => typeof v === 'string' && v.length > 0)!;
  return { subject: claims.sub, label };
}

/** Reads a JSON answer of a provider API, refusing anything that is not an object. */
export async function jsonObject(response: Response, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new ScopekeeperError('PROVIDER_ERROR', `The answer of ${what} was not valid.`, { status: response.status });
}

/** RFC 7009, as every module that has such an endpoint does it (client.ts: both tokens at once). */
export async function rfc7009Revoke(config: oidc.Configuration, tokens: RevokeInput): Promise<void> {
  await revokeTokens(config, tokens);
}

/**
 * The `prompt` value that lets the person sign in as another account, among those a standard
 * server advertises: `select_account` (its account chooser), else `login` (sign in again, as
 * anyone); none when it lists neither, or lists nothing (a value it does not know may be refused).
 * @see OpenID Connect Core 1.0 §3.1.2.1 (prompt); OpenID Connect Prompt Create 1.0 §4.1 (prompt_values_supported)
 */
export function anotherAccountPrompt(advertised: readonly string[] | undefined): string | undefined {
  return ['select_account', 'login'].find((value) => advertised?.includes(value));
}

/** `prompt_values_supported` of a server's metadata, when it is a list of strings. */
export function advertisedPromptValues(metadata: oidc.ServerMetadata): string[] | undefined {
  const values: unknown = metadata.prompt_values_supported;
  return Array.isArray(values) && values.every((v) => typeof v === 'string') ? values : undefined;
}

/** The catalog's extra parameters, with `value` added to its `prompt` (a space-separated list, OpenID Connect Core §3.1.2.1). */
export function withPrompt(info: ProviderInfo, value: string | undefined): Record<string, string> {
  const extra = info.extraAuthorizationParams;
  if (value === undefined) return { ...extra };
  return { ...extra, prompt: [extra.prompt, value].filter(Boolean).join(' ') };
}

export function consoleOnly(context: ProtocolContext): Revocation {
  const { name, consoleUrl } = context.info;
  return {
    kind: 'console',
    url: consoleUrl,
    sentence: `${name} offers apps no way to revoke their own access: remove Scopekeeper at ${consoleUrl}.`,
  };
}

/**
 * Any OAuth 2.0 / OpenID Connect server, and the standard behaviour the provider modules start
 * from: discovery at the issuer, client auth from its metadata, `scope` per RFC 6749 §3.3, the
 * account from the ID token, RFC 7009 revocation when the server has an endpoint.
 */
export const generic: ProviderProtocol = {
  id: 'generic',
  discoveryUrl: (info) => (info.kind === 'oidc' ? info.issuer : undefined),
  clientAuth: standardClientAuth,
  fetch: (base) => base,
  authorizationParams: (info, { selectAccount, promptValues }) => withPrompt(info, selectAccount ? anotherAccountPrompt(promptValues) : undefined),
  callbackIssuer: (metadata) => metadata.issuer,
  redirectPort: (client) => client.redirectPort,
  // A blank `scope` from a standard server is read as absent: as requested (RFC 6749 §5.1).
  grantedScope: (response) => (typeof response.scope === 'string' && response.scope.trim() !== '' ? response.scope : undefined),
  idToken: (response) => response.id_token,
  account: async (response) => accountFromIdToken(response),
  revoke: async (config, tokens, context) => {
    if (!config.serverMetadata().revocation_endpoint) return consoleOnly(context);
    await rfc7009Revoke(config, tokens);
    return { kind: 'done' };
  },
  /**
   * RFC 7009 ends the token given; revoking a refresh token may end its grant too (§2.1), and
   * oidc-provider does (its revokeGrantPolicy). That is the replaced sign-in's own grant: such a
   * server makes a grant per consent, and the Sandbox and added servers are always asked with
   * prompt=consent (their catalog entries; offline_access needs it, OpenID Connect Core §11).
   */
  revokeReplaced: async (config, tokens) => {
    if (!config.serverMetadata().revocation_endpoint) return 'kept';
    await rfc7009Revoke(config, tokens);
    return 'revoked';
  },
  adjust: (info) => info,
  advice: () => undefined,
};
