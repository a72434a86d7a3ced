/**
 * The shape of the provider catalog: what each OAuth scope lets an app do, in plain language,
 * and how each provider expects scopes to be asked for, granted and taken back.
 *
 * Pure data, no platform imports: the renderer and the main process both read it.
 */

/** How far a scope reaches: see, change, remove, or run the place. */
export type AccessLevel = 'read' | 'write' | 'delete' | 'admin';

/**
 * Google's three classes (non-sensitive = 'basic'). Other providers have no such classes; for them
 * 'basic' is sign-in and public data, 'sensitive' is anything that reads or changes a person's
 * content, and 'restricted' is kept for Google's own list.
 */
export type Sensitivity = 'basic' | 'sensitive' | 'restricted';

export type Category =
  | 'identity'
  | 'mail'
  | 'calendar'
  | 'files'
  | 'chat'
  | 'code'
  | 'tasks'
  | 'contacts'
  | 'admin'
  | 'workspace'
  | 'other';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['read', 'write', 'delete', 'admin'];
export const SENSITIVITIES: readonly Sensitivity[] = ['basic', 'sensitive', 'restricted'];
export const CATEGORIES: readonly Category[] = [
  'identity',
  'mail',
  'calendar',
  'files',
  'chat',
  'code',
  'tasks',
  'contacts',
  'admin',
  'workspace',
  'other',
];

export interface ScopeInfo {
  /** The catalog spelling, exactly as the provider documents it. */
  scope: string;
  /** Other spellings the provider accepts or returns for the same scope. */
  aliases?: string[];
  /** At most six words, e.g. "Read, label and archive email". */
  title: string;
  /** One plain-language sentence of what it lets an app do. */
  sentence: string;
  /** Concrete things it allows, each a short phrase. */
  includes: string[];
  /** What people often think it allows but it does not. */
  doesNotAllow?: string[];
  access: AccessLevel;
  sensitivity: Sensitivity;
  category: Category;
  /** Scopes this one already covers: granting this one makes them redundant. */
  implies?: string[];
  /** The provider's documentation for this scope (https). */
  source: string;
}

/** A scope's text and classes, for catalog modules that add `scope` and `source` themselves. */
export type ScopeEntry = Omit<ScopeInfo, 'scope' | 'source'>;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * One HTTP operation of the provider's API that an action covers. `url` is a template on the
 * provider's API host: `{name}` stands for exactly one non-empty path segment, everything else is
 * literal. The query string is not part of the template.
 */
export interface OperationInfo {
  method: HttpMethod;
  url: string;
  /** The provider's API reference page for this operation (https), for every real provider. */
  source?: string;
  /** The JSON request body the provider documents, where the operation sends one. */
  body?: BodySchema;
}

/** A field of a documented request body: a subset of JSON Schema that MCP hosts and zod both read. */
export interface BodyField {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  /** What the provider's reference says the field is, in a short phrase. */
  description: string;
  enum?: readonly string[];
  items?: BodyField;
  properties?: Readonly<Record<string, BodyField>>;
  required?: readonly string[];
}

/**
 * A documented JSON request body. `additionalProperties: false` only where the provider refuses
 * unknown fields or the body is the app's own (the Sandbox); provider APIs often take more fields
 * than an action needs, so their bodies stay open unless the reference says otherwise.
 */
export interface BodySchema {
  type: 'object';
  properties: Readonly<Record<string, BodyField>>;
  required: readonly string[];
  additionalProperties?: boolean;
}

/**
 * What an action can do that cannot be taken back: send something in the person's name, destroy
 * something, or share something with others. A tool's call of such an action is confirmed by the
 * person each time, even under "Always allow", unless they turned that off for the approval.
 */
export const ACTION_EFFECTS = ['sends', 'destroys', 'shares'] as const;
export type ActionEffect = (typeof ACTION_EFFECTS)[number];

/**
 * The one kind of resource an action covers, where the provider serves several kinds through the
 * same operation and asks a different scope for each, choosing by the resource a request argument
 * names (Slack's conversations.history reads public channels, private channels and direct
 * messages, each with its own `*:history` scope). Several actions may then declare that
 * operation, each naming its kind; before forwarding a call, the broker asks the provider what
 * kind the named resource is and refuses one the approved action does not cover.
 */
