import { z } from 'zod';
import { APPROVAL_MODES, type ApprovalMode } from '../timeBox';
import type { PolicyFile } from './schema';

/**
 * The policy in force: the machine's file (an organisation's) and the person's own file, merged so
 * the stricter wins (blocks are united, maxima take the lower, allowances must be given by both).
 * Each rule says which file it comes from; where both say it, the organisation's. This is what
 * core decides by and what the window shows (Settings › Policy, the scope picker, the dialogs).
 */
export const POLICY_ORIGINS = ['organisation', 'own'] as const;
export type PolicyOrigin = (typeof POLICY_ORIGINS)[number];
const by = z.enum(POLICY_ORIGINS);
const text = z.string().max(500);

export const policySourceSchema = z.object({
  origin: by,
  path: z.string().max(1000),
  /** absent: no file there; in-force: read and applied; refused: there, but not a valid policy (`problem` says why). */
  state: z.enum(['absent', 'in-force', 'refused']),
  problem: z.string().max(2000).optional(),
});
export type PolicySource = z.infer<typeof policySourceSchema>;

export const policyInForceSchema = z.object({
  sources: z.array(policySourceSchema).max(2),
  /**
   * A file was refused: nothing new can be granted (no connect, no added permission, no tool
   * approval, no token handout); what was granted keeps working and can still be taken back.
   */
  lockedDown: z.boolean(),
  providersAllowed: z.object({ ids: z.array(text).max(200), by }).optional(),
  providersBlocked: z.array(z.object({ providerId: text, by })).max(400),
  blockedScopes: z.array(z.object({ providerId: text, scope: text.optional(), pattern: text.optional(), by })).max(2000),
  maxApproval: z.object({ mode: z.enum(APPROVAL_MODES), by }).optional(),
  tokenHandoutBlocked: z.object({ by }).optional(),
  /** `actionTitle`: the catalog's title of the action, which core adds for the window (absent: the catalog has no such action). */
  alwaysConfirm: z.array(z.object({ providerId: text, actionId: text, actionTitle: text.optional(), by })).max(800),
  customServersBlocked: z.object({ by }).optional(),
  serverIssuers: z.object({ issuers: z.array(text).max(100), by }).optional(),
  requiredScopeMode: z.object({ mode: z.literal('fixed'), by }).optional(),
});
export type PolicyInForce = z.infer<typeof policyInForceSchema>;

type BlockedScopeRule = { providerId: string; scope?: string; pattern?: string };

export interface ReadPolicy {
  origin: PolicyOrigin;
  file: PolicyFile;
}

/** Entries of both files, each once (keyed by `key`), the organisation's first. */
function united<T>(read: readonly ReadPolicy[], entries: (file: PolicyFile) => T[], key: (entry: T) => string): (T & { by: PolicyOrigin })[] {
  const seen = new Map<string, T & { by: PolicyOrigin }>();
  for (const { origin, file } of read) for (const entry of entries(file)) if (!seen.has(key(entry))) seen.set(key(entry), { ...entry, by: origin });
  return [...seen.values()];
}

/** An allow-list both files must agree to: the entries in every list given; by the organisation where it gave one. */
function intersected(read: readonly ReadPolicy[], list: (file: PolicyFile) => string[] | undefined): { ids: string[]; by: PolicyOrigin } | undefined {
  const lists = read.flatMap(({ origin, file }) => (list(file) === undefined ? [] : [{ origin, ids: list(file)! }]));
  if (lists.length === 0) return undefined;
  const ids = lists.reduce<string[]>((kept, next) => kept.filter((id) => next.ids.includes(id)), lists[0]!.ids);
  return { ids: [...new Set(ids)], by: lists[0]!.origin };
}

/** The first file (the organisation's first) that says `when`. */
function firstSaying(read: readonly ReadPolicy[], when: (file: PolicyFile) => boolean): { by: PolicyOrigin } | undefined {
  const found = read.find(({ file }) => when(file));
  return found ? { by: found.origin } : undefined;
}

/** The shortest maximum approval either file sets. */
function shortest(read: readonly ReadPolicy[]): { mode: ApprovalMode; by: PolicyOrigin } | undefined {
  let best: { mode: ApprovalMode; by: PolicyOrigin } | undefined;
  for (const { origin, file } of read) {
    const mode = file.tools?.maxApproval;
    if (mode !== undefined && (best === undefined || APPROVAL_MODES.indexOf(mode) < APPROVAL_MODES.indexOf(best.mode))) best = { mode, by: origin };
  }
  return best;
}

/** `read`: the files that parsed, the organisation's first. `sources`: every place looked at. */
export function mergePolicies(sources: PolicySource[], read: readonly ReadPolicy[]): PolicyInForce {
  const ordered = [...read].sort((a, b) => POLICY_ORIGINS.indexOf(a.origin) - POLICY_ORIGINS.indexOf(b.origin));
  const providersAllowed = intersected(ordered, (f) => f.providers?.allowed);
  const issuers = intersected(ordered, (f) => f.customServers?.issuers?.map((i) => i.replace(/\/+$/, '')));
  const maxApproval = shortest(ordered);
  const tokenHandoutBlocked = firstSaying(ordered, (f) => f.tools?.tokenHandout === false);
  const customServersBlocked = firstSaying(ordered, (f) => f.customServers?.allowed === false);
  const fixed = firstSaying(ordered, (f) => f.requiredScopeMode === 'fixed');
  return {
    sources,
    lockedDown: sources.some((s) => s.state === 'refused'),
    ...(providersAllowed ? { providersAllowed } : {}),
    providersBlocked: united(ordered, (f) => (f.providers?.blocked ?? []).map((providerId) => ({ providerId })), (e) => e.providerId),
    blockedScopes: united(
      ordered,
      (f) =>
        Object.entries(f.blockedScopes ?? {}).flatMap(([providerId, rule]) => [
          ...(rule.scopes ?? []).map((scope): BlockedScopeRule => ({ providerId, scope })),
          ...(rule.patterns ?? []).map((pattern): BlockedScopeRule => ({ providerId, pattern })),
        ]),
      (e) => `${e.providerId} ${e.scope ?? ''} ${e.pattern ?? ''}`,
    ),
    ...(maxApproval ? { maxApproval } : {}),
    ...(tokenHandoutBlocked ? { tokenHandoutBlocked } : {}),
    alwaysConfirm: united(ordered, (f) => Object.entries(f.tools?.alwaysConfirm ?? {}).flatMap(([providerId, ids]) => ids.map((actionId) => ({ providerId, actionId }))), (e) => `${e.providerId} ${e.actionId}`),
    ...(customServersBlocked ? { customServersBlocked } : {}),
    ...(issuers ? { serverIssuers: { issuers: issuers.ids, by: issuers.by } } : {}),
    ...(fixed ? { requiredScopeMode: { mode: 'fixed' as const, by: fixed.by } } : {}),
  };
}
