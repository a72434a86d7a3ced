import { z } from 'zod';
import { ACCESS_LEVELS, CATEGORIES, SENSITIVITIES } from '../catalog/types';
import { TIME_BOXES } from '../timeBox';
import { id, isoDate, scope } from './fields';

/** Access given for a while: it ends at `until` (core takes it back then); `chosen` is what the person picked. */
export const timeBoxViewSchema = z.object({ until: isoDate, chosen: z.enum(TIME_BOXES) });
export type TimeBoxView = z.infer<typeof timeBoxViewSchema>;

/** What the window shows of providers and connections: scopes explained, actions, history. */

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
  /** Granted for a while: when it is taken back (granted scopes only). */
  timeBox: timeBoxViewSchema.optional(),
  /** Granted before the managed policy blocked it: no tool may use it; what to do, in a sentence (granted scopes only). */
  policyBlock: z.string().max(500).optional(),
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
  /**
   * Enabled, but Turn off alone would take nothing back: the titles of the other enabled actions
   * that still need its permissions, else of the granted permissions that include its own.
   */
  turnOffBlocked: z.object({ neededBy: z.array(z.string()), comesWith: z.array(z.string()) }).optional(),
  /** Fixed list: the scopes it still needs that the list does not have ("Missing scope"; Turn on is refused until they are added to it). */
  outsideList: z.array(scope).optional(),
  /** An app update brought it and the person has not reviewed it on this connection yet. */
  isNew: z.literal(true).optional(),
  /** New and off: tools cannot use it and nothing is asked for it until the person reviews it. */
  held: z.literal(true).optional(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

/** A scope the person can choose to ask for when connecting. */
export const scopeOptionSchema = z.object({
  scope,
  title: z.string(),
  category: z.enum(CATEGORIES),
  access: z.enum(ACCESS_LEVELS),
  /** The catalog scopes holding this one gives too (absent: none): a policy blocking one of them blocks this one. */
  includes: z.array(scope).max(200).optional(),
});
export type ScopeOption = z.infer<typeof scopeOptionSchema>;

/** The OAuth client a provider signs in with, as views show it: never the secret itself. */
export const clientViewSchema = z.object({
  clientId: z.string(),
  hasSecret: z.boolean(),
  redirectPort: z.number().int().optional(),
  /** 'own': the person registered it (it takes precedence); 'built-in': this build's; 'registered': Scopekeeper registered itself there (RFC 7591). */
  source: z.enum(['built-in', 'own', 'registered']),
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
  /**
   * Connecting "just this session" (no refresh token, ended when Scopekeeper quits): offered or
   * not, and what the person should know either way, in a sentence.
   */
  sessionOnly: z.object({ offered: z.boolean(), note: z.string().optional() }),
  /** A remote MCP server added by URL: its endpoint, whether it needs a sign-in at all, and whether its sign-in service revokes tokens (RFC 7009). */
  mcp: z.object({ url: z.string(), signIn: z.boolean(), revocation: z.boolean() }).optional(),
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
  /** Access given for a while ended, and Scopekeeper could not take it back by itself: the person is asked to. */
  'expired',
  /** The managed policy refused something for this connection, or took back a blocked scope a provider granted anyway. */
  'blocked-by-policy',
  /** A connection that keeps a fixed list was granted more than the list: taken back at once. */
  'outside-fixed-list',
  /** The person switched the scope mode (Follow my actions ↔ Fixed list). */
  'scope-mode',
  /** The person edited the fixed list. */
  'fixed-list-edited',
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
  /** The whole connection was given for a while: it is removed at `until`. */
  timeBox: timeBoxViewSchema.optional(),
  /** "Just this session": no refresh token; it ends when Scopekeeper quits. */
  sessionOnly: z.literal(true).optional(),
  /** An expiry Scopekeeper could not carry out by itself: the person is asked to remove `scopes` at `url`. */
  takeBackAsked: z.object({ at: isoDate, scopes: z.array(scope), url: z.string(), reason: z.string() }).optional(),
  /**
   * How its scopes may change: 'follow' the actions turned on (absent: the same), or 'fixed' to
   * `list`, the source of truth nothing widens; `recommended` is what Reset to recommended proposes;
   * `required`: something above the person (a managed policy) demands Fixed.
   */
  scopeMode: z
    .object({ mode: z.enum(['follow', 'fixed']), list: z.array(explainedScopeSchema).max(200), recommended: z.array(scope).max(200), required: z.literal(true).optional() })
    .optional(),
  /** The managed policy blocks this connection's provider now: no tool may use it; what to do, in a sentence. */
  policyBlock: z.string().max(500).optional(),
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

export const grantsChangedSchema = z.object({ connectionId: id.optional() });
export type GrantsChanged = z.infer<typeof grantsChangedSchema>;