export interface ResourceKind {
  /** The request argument (query or body) that names the resource, e.g. `channel`. */
  param: string;
  /** The provider's own name for the kind, e.g. Slack's `public_channel`. */
  kind: string;
  /** The kind in plain words, plural: "public channels". */
  name: string;
  /** The provider's reference listing the scope each kind needs (https). */
  source: string;
}

export interface ActionInfo {
  id: string;
  /** What the person would call it, e.g. "Read your email". */
  title: string;
  /** The minimal scopes it needs; where there are alternatives, the narrowest. */
  scopes: string[];
  /**
   * The API calls this action is made of. The broker forwards a tool's request only when an
   * approved action lists its method and URL. Absent for actions that are no API call (signing
   * in, staying connected) and for catalog entries not yet described.
   */
  operations?: OperationInfo[];
  /** Set when the action sends, deletes or shares (see ACTION_EFFECTS). */
  effect?: ActionEffect;
  /** Set when its operations serve several kinds of resource and the action covers one (see ResourceKind). */
  resourceKind?: ResourceKind;
}

/**
 * Something a provider's API URLs name with path parameters (a GitHub repository is
 * `{owner}/{repo}`), to which a tool's approval may be limited: the broker then forwards only
 * calls whose URL names that one. Declared only where the provider's reference says how it
 * compares the values, so the broker compares them the same way.
 */
export interface LimitableResource {
  /** The path parameters that together name one, in the order they are shown (`owner/repo`). */
  params: readonly string[];
  /** What one is called, for "Any repository". */
  noun: string;
  /** The provider treats the values' ASCII letters case-insensitively (its reference says so). */
  caseInsensitive?: true;
  /** Where the provider documents the parameters (https), for every real provider. */
  source?: string;
}

/** Ways an app can take back part of a grant, see PROVIDERS.md "reduce one scope". */
export type ReduceStrategy = 'revoke-and-reconsent' | 'narrow-refresh' | 'provider-console';

export interface ScopeFormat {
  /** Separator in the authorization request's scope parameter. */
  requestSeparator: ' ' | ',';
  /** Separator in the token response's `scope`. */
  responseSeparator: ' ' | ',';
  /** Authorization parameter that carries the scopes (Slack asks user scopes in `user_scope`). */
  scopeParam: 'scope' | 'user_scope';
  /** Prefix that qualifies a bare scope, e.g. Microsoft Graph's 'https://graph.microsoft.com/'. */
  resource?: string;
  /** The provider matches scope names case-insensitively (Microsoft identity platform). */
  caseInsensitive?: boolean;
}

export interface ProviderEndpoints {
  authorization: string;
  token: string;
  /** Where tokens are revoked; `revokeAll` says whether it is RFC 7009 or the provider's own API. */
  revocation?: string;
  userinfo?: string;
  /** RFC 8628 device authorization endpoint: the provider lets a person connect by typing a code. */
  device?: string;
}

export interface ProviderInfo {
  id: string;
  name: string;
  /** One line for the provider list: what connecting it means. */
  description: string;
  kind: 'oidc' | 'oauth2';
  issuer?: string;
  endpoints: ProviderEndpoints;
  scopeFormat: ScopeFormat;
  /** Always requested alongside whatever the person chooses. */
  identityScopes: string[];
  extraAuthorizationParams: Record<string, string>;
  /** In order of preference. */
  reduce: ReduceStrategy[];
  /**
   * A refresh that asks for a subset of the granted scopes gets an access token carrying only
   * those (RFC 6749 §6), and the refresh token keeps the rest: how a token handed to a tool is
   * kept to its approved action. Absent: every token of a connection can do all it was granted.
   */
  narrowTokens?: true;
  add: { strategy: 'incremental' | 'union'; param?: Record<string, string> };
  revokeAll: 'rfc7009' | 'provider-api' | 'console-only';
  /** Where the person can see and remove the app's access themselves. */
  consoleUrl: string;
  docsUrl: string;
  scopes: ScopeInfo[];
  actions: ActionInfo[];
  /** What an approval may be limited to (see ResourceKind); absent: approvals cover the whole account. */
  resources?: readonly LimitableResource[];
  /**
   * Its access tokens do not expire by themselves (and it issues no refresh token): "Just this
   * session" then rests on revoking the token when Scopekeeper quits. `source`: the provider's page
   * saying so. Absent: access tokens expire within hours, and without a refresh token that is the end.
   */
  tokensOutliveSession?: { source: string };
}
