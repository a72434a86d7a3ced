import type { ProviderInfo } from '../catalog';
import { lookupScope } from '../catalog/lookup';
import { canonicalScope } from '../scopes/format';
import { actionById, closure, grantedScopesUsed, minimalCover } from '../scopes/algebra';

/**
 * The review: what Scopekeeper proposes to take back, each with its reason and the one change it
 * proposes. Pure: the caller gives the connections, what tools did with them and the time, so
 * tests move time by passing another `now`. Linear in each connection's scopes, approvals and
 * logged uses (bench: scripts/bench/advisor.ts).
 */

export const SUGGESTION_KINDS = ['unused-connection', 'broader-than-asked', 'broader-than-needed', 'unused-permission'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** The one change a suggestion proposes: the usual scope change plan, or removing the connection. */
export type ProposedChange = { kind: 'change'; add: string[]; remove: string[] } | { kind: 'disconnect' };

export interface Suggestion {
  /** Stable for the same finding (kind, connection, scope): what a dismissal is kept under. */
  id: string;
  kind: SuggestionKind;
  connectionId: string;
  providerName: string;
  account: string;
  /** "Take back “Create and change your files”?", "Replace “…” with “…”", "Remove connection?". */
  title: string;
  reason: string;
  change: ProposedChange;
}

/** One connection as the review sees it. */
export interface ReviewedConnection {
  id: string;
  account: string;
  state: 'connected' | 'disconnected';
  connectedAt: string;
  requestedScopes: readonly string[];
  grantedScopes: readonly string[];
  /** When each granted scope was first granted. */
  grantedAt: Readonly<Record<string, string>>;
  /** Absent when the provider is not available here any more (nothing is proposed then). */
  info: ProviderInfo | undefined;
  /** Tools' forwarded calls, per action, with the last one. */
  uses: readonly { action: string; lastUsedAt: string }[];
  /** Actions tools are approved for on this connection now. */
  approved: readonly string[];
}

export const DEFAULT_UNUSED_DAYS = 90;
const DAY_MS = 86_400_000;

/** "90 days", "1 day". */
export function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

function quoted(info: ProviderInfo, scopes: readonly string[]): string {
  const names = scopes.map((s) => `“${lookupScope(info, s)?.title ?? s}”`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

interface Context {
  c: ReviewedConnection;
  info: ProviderInfo;
  days: number;
  cutoff: number;
  /** The fewest scopes the approved and recently used actions need, and everything they cover. */
  needed: ReadonlySet<string>;
  neededCover: ReadonlySet<string>;
  /** The last tool use of each granted scope (ms). */
  lastUse: ReadonlyMap<string, number>;
}

function suggestion(ctx: Context, kind: SuggestionKind, scope: string | undefined, title: string, reason: string, change: ProposedChange): Suggestion {
  const { c, info } = ctx;
  return { id: scope === undefined ? `${kind}:${c.id}` : `${kind}:${c.id}:${scope}`, kind, connectionId: c.id, providerName: info.name, account: c.account, title, reason, change };
}

/** A change that takes back `scope` and adds what it covered that is still wanted (`wanted`, not held yet). */
function replacement(ctx: Context, kind: SuggestionKind, scope: string, wanted: readonly string[], reason: string): Suggestion {
  const held = new Set(ctx.c.grantedScopes);
  const add = wanted.filter((s) => !held.has(s));
  const title = add.length > 0 ? `Replace ${quoted(ctx.info, [scope])} with ${quoted(ctx.info, add)}` : `Take back ${quoted(ctx.info, [scope])}`;
  return suggestion(ctx, kind, scope, title, reason, { kind: 'change', add, remove: [scope] });
}

/** The scopes of `among` that `scope` covers: walked through its own catalog reach, not over `among`. */
function below(info: ProviderInfo, scope: string, among: ReadonlySet<string>): string[] {
  return closure(info, [scope]).filter((s) => s !== scope && among.has(s));
}

/** Granted, not asked for, and nothing tools need: the provider gave more than Scopekeeper asked. */
function broaderThanAsked(ctx: Context, scope: string, asked: ReadonlySet<string>, askedCover: ReadonlySet<string>): Suggestion | undefined {
  if (askedCover.has(scope) || ctx.neededCover.has(scope)) return undefined;
  const wanted = below(ctx.info, scope, asked);
  const why =
    wanted.length > 0
      ? `You asked ${ctx.info.name} for ${quoted(ctx.info, wanted)}; it granted ${quoted(ctx.info, [scope])}, which can do more.`
      : `${ctx.info.name} granted ${quoted(ctx.info, [scope])}, which Scopekeeper did not ask for.`;
  return replacement(ctx, 'broader-than-asked', scope, wanted, `${why} No tool needs it.`);
}

/** Not needed, but covering what tools need: a narrower scope would do. */
function broaderThanNeeded(ctx: Context, scope: string): Suggestion | undefined {
  if (ctx.neededCover.has(scope)) return undefined;
  const wanted = below(ctx.info, scope, ctx.needed);
  if (wanted.length === 0) return undefined;
  return replacement(ctx, 'broader-than-needed', scope, wanted, `Tools use ${quoted(ctx.info, wanted)} only; ${quoted(ctx.info, [scope])} lets them do more than that.`);
}

/** Not needed, and no tool used it in the last N days (granted before them). */
function unusedPermission(ctx: Context, scope: string): Suggestion | undefined {
  if (ctx.neededCover.has(scope)) return undefined;
  const since = Date.parse(ctx.c.grantedAt[scope] ?? ctx.c.connectedAt);
  const last = ctx.lastUse.get(scope);
  if (since > ctx.cutoff || (last !== undefined && last > ctx.cutoff)) return undefined;
  const when = last === undefined ? 'ever needed it' : `needed it in ${daysText(ctx.days)}`;
  return suggestion(ctx, 'unused-permission', scope, `Take back ${quoted(ctx.info, [scope])}`, `Tools use this connection, but none has ${when}.`, {
    kind: 'change',
    add: [],
    remove: [scope],
  });
}

interface ToolUse {
  /** Each granted scope's last use by a tool (ms). */
  lastUse: Map<string, number>;
  /** The last use of the connection at all (ms). */
  lastOfAll: number | undefined;
  /** Actions approved now or called since the cutoff: what tools need. */
  inUse: string[];
}

/** What tools did with the connection, read once from its logged uses and approvals. */
function toolUse(c: ReviewedConnection, info: ProviderInfo, cutoff: number): ToolUse {
  const usedFor = grantedScopesUsed(info, c.grantedScopes);
  const lastUse = new Map<string, number>();
  const inUse = new Set(c.approved.filter((id) => actionById(info, id) !== undefined));
  let lastOfAll: number | undefined;
  for (const use of c.uses) {
    const at = Date.parse(use.lastUsedAt);
    if (lastOfAll === undefined || at > lastOfAll) lastOfAll = at;
    const action = actionById(info, use.action);
    if (action === undefined) continue;
    if (at > cutoff) inUse.add(use.action);
    for (const scope of usedFor(action.scopes)) lastUse.set(scope, Math.max(lastUse.get(scope) ?? at, at));
  }
  return { lastUse, lastOfAll, inUse: [...inUse] };
}

/** The suggestions for one connection: the one to remove it, or at most one per granted scope. */
export function reviewConnection(c: ReviewedConnection, now: number, days: number): Suggestion[] {
  const info = c.info;
  if (info === undefined || c.state !== 'connected') return [];
  const cutoff = now - days * DAY_MS;
  const { lastUse, lastOfAll, inUse } = toolUse(c, info, cutoff);
  const needed = minimalCover(info, inUse);
  const ctx: Context = { c, info, days, cutoff, lastUse, needed: new Set(needed), neededCover: new Set(closure(info, needed)) };
  if (Date.parse(c.connectedAt) <= cutoff && (lastOfAll === undefined || lastOfAll <= cutoff)) {
    const reason =
      lastOfAll === undefined
        ? `No tool has used this connection since it was made, more than ${daysText(days)} ago.`
        : `No tool has used this connection in ${daysText(days)}.`;
    return [suggestion(ctx, 'unused-connection', undefined, 'Remove connection?', reason, { kind: 'disconnect' })];
  }
  const toolsUse = c.uses.length > 0 || c.approved.length > 0;
  const asked = new Set(c.requestedScopes.map((s) => canonicalScope(info, s)));
  const askedCover = new Set(closure(info, [...asked]));
  const identity = new Set(info.identityScopes);
  const found: Suggestion[] = [];
  for (const scope of new Set(c.grantedScopes)) {
    if (identity.has(scope)) continue;
    const first = broaderThanAsked(ctx, scope, asked, askedCover) ?? (toolsUse ? (broaderThanNeeded(ctx, scope) ?? unusedPermission(ctx, scope)) : undefined);
    if (first !== undefined) found.push(first);
  }
  return found;
}
