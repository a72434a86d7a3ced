import { z } from 'zod';
import { connectionIdSchema, id, isoDate } from './fields';
import { connectionViewSchema, explainedScopeSchema, timeBoxViewSchema, type ConnectionView } from './connectionSchemas';

/**
 * The connection list as the window first needs it (grants:list): per connection what the sidebar,
 * the counts and search read, and per provider what each of its scopes means, once however many
 * connections hold it. A connection's detail (actions, history, explanations in full) is
 * grants:detail, asked when it is shown.
 */

/** What a scope means at one provider: an explained scope without what belongs to one connection. */
export const scopeMeaningSchema = explainedScopeSchema.omit({ redundantWith: true, grantedAt: true, timeBox: true });
export type ScopeMeaning = z.infer<typeof scopeMeaningSchema>;

/**
 * What one connection adds to a granted scope's meaning, when it adds anything: a date other than
 * the connection's own, or a time box. Which granted scopes include it (redundantWith) is the
 * detail's to say (grants:detail): the list and its search do not show it, and it was most of the
 * list's size.
 */
export const grantedFactsSchema = z.object({
  /**
   * When it was first granted; left out when that is when the connection was made (connectedAt),
   * as for most scopes, so the list does not carry the same date thousands of times; null when
   * not recorded.
   */
  grantedAt: isoDate.nullable().optional(),
  timeBox: timeBoxViewSchema.optional(),
});
export type GrantedFacts = z.infer<typeof grantedFactsSchema>;

/** The fields a summary shares with the connection's full view. */
const SUMMARY_FIELDS = {
  id: true,
  providerId: true,
  providerName: true,
  account: true,
  sites: true,
  connectedAt: true,
  updatedAt: true,
  state: true,
  grantedScopes: true,
  notGrantedScopes: true,
  revokedAtProvider: true,
  damaged: true,
  timeBox: true,
  sessionOnly: true,
  takeBackAsked: true,
} as const;

export const connectionSummarySchema = connectionViewSchema.pick(SUMMARY_FIELDS).extend({
  /**
   * grantedScopes' facts, in the same order, null where a scope has none; left out when none has
   * any, as for most connections.
   */
  grantedFacts: z.array(grantedFactsSchema.nullable()).optional(),
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;

/** The meanings of the scopes one provider's connections hold (granted or asked for), each once. */
export const providerMeaningsSchema = z.object({ providerId: id, scopes: z.array(scopeMeaningSchema) });
export type ProviderMeanings = z.infer<typeof providerMeaningsSchema>;

const fits = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const date = (value: unknown): string => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : new Date(0).toISOString());
const text = (source: unknown, key: string): string => {
  const value = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * The placeholder for a saved connection that cannot be shown within the contract's limits (e.g.
 * written by an older Scopekeeper that did not check what providers sent): what can be said of it
 * safely, and why; the one thing to do with it is to remove it (grants:forget). Built from the
 * view or summary that broke the limits, read as unknown.
 */
export function damagedConnection(source: unknown, reason: string): ConnectionView {
  const connectionId = text(source, 'id');
  return {
    id: connectionIdSchema.safeParse(connectionId).success ? connectionId : 'damaged',
    providerId: fits(text(source, 'providerId'), 200) || 'unknown',
    providerName: fits(text(source, 'providerName'), 200),
    account: fits(text(source, 'account'), 200),
    connectedAt: date(text(source, 'connectedAt')),
    updatedAt: date(text(source, 'updatedAt')),
    state: 'disconnected',
    requestedScopes: [],
    grantedScopes: [],
    notGrantedScopes: [],
    granted: [],
    notGranted: [],
    restore: [],
    actions: [],
    history: [],
    damaged: { reason: fits(`This saved connection cannot be shown (${reason}).`, 1000) },
  };
}

/** Why a value broke a schema, in a few words: the first issue's path and message. */
export function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join('.') || 'record'}: ${issue?.message ?? 'invalid'}`;
}

/** A connection's summary from its full view (an answer that carries one: connect, check, detail). */
export function summaryOf(view: ConnectionView): ConnectionSummary {
  const { granted, notGranted: _notGranted, requestedScopes: _requested, restore: _restore, actions: _actions, history: _history, ...summary } = view;
  return { ...summary, ...grantedFactsOf(granted, view.connectedAt) };
}

/** The facts of granted scopes as a summary carries them: null where a scope has none, left out when none has any. */
export function grantedFactsOf(
  granted: readonly { grantedAt?: string | null | undefined; timeBox?: GrantedFacts['timeBox'] }[],
  connectedAt: string,
): Pick<ConnectionSummary, 'grantedFacts'> {
  const facts = granted.map(({ grantedAt, timeBox }): GrantedFacts | null =>
    grantedAt === connectedAt && timeBox === undefined
      ? null
      : { ...(grantedAt !== connectedAt ? { grantedAt: grantedAt ?? null } : {}), ...(timeBox !== undefined ? { timeBox } : {}) },
  );
  return facts.some((fact) => fact !== null) ? { grantedFacts: facts } : {};
}

/**
 * grants:list's answer. Each connection is checked on its own: one that breaks the limits arrives
 * as the damaged placeholder, never hiding the others, and this parse is the only check each
 * summary gets (main builds it once, the IPC edge parses it once).
 */
export const connectionListSchema = z.object({
  connections: z.array(connectionSummarySchema.catch(({ input, error }) => summaryOf(damagedConnection(input, firstIssue(error))))),
  meanings: z.array(providerMeaningsSchema),
});
export type ConnectionList = z.infer<typeof connectionListSchema>;
