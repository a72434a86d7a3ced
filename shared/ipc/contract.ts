import { z } from 'zod';
import { ACCESS_LEVELS, CATEGORIES, SENSITIVITIES } from '../catalog/types';
import { appErrorSchema } from './errors';
import type { EventChannel, InvokeChannel } from './channels';

const id = z.string().min(1).max(200);
const scope = z.string().min(1).max(500);
const isoDate = z.iso.datetime();

/**
 * The limit on a scope name, also checked on what a provider sends, when it arrives and before
 * anything is saved: a saved record then always passes the answers' checks on the way to the window.
 */
export const scopeSchema = scope;
export const connectionIdSchema = id;

/** One scope in plain language (from the catalog, or inferred from its shape when unknown). */
export const explainedScopeSchema = z.object({
  /** The exact string, shown in small print beside the explanation. */
  scope,
  title: z.string(),
  sentence: z.string(),
  includes: z.array(z.string()),
  doesNotAllow: z.array(z.string()),
  access: z.enum(ACCESS_LEVELS),
  sensitivity: z.enum(SENSITIVITIES),
  category: z.enum(CATEGORIES),
  /** The provider's documentation; empty when the scope is unknown and the provider has none. */
  source: z.string(),
  /** True when the catalog does not know this scope and the text is a best guess. */
  inferred: z.boolean(),
  /** Granted scopes that already include this one; non-empty means this one is redundant. */
  redundantWith: z.array(scope),
  /** When this connection was first granted the scope (granted scopes only). */
  grantedAt: isoDate.optional(),
});
export type ExplainedScope = z.infer<typeof explainedScopeSchema>;

