/**
 * oidc-provider 9 ships no type declarations and there is no @types package for it. This declares
 * only the part of its API the sandbox uses, from the library's documentation and source.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** oidc-provider's Koa context, typed only as far as the sandbox looks into it. */
  export interface ProviderContext {
    oidc: { entities: { Grant?: Grant } };
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    application_type?: 'web' | 'native';
    token_endpoint_auth_method?: 'none' | 'client_secret_basic' | 'client_secret_post';
    redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    id_token_signed_response_alg?: string;
  }

  /** The registered client, as oidc-provider hands it to policy functions. */
  export interface Client {
    readonly clientId: string;
    readonly clientName?: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  export interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown> & { sub: string }>;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenFormat?: 'opaque' | 'jwt';
    accessTokenTTL?: number;
    /** For `accessTokenFormat: 'jwt'`: how the token is signed (a key of `jwks` with that alg). */
    jwt?: { sign?: { alg: string } };
  }

  /** An access or refresh token as oidc-provider passes it to policy functions. */
  export interface Token {
    readonly clientId: string;
  }

  export interface AdapterPayload {
    grantId?: string;
    uid?: string;
    consumed?: number;
    [key: string]: unknown;
  }

  /** The storage contract. */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    /** The device flow's lookup by the code the person types (RFC 8628). */
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Configuration {
    adapter?: (model: string) => Adapter;
    clients?: ClientMetadata[];
    clientDefaults?: Partial<Omit<ClientMetadata, 'client_id'>>;
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    cookies?: { keys?: string[] };
    jwks?: { keys: object[] };
    findAccount?: (ctx: ProviderContext, sub: string) => Promise<Account | undefined>;
    /** Authorization request parameters besides the standard ones that reach `Interaction.params`. */
    extraParams?: string[];
    interactions?: { url?: (ctx: ProviderContext, interaction: { uid: string }) => string | Promise<string> };
    issueRefreshToken?: (ctx: ProviderContext, client: Client, code: unknown) => boolean | Promise<boolean>;
    expiresWithSession?: (ctx: ProviderContext, token: unknown) => boolean | Promise<boolean>;
    rotateRefreshToken?: boolean;
    pkce?: { required?: (ctx: ProviderContext, client: Client) => boolean };
    renderError?: (
      ctx: ProviderContext & { type: string; body: unknown },
      out: Record<string, string | undefined>,
      error: Error,
    ) => void | Promise<void>;
    routes?: { token?: string; introspection?: string; revocation?: string };
    /** Members added to the discovery document. */
    discovery?: Record<string, unknown>;
    ttl?: Partial<Record<
      'AccessToken' | 'AuthorizationCode' | 'IdToken' | 'RefreshToken' | 'Interaction' | 'Session' | 'Grant',
      number
    >>;
    features?: {
      devInteractions?: { enabled: boolean };
      userinfo?: { enabled: boolean };
      introspection?: {
        enabled: boolean;
        allowedPolicy?: (ctx: ProviderContext, client: Client, token: Token) => boolean | Promise<boolean>;
      };
      revocation?: {
        enabled: boolean;
        allowedPolicy?: (ctx: ProviderContext, client: Client, token: Token) => boolean | Promise<boolean>;
      };
      /** RFC 7591 dynamic client registration at `/reg` (the MCP test authorization server). */
      registration?: { enabled: boolean; initialAccessToken?: boolean };
      /** RFC 8628; the three sources render its pages into `ctx.body`. */
      deviceFlow?: {
        enabled: boolean;
        userCodeInputSource?: (ctx: ProviderContext & { body: unknown }, form: string, out: unknown, err: (Error & { userCode?: string }) | undefined) => Promise<void>;
        userCodeConfirmSource?: (ctx: ProviderContext & { body: unknown }, form: string, client: Client, deviceInfo: unknown, userCode: string) => Promise<void>;
        successSource?: (ctx: ProviderContext & { body: unknown }) => Promise<void>;
      };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: ProviderContext, client: Client, oneOf?: string[]) => string | string[] | undefined | Promise<string | string[] | undefined>;
        useGrantedResource?: (ctx: ProviderContext, model: unknown) => boolean | Promise<boolean>;
        getResourceServerInfo?: (ctx: ProviderContext, resourceIndicator: string, client: Client) => ResourceServerInfo | Promise<ResourceServerInfo>;
      };
    };
  }

  export interface Interaction {
    readonly uid: string;
    /** `login` or `consent` under oidc-provider's default interaction policy. */
    readonly prompt: { name: string; details: Record<string, unknown> };
    readonly params: Record<string, unknown> & { client_id: string; scope?: string };
    readonly session?: { accountId: string };
    /** Stores changes to this interaction (e.g. to `params`) until it expires. */
    persist(): Promise<void>;
  }

  export type InteractionResult =
    | { login: { accountId: string } }
    | { consent: { grantId: string } }
    | { error: string; error_description?: string };

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    rejectOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    /** The OpenID Connect scopes refused, space-separated. */
    getRejectedOIDCScope(): string;
    /** The resource's granted scopes, space-separated (empty when none). */
    getResourceScope(resource: string): string;
    /** The stored grant with this id, unless it expired or was revoked. */
    static find(id: string): Promise<Grant | undefined>;
    /** Stores the grant and resolves to its id. */
    save(): Promise<string>;
    /** Deletes the stored grant: tokens issued under it stop working. */
    destroy(): Promise<void>;
  }

  /** An issued access or refresh token, as its model finds it by value. */
  /** A stored token as `find` returns it (unknown, consumed or expired ones are not found). */
  export interface IssuedToken {
    readonly grantId?: string;
    readonly accountId?: string;
    readonly clientId?: string;
    /** Space-separated. */
    readonly scope?: string;
    /** The resource indicator it was issued for. */
    readonly aud?: string | string[];
  }

  /** The token models' class side, as far as the sandbox uses it. */
  export interface TokenModel {
    find(value: string): Promise<IssuedToken | undefined>;
    /** Deletes every token of this model issued under the grant. */
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** The part of oidc-provider's Koa context the sandbox's own middleware reads and writes. */
  export interface KoaContext {
    readonly path: string;
    readonly method?: string;
    status?: number;
    body: unknown;
    /** oidc-provider's request context, once its routes ran: the parsed request parameters. */
    readonly oidc?: { readonly params?: Record<string, unknown> };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    readonly AccessToken: TokenModel;
    readonly RefreshToken: TokenModel;
    /** Adds a Koa middleware in front of oidc-provider's own routes (after `await next()` it sees their responses). */
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): this;
    /** The Node request listener for everything oidc-provider serves. */
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    /** Reads the interaction named by the request's interaction cookie. */
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    /** Records the result and answers 303 to where the authorization request resumes. */
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  class OIDCProviderError extends Error {
    readonly status: number;
    readonly error: string;
    readonly error_description?: string;
  }

  export const errors: {
    readonly InvalidTarget: new (description?: string) => OIDCProviderError;
    readonly SessionNotFound: new (description?: string) => OIDCProviderError;
  };
}
