import type * as oidc from 'openid-client';
import type { ProviderInfo } from '../../../../shared/catalog';
import type { OAuthClient } from '../../ports';

/** A token endpoint answer as openid-client hands it over (after the module's fetch adapted it). */
export type TokenResponse = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

/** Who a connection belongs to, from the ID token or the provider's account API. */
export interface Account {
  /** Stable across sign-ins (ID token `sub`, GitHub user id, Slack team:user, Atlassian account_id). */
  subject: string;
  /** What the person recognises: an email, a login, "user in workspace". */
  label: string;
  /** Atlassian: the names of the sites the grant reaches. */
  sites?: string[];
}

/** How to take Scopekeeper's access away at the provider. */
export type Revocation =
  | { kind: 'done' }
  /** The provider offers apps no way to do it: the person's own page, said plainly. */
  | { kind: 'console'; url: string; sentence: string };

export interface ProtocolContext {
  info: ProviderInfo;
  client: OAuthClient;
  /** The core's fetch port (routed to test servers in tests). */
  fetch: typeof fetch;
}

export interface RevokeInput {
  accessToken: string;
  refreshToken?: string | undefined;
}

/**
 * What became of tokens a newer sign-in replaced: 'revoked' (the provider ended exactly those
 * tokens), or 'kept' (revoking them would end more, or apps have no way to end them).
 */
export type ReplacedTokens = 'revoked' | 'kept';

/** How a sign-in is asked for, besides the scopes. */
export interface AuthorizationOptions {
  /** "Add another account": let the person pick or sign in as another account, where the provider can. */
  selectAccount: boolean;
  /** "Just this session": no refresh token is wanted (offline_access is already left out). */
  sessionOnly?: boolean;
  /**
   * The `prompt` values the server's metadata advertises (`prompt_values_supported`), when it lists
   * them: a standard server is sent no value it does not list (oidc-provider refuses one with
   * "unsupported prompt value requested").
   */
  promptValues?: readonly string[] | undefined;
}

/**
 * Everything one provider does differently from the standards, in one place: one module per
 * provider. openid-client does the protocol; a module only adapts what goes in and comes out: the
 * fetch it uses, how the client authenticates, extra parameters, and how the answers are read.
 */
export interface ProviderProtocol {
  readonly id: string;
  /**
   * Where OpenID / RFC 8414 discovery starts, or undefined for a provider without metadata (the
   * catalog's endpoints are used as they are).
   */
  discoveryUrl(info: ProviderInfo): string | undefined;
  /** openid-client's client authentication for this client at this server. */
  clientAuth(client: OAuthClient, metadata: oidc.ServerMetadata): oidc.ClientAuth;
  /** The fetch openid-client uses: adapts requests and answers to what openid-client expects. */
  fetch(base: typeof fetch, client: OAuthClient): oidc.CustomFetch;
  /** Authorization parameters besides the standard ones (catalog extras, account chooser, no refresh token). */
  authorizationParams(info: ProviderInfo, options: AuthorizationOptions): Record<string, string>;
  /** The `iss` the authorization response must carry (RFC 9207), or undefined when none is checked. */
  callbackIssuer(metadata: oidc.ServerMetadata): string | undefined;
  /** The loopback port the client registered, when the provider matches the callback URL exactly. */
  redirectPort(client: OAuthClient): number | undefined;
  /**
   * The granted scopes as the token response states them: undefined means "as requested"
   * (RFC 6749 §3.3); an empty string means nothing was granted.
   */
  grantedScope(response: TokenResponse): string | undefined;
  /**
   * The ID token the answer carried, when it had one: openid-client's, or one the module verified
   * itself (Google's bare `iss` spelling).
   */
  idToken(response: TokenResponse): string | undefined;
  /** The account, from the ID token or the provider's API; undefined when neither says. */
  account(response: TokenResponse, config: oidc.Configuration, context: ProtocolContext): Promise<Account | undefined>;
  /** Ends Scopekeeper's access at the provider, or says where the person can. */
  revoke(config: oidc.Configuration, tokens: RevokeInput, context: ProtocolContext): Promise<Revocation>;
  /**
   * Ends tokens a newer sign-in of the same account replaced (or made and nobody keeps), only
   * where the provider ends exactly those tokens: 'revoked'. 'kept' where revoking one ends the
   * whole grant, which the tokens kept share (Google), or where apps have no way to revoke.
   */
  revokeReplaced(config: oidc.Configuration, tokens: RevokeInput, context: ProtocolContext): Promise<ReplacedTokens>;
  /** The catalog entry as this client can use it (GitHub can revoke only with a client secret). */
  adjust(info: ProviderInfo, client: OAuthClient): ProviderInfo;
  /** What the person should do about one of the provider's own errors, in a sentence; undefined for the default. */
  advice(error: string, description: string | undefined, info: ProviderInfo): string | undefined;
  /**
   * Why the provider may have ended a grant made with this client by itself, in a sentence, when
   * a refresh is refused as gone (Google: an own app in "Testing" gets 7-day refresh tokens).
   */
  grantGoneHint?(client: OAuthClient): string | undefined;
}