/** Something people use a connection for, and whether the grant allows it. */
export const actionViewSchema = z.object({
  id,
  title: z.string(),
  available: z.boolean(),
  /** The scopes it still needs (empty when available). */
  missingScopes: z.array(scope),
  /**
   * True when every scope it uses keeps the person signed in (the provider's identity scopes):
   * it cannot be turned off on its own, only by removing the whole connection.
   */
  keepsYouSignedIn: z.boolean().optional(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

/** A scope the person can choose to ask for when connecting. */
export const scopeOptionSchema = z.object({
  scope,
  title: z.string(),
  category: z.enum(CATEGORIES),
  access: z.enum(ACCESS_LEVELS),
});
export type ScopeOption = z.infer<typeof scopeOptionSchema>;

/** The OAuth client a provider signs in with, as views show it: never the secret itself. */
export const clientViewSchema = z.object({
  clientId: z.string(),
  hasSecret: z.boolean(),
  redirectPort: z.number().int().optional(),
  /** 'own': the person registered it (it takes precedence); 'built-in': this build's. */
  source: z.enum(['built-in', 'own']),
});
export type ClientView = z.infer<typeof clientViewSchema>;

export const providerViewSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  /** False when the provider cannot be connected here (no client ID, sandbox not running…). */
  available: z.boolean(),
  unavailableReason: z.string().optional(),
  /** What a Connect click asks for, identity scopes excluded. */
  defaultScopes: z.array(scope),
  /** Every catalog scope the person may choose to ask for, identity scopes excluded. */
  scopeOptions: z.array(scopeOptionSchema),
  /** Added by the person (a generic OAuth / OpenID server), as opposed to built in. */
  custom: z.boolean(),
  /** For a server the person added: how it was set up, to edit it. */
  server: z
    .object({
      issuer: z.string().optional(),
      endpoints: z.object({ authorization: z.string(), token: z.string(), revocation: z.string().optional(), userinfo: z.string().optional() }).optional(),
    })
    .optional(),
  /** The client it signs in with; absent when there is none (the person can bring their own). */
  client: clientViewSchema.optional(),
  /** This build ships a client for it (clearing the person's own falls back to that one). */
  hasBuiltInClient: z.boolean(),
  /** The redirect URI to register with the provider for an own client. */
  redirectUri: z.string(),
  /** The scopes to add to an own client's registration (identity scopes first). */
  appScopes: z.array(scope),
  /**
   * Offers connecting with a code (RFC 8628 device authorization): the catalog says so, or the
   * server's metadata does (for servers not yet asked, true until a try says otherwise).
   */
  deviceFlow: z.boolean(),
});
export type ProviderView = z.infer<typeof providerViewSchema>;

export const HISTORY_KINDS = [
  'connected',
  'granted',
  'revoked',
  'upgraded',
  'partial-approval',
  'refresh-failed',
  'disconnected',
  'removed',
  'console-opened',
  /** The provider granted scopes Scopekeeper did not ask for (RFC 6749 §3.3): recorded, and said. */
  'broader-grant',
  /** The provider refused the refresh token (invalid_grant): the grant is gone there. */
  'revoked-at-provider',
] as const;

/** One event in a connection's timeline. */
export const historyEntryViewSchema = z.object({
  at: isoDate,
  kind: z.enum(HISTORY_KINDS),
  scopes: z.array(scope),
  message: z.string(),
});
export type HistoryEntryView = z.infer<typeof historyEntryViewSchema>;

export const connectionViewSchema = z.object({
  id,
  providerId: id,
  providerName: z.string(),
  account: z.string(),
  /** Atlassian: the names of the sites the grant reaches. */
  sites: z.array(z.string().max(200)).max(100).optional(),
  connectedAt: isoDate,
  updatedAt: isoDate,
  /**
   * 'disconnected': the grant was revoked during a change that did not finish (e.g. the new
   * consent was cancelled); nothing is granted until the person reconnects, which asks `restore`.
   */
  state: z.enum(['connected', 'disconnected']),
  /** Every scope the app asked for in the last authorization, identity scopes included. */
  requestedScopes: z.array(scope),
  /** What the provider granted (RFC 6749 §3.3), as recorded from the token response. */
  grantedScopes: z.array(scope),
  /** Asked for but not granted. */
  notGrantedScopes: z.array(scope),
  /** grantedScopes, explained, in the same order. */
  granted: z.array(explainedScopeSchema),
  /** notGrantedScopes, explained, in the same order. */
  notGranted: z.array(explainedScopeSchema),
  /** What a reconnect asks for, when disconnected. */
  restore: z.array(explainedScopeSchema),
  /** The provider's actions, each available or missing scopes. */
  actions: z.array(actionViewSchema),
  /** Oldest first. */
  history: z.array(historyEntryViewSchema),
  /**
   * Set when the provider refused the saved refresh token (state is then 'disconnected'): the grant
   * was revoked there, by the person or by the provider. Reconnect asks for `restore` again.
   */
  revokedAtProvider: z.object({ at: isoDate, reason: z.string() }).optional(),
  /**
   * Set when the saved record cannot be shown within these limits (e.g. written by an older
   * Scopekeeper that did not check what providers sent): the rest of the view is a placeholder and
   * the one thing to do is remove it (grants:forget). One such record never hides the others.
   */
  damaged: z.object({ reason: z.string() }).optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

/** A connection removed from this computer; its history is kept (and exported). */
export const removedConnectionViewSchema = z.object({
  connectionId: id,
  providerId: id,
  providerName: z.string(),
  account: z.string(),
  removedAt: isoDate,
  /** Oldest first, the removal included. */
  history: z.array(historyEntryViewSchema),
});
export type RemovedConnectionView = z.infer<typeof removedConnectionViewSchema>;

export const vaultStatusSchema = z.object({
  state: z.enum(['ready', 'locked']),
  /** Why the vault is locked, in a sentence for the person. */
  lockedReason: z.string().optional(),
  /**
   * Set when an unreadable vault file was moved aside at start-up: its file name in Scopekeeper's
   * data folder, never a full path (app:show-in-folder shows it).
   */
  recovered: z
    .object({ fileName: z.string(), at: isoDate, reason: z.string() })
    .optional(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

/** Where the Sandbox provider's server comes from: this run's environment, the person's settings, or nowhere. */
export const sandboxSettingSchema = z.object({
  issuer: z.string().optional(),
  source: z.enum(['environment', 'settings', 'none']),
});
export type SandboxSetting = z.infer<typeof sandboxSettingSchema>;

export const appStatusSchema = z.object({ vault: vaultStatusSchema, sandbox: sandboxSettingSchema });
export type AppStatus = z.infer<typeof appStatusSchema>;

export const flowStageSchema = z.enum([
  'opening-browser',
  'waiting-for-callback',
  /** Connecting with a code: waiting for the person to enter it on the provider's page. */
  'waiting-for-device',
  'exchanging-code',
  'saving',
  'finished',
  'failed',
  'cancelled',
]);
export type FlowStage = z.infer<typeof flowStageSchema>;

/** What a person needs to approve a sign-in by code (RFC 8628 §3.3); no secret: it is shown to them. */
export const deviceCodeSchema = z.object({
  userCode: z.string().min(1).max(100),
  /** Where to type it; shown as text. Opening it goes through grants:open-device-page. */
  verificationUri: z.string().max(2000),
  expiresAt: isoDate,
});
export type DeviceCodeView = z.infer<typeof deviceCodeSchema>;

export const flowProgressSchema = z.object({
  flowId: id,
  providerId: id,
  stage: flowStageSchema,
  /** With stage 'waiting-for-device'. */
  device: deviceCodeSchema.optional(),
  error: appErrorSchema.optional(),
});
export type FlowProgress = z.infer<typeof flowProgressSchema>;

/** A change shown to the person before anything happens at the provider. */
export const changePlanSchema = z.object({
  planId: id,
  connectionId: id,
  providerName: z.string(),
  account: z.string(),
  kind: z.enum(['change', 'disconnect']),
  strategy: z.enum(['revoke-and-reconsent', 'narrow-refresh', 'provider-console', 'incremental', 'union', 'revoke-all', 'console-only']),
  /** Scopes the plan adds and removes, explained. */
  add: z.array(explainedScopeSchema),
  remove: z.array(explainedScopeSchema),
  /** What happens, in order, in plain language. */
  steps: z.array(z.object({ kind: z.enum(['revoke', 'authorize', 'narrow-refresh', 'open-console', 'forget-locally']), description: z.string() })),
  opensBrowser: z.boolean(),
  /** What the provider keeps remembering after the change, when it keeps anything. */
  providerRemembers: z.string().optional(),
  /** Action titles that stop working, and that start working. */
  actionsLost: z.array(z.string()),
  actionsGained: z.array(z.string()),
});
export type ChangePlan = z.infer<typeof changePlanSchema>;

export const changeOutcomeSchema = z.object({
  /** The connection afterwards; null when it was removed. */
  connection: connectionViewSchema.nullable(),
  /** What happened, in a sentence. */
  message: z.string(),
  /** Asked for in this change but not approved. */
  notGranted: z.array(scope),
});
export type ChangeOutcome = z.infer<typeof changeOutcomeSchema>;

export const changeProgressSchema = z.object({
  planId: id,
  step: z.number().int().min(0),
  of: z.number().int().min(1),
  description: z.string(),
  state: z.enum(['running', 'done', 'failed']),
});
export type ChangeProgress = z.infer<typeof changeProgressSchema>;

export const exportFileSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
export type ExportFile = z.infer<typeof exportFileSchema>;

export const grantsChangedSchema = z.object({ connectionId: id.optional() });
export type GrantsChanged = z.infer<typeof grantsChangedSchema>;

/** Someone the broker asks about: a connection as the person knows it. */
const brokerConnectionSchema = z.object({ id, providerName: z.string(), account: z.string() });

export const BROKER_DECISIONS = ['allow-once', 'allow-week', 'allow-always', 'deny'] as const;
export type BrokerDecision = (typeof BROKER_DECISIONS)[number];

/**
 * A tool asks the person: access to actions on a connection (kind 'access'), or, during a call,
 * a scope the connection lacks (kind 'step-up', with the change plan the person confirms).
 */
export const brokerApprovalRequestSchema = z.object({
  requestId: id,
  kind: z.enum(['access', 'step-up']),
  /** The name the tool gave; `known` when it presented the secret of a tool approved before. */
  tool: z.object({ name: z.string(), known: z.boolean() }),
  reason: z.string().optional(),
  providerName: z.string(),
  /** The connection asked about; absent when the tool asked for "an account of" the provider. */
  connection: brokerConnectionSchema.optional(),
  /** The accounts the person may choose from when no connection was named. */
  candidates: z.array(brokerConnectionSchema),
  actions: z.array(
    z.object({
      id,
      title: z.string(),
      /** What it needs, in plain language, and whether the connection already has it. */
      needs: z.array(z.object({ scope, title: z.string(), granted: z.boolean() })),
    }),
  ),
  /** The tool also asks to receive short-lived access tokens itself (off unless the person allows it). */
  tokenHandout: z.boolean(),
  /** Step-up only: what adding the missing scope involves. */
  plan: changePlanSchema.optional(),
  requestedAt: isoDate,
  expiresAt: isoDate,
});
export type BrokerApprovalRequest = z.infer<typeof brokerApprovalRequestSchema>;

export const brokerApprovalClosedSchema = z.object({ requestId: id, outcome: z.enum(['answered', 'timed-out', 'withdrawn']) });
export type BrokerApprovalClosed = z.infer<typeof brokerApprovalClosedSchema>;

/** A tool the person approved, for the Tools view. */
export const brokerToolViewSchema = z.object({
  id,
  name: z.string(),
  createdAt: isoDate,
  lastUsedAt: isoDate.optional(),
  calls: z.number().int().nonnegative(),
  tokenHandout: z.boolean(),
  approvals: z.array(
    z.object({
      connectionId: id,
      /** Absent when the connection was removed since. */
      connection: brokerConnectionSchema.optional(),
      actionId: id,
      actionTitle: z.string(),
      mode: z.enum(['once', 'week', 'always']),
      expiresAt: isoDate.optional(),
      lastUsedAt: isoDate.optional(),
      calls: z.number().int().nonnegative(),
    }),
  ),
});
export type BrokerToolView = z.infer<typeof brokerToolViewSchema>;

/**
 * One call a tool made through the broker, as the audit log shows it: who, which action, method,
 * host and path. Never a query value or a body (only the query parameters' names).
 */
export const brokerCallViewSchema = z.object({
  at: isoDate,
  toolId: id,
  tool: z.string(),
  connectionId: id,
  actionId: z.string(),
  actionTitle: z.string(),
  method: z.string(),
  host: z.string(),
  path: z.string(),
  queryNames: z.array(z.string()).optional(),
  /** The provider's HTTP status, when the request reached it. */
  status: z.number().int().optional(),
  /** 'ok' when forwarded, 'token-handout', or the broker's refusal code. */
  outcome: z.string(),
});
export type BrokerCallView = z.infer<typeof brokerCallViewSchema>;

/** A tool that used a permission through the broker, and when it last did. */
export const scopeUserSchema = z.object({ toolId: id, name: z.string(), lastUsedAt: isoDate, calls: z.number().int().positive() });
export type ScopeUser = z.infer<typeof scopeUserSchema>;

/**
 * What tools did with one connection: per granted permission the tools whose calls needed it (a
 * granted scope with no users is one nothing uses), and the latest calls, newest first.
 */
export const connectionUsageSchema = z.object({
  connectionId: id,
  /** Whether any tool was ever approved for, or called through, this connection. */
  toolsInvolved: z.boolean(),
  usedBy: z.array(z.object({ scope, tools: z.array(scopeUserSchema) })),
  calls: z.array(brokerCallViewSchema),
  /** Every call logged for this connection (the list above holds the latest ones). */
  totalCalls: z.number().int().nonnegative(),
});
export type ConnectionUsage = z.infer<typeof connectionUsageSchema>;

const noPayload = z.undefined();

const serverUrl = z.url({ protocol: /^https?$/ }).max(500);
const serverFields = {
  name: z.string().trim().min(1).max(80),
  /** Discovery (OpenID Connect or RFC 8414) at this issuer... */
  issuer: serverUrl.optional(),
  /** ...or, for a server that publishes no metadata, its endpoints typed by hand. */
  endpoints: z
    .strictObject({ authorization: serverUrl, token: serverUrl, revocation: serverUrl.optional(), userinfo: serverUrl.optional() })
    .optional(),
  clientId: z.string().trim().min(1).max(500),
};
const issuerOrEndpoints = (server: { issuer?: string | undefined; endpoints?: object | undefined }): boolean =>
  (server.issuer === undefined) !== (server.endpoints === undefined);
const ISSUER_OR_ENDPOINTS = { message: 'Give either an issuer URL or the endpoints, not both.', path: ['issuer'] };

/** An OAuth 2.0 / OpenID Connect server the person adds: by issuer (discovery) or by endpoints. */
export const serverRequestSchema = z
  .strictObject({ ...serverFields, clientSecret: z.string().min(1).max(2000).optional() })
  .refine(issuerOrEndpoints, ISSUER_OR_ENDPOINTS);

/** The same, for a server already added; `clientSecret` as in providers:set-client. */
export const serverEditSchema = z
  .strictObject({ providerId: id, ...serverFields, clientSecret: z.string().min(1).max(2000).nullable().optional() })
  .refine(issuerOrEndpoints, ISSUER_OR_ENDPOINTS);

/** Every invoke channel: its request and response schema. */
export const invokeContract = {
  'app:status': { request: noPayload, response: appStatusSchema },
  'providers:list': { request: noPayload, response: z.array(providerViewSchema) },
  'grants:list': { request: noPayload, response: z.array(connectionViewSchema) },
  'grants:connect': {
    request: z.strictObject({
      providerId: id,
      scopes: z.array(scope).max(200).optional(),
      /** Show the provider's account chooser (prompt=select_account where supported). */
      anotherAccount: z.boolean().optional(),
      /** 'browser' (default): loopback redirect; 'device': type a code on the provider's page (RFC 8628). */
      method: z.enum(['browser', 'device']).optional(),
    }),
    response: connectionViewSchema,
  },
  /** Opens the page where the code of the running device sign-in is entered; no URL crosses IPC. */
  'grants:open-device-page': { request: noPayload, response: z.object({ opened: z.boolean() }) },
  'grants:cancel-flow': {
    request: noPayload,
    response: z.object({ cancelled: z.boolean() }),
  },
  'grants:forget': { request: z.strictObject({ connectionId: id }), response: z.null() },
  'grants:reconnect': { request: z.strictObject({ connectionId: id }), response: connectionViewSchema },
  /** Asks the provider whether the grant is still alive (a refresh); a refused one shows as revoked there. */
  'grants:check': { request: z.strictObject({ connectionId: id }), response: connectionViewSchema },
  'grants:plan-change': {
    request: z.strictObject({ connectionId: id, add: z.array(scope).max(200).default([]), remove: z.array(scope).max(200).default([]) }),
    response: changePlanSchema,
  },
  'grants:plan-action': {
    request: z.strictObject({ connectionId: id, actionId: id, enable: z.boolean() }),
    response: changePlanSchema,
  },
  'grants:plan-disconnect': { request: z.strictObject({ connectionId: id }), response: changePlanSchema },
  'grants:apply-plan': { request: z.strictObject({ planId: id }), response: changeOutcomeSchema },
  /**
   * 'csv': one row per granted permission; 'history-csv': one row per history entry, removed
   * connections included; 'calls-csv': one row per call a tool made through the broker.
   */
  'grants:export': { request: z.strictObject({ format: z.enum(['csv', 'json', 'history-csv', 'calls-csv']) }), response: exportFileSchema },
  'history:list-removed': { request: noPayload, response: z.array(removedConnectionViewSchema) },
  /** Opens the file manager at a file Scopekeeper names itself: no path ever comes from the renderer. */
  'app:show-in-folder': { request: z.strictObject({ item: z.enum(['recovered-vault', 'data-folder']) }), response: z.null() },
  'settings:set-sandbox': {
    request: z.strictObject({ issuer: z.url({ protocol: /^https?$/ }).max(200).nullable() }),
    response: sandboxSettingSchema,
  },
  'providers:set-client': {
    request: z.strictObject({
      providerId: id,
      clientId: z.string().trim().min(1).max(500),
      /** A string sets it, null removes it, left out keeps the saved one (same client ID only). */
      clientSecret: z.string().min(1).max(2000).nullable().optional(),
      /** Only for providers that match the redirect URI exactly: a fixed loopback port. */
      redirectPort: z.number().int().min(1024).max(65535).optional(),
    }),
    response: providerViewSchema,
  },
  'broker:pending': { request: noPayload, response: z.array(brokerApprovalRequestSchema) },
  'broker:answer': {
    request: z.strictObject({
      requestId: id,
      decision: z.enum(BROKER_DECISIONS),
      /** The account chosen, when the tool asked for "an account of" a provider. */
      connectionId: id.optional(),
      /** Allow the token handout the tool asked for (ignored when it did not ask). */
      tokenHandout: z.boolean().optional(),
    }),
    response: z.null(),
  },
  'broker:tools': { request: noPayload, response: z.array(brokerToolViewSchema) },
  /** "Used by" per permission and the latest calls through the broker, for one connection. */
  'broker:usage': { request: z.strictObject({ connectionId: id }), response: connectionUsageSchema },
  'broker:revoke': {
    request: z.strictObject({ toolId: id, connectionId: id.optional(), actionId: id.optional() }),
    response: z.null(),
  },
  'providers:clear-client': { request: z.strictObject({ providerId: id }), response: providerViewSchema },
  'providers:add': { request: serverRequestSchema, response: providerViewSchema },
  'providers:edit-server': { request: serverEditSchema, response: providerViewSchema },
  'providers:remove-server': { request: z.strictObject({ providerId: id }), response: z.null() },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export type InvokeContract = typeof invokeContract;
export type RequestOf<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;

/** Every pushed event: its payload schema. */
export const eventContract = {
  'flow:progress': flowProgressSchema,
  'grants:changed': grantsChangedSchema,
  'change:progress': changeProgressSchema,
  'broker:approval-requested': brokerApprovalRequestSchema,
  'broker:approval-closed': brokerApprovalClosedSchema,
  'broker:changed': z.object({}),
  /** Tools called through these connections (sent at most once per turn of the main process's event loop). */
  'broker:used': z.object({ connectionIds: z.array(id) }),
} satisfies Record<EventChannel, z.ZodType>;

export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;
