import type { ProviderInfo, ReduceStrategy } from '../../../shared/catalog';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { canonicalScope } from '../../../shared/scopes/format';
import { actionStatus, closure, covers } from '../../../shared/scopes/algebra';

/** What carrying out a change does, step by step, at the provider and here. */
export type PlanStep =
  | { kind: 'revoke'; description: string }
  | { kind: 'authorize'; scopes: string[]; params: Record<string, string>; description: string }
  | { kind: 'narrow-refresh'; scopes: string[]; description: string }
  | { kind: 'open-console'; url: string; description: string }
  | { kind: 'forget-locally'; description: string };

export type PlanStrategy = ReduceStrategy | 'incremental' | 'union' | 'revoke-all' | 'console-only' | 'forget-only';

export interface PlanDraft {
  kind: 'change' | 'disconnect';
  strategy: PlanStrategy;
  add: string[];
  remove: string[];
  /** The grant the plan aims at when every step succeeds. */
  target: string[];
  steps: PlanStep[];
  opensBrowser: boolean;
  /** What the provider keeps after the plan, when it keeps anything: said before, not after. */
  providerRemembers?: string;
  actionsLost: string[];
  actionsGained: string[];
  /** A take-back that also takes back broader granted scopes (they include what was asked): which, and why. */
  implied?: ImpliedTakeBack;
  /** Leads the history entries of this change ("You kept See your files…"), when it says more than the scopes. */
  historyNote?: string;
}

export interface ImpliedTakeBack {
  /** What the person asked to take back. */
  asked: string[];
  /** Granted scopes that include something asked, taken back with it. */
  broader: string[];
  /** In a sentence: "Create and change your files and Manage files… also let an app see your files, so they go too." */
  why: string;
}

export interface PlanInput {
  info: ProviderInfo;
  granted: readonly string[];
  add: readonly string[];
  remove: readonly string[];
}

function titles(info: ProviderInfo, scopes: readonly string[]): string {
  const names = scopes.map((s) => info.scopes.find((c) => c.scope === s)?.title ?? s);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function actionChanges(info: ProviderInfo, before: readonly string[], after: readonly string[]): { lost: string[]; gained: string[] } {
  const had = new Set(actionStatus(info, before).filter((a) => a.available).map((a) => a.action.title));
  const has = new Set(actionStatus(info, after).filter((a) => a.available).map((a) => a.action.title));
  return { lost: [...had].filter((t) => !has.has(t)), gained: [...has].filter((t) => !had.has(t)) };
}

/** "See your files" → "see your files"; an acronym ("URL…") stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text[0]!.toLowerCase()}${text.slice(1)}` : text;
}

/** Which removals only came along because they include what was asked, and why, in words; undefined when none did. */
function impliedBy(info: ProviderInfo, asked: readonly string[], remove: readonly string[]): ImpliedTakeBack | undefined {
  const broader = remove.filter((s) => !asked.includes(s));
  if (broader.length === 0) return undefined;
  const why = asked
    .map((a) => ({ a, by: broader.filter((b) => covers(info, b, a)) }))
    .filter(({ by }) => by.length > 0)
    .map(({ a, by }) => `${titles(info, by)} also ${by.length === 1 ? 'lets' : 'let'} an app ${lowerFirst(titles(info, [a]))}, so ${by.length === 1 ? 'it goes' : 'they go'} too.`)
    .join(' ');
  return { asked: [...asked], broader, why };
}

/** The history's words for a take-back that took broader scopes with it, in the past tense. */
function impliedHistoryNote(info: ProviderInfo, implied: ImpliedTakeBack): string {
  const one = implied.broader.length === 1;
  const them = implied.asked.length === 1 ? 'it' : 'them';
  return `You took back ${titles(info, implied.asked)}; ${titles(info, implied.broader)} went too, because ${one ? 'it includes' : 'they include'} ${them}. `;
}

/**
 * Canonical, de-duplicated; only additions not held yet and removals actually held. Taking back a
 * scope also takes back every granted scope that includes it (files:admin includes files:write):
 * otherwise the app would keep what the person meant to remove.
 */
function normalize(input: PlanInput): { add: string[]; remove: string[]; asked: string[] } {
  const held = new Set(input.granted);
  const add = [...new Set(input.add.map((s) => canonicalScope(input.info, s)))].filter((s) => s && !held.has(s));
  const asked = [...new Set(input.remove.map((s) => canonicalScope(input.info, s)))].filter((s) => held.has(s));
  const remove = input.granted.filter((g) => asked.includes(g) || asked.some((r) => covers(input.info, g, r)));
  const identity = remove.filter((s) => input.info.identityScopes.includes(s));
  if (identity.length > 0) {
    throw new ScopekeeperError('CHANGE_REFUSED', `${identity.join(', ')} keeps you signed in; remove the whole connection instead.`, {
      reason: 'identity-scope',
      scopes: identity,
    });
  }
  if (add.length === 0 && remove.length === 0) {
    throw new ScopekeeperError('CHANGE_REFUSED', 'There is nothing to change.', { reason: 'nothing-to-change' });
  }
  return { add, remove, asked };
}

/**
 * Chooses how to carry out `{ add, remove }` from the provider's catalog capabilities. No provider
 * removes one scope from a grant by API, so a removal is a revoke and a new consent, a narrower
 * refresh (the app's token loses it, the consent stays), or the provider's own settings page.
 * @see RFC 7009 (revocation), RFC 6749 §6 (narrower refresh)
 */
export function planChange(input: PlanInput): PlanDraft {
  const { info } = input;
  const { add, remove, asked } = normalize(input);
  const removed = new Set(remove);
  const kept = input.granted.filter((s) => !removed.has(s));
  if (remove.length === 0) return planAdd(info, input.granted, add);
  const strategy = info.reduce[0] ?? 'provider-console';
  if (add.length > 0 && strategy !== 'revoke-and-reconsent') {
    throw new ScopekeeperError('CHANGE_REFUSED', `${info.name} cannot add and remove permissions in one step; do one, then the other.`, {
      reason: 'one-at-a-time',
      providerName: info.name,
    });
  }
  const target = [...kept, ...add];
  const { lost, gained } = actionChanges(info, input.granted, target);
  const implied = impliedBy(info, asked, remove);
  const base = { kind: 'change' as const, strategy, add, remove, target, actionsLost: lost, actionsGained: gained, ...(implied ? { implied, historyNote: impliedHistoryNote(info, implied) } : {}) };
  switch (strategy) {
    case 'revoke-and-reconsent':
      return {
        ...base,
        opensBrowser: true,
        steps: [
          { kind: 'revoke', description: `Scopekeeper asks ${info.name} to revoke its current access. ${info.name} forgets the whole grant, including ${titles(info, remove)}.` },
          {
            kind: 'authorize',
            scopes: target,
            params: {},
            description: `Your browser opens so you can approve the ${target.length} permissions you keep${add.length ? `, plus ${titles(info, add)}` : ''}. If you cancel there, the connection stays disconnected until you reconnect.`,
          },
        ],
      };
    case 'narrow-refresh':
      return {
        ...base,
        opensBrowser: false,
        providerRemembers: `${info.name} still remembers that you allowed ${titles(info, remove)}: Scopekeeper’s token loses it, but the consent itself stays until you remove it at ${info.consoleUrl}.`,
        steps: [{ kind: 'narrow-refresh', scopes: kept, description: `Scopekeeper asks ${info.name} for a new token without ${titles(info, remove)}.` }],
      };
    case 'provider-console':
      return {
        ...base,
        target: [...input.granted],
        opensBrowser: true,
        providerRemembers: `Only ${info.name} can take ${titles(info, remove)} back, on its own settings page; Scopekeeper cannot do it for you.`,
        steps: [{ kind: 'open-console', url: info.consoleUrl, description: `Your browser opens ${info.consoleUrl}, where you remove ${titles(info, remove)} yourself.` }],
      };
  }
}

/**
 * The other way to answer a take-back that also took broader scopes: keep what was asked, take back
 * only the broader ones. Undefined unless `draft` is a pure take-back with broader scopes in it.
 */
export function planOnlyBroader(input: PlanInput, draft: PlanDraft): PlanDraft | undefined {
  const implied = draft.implied;
  if (implied === undefined || draft.add.length > 0) return undefined;
  const only = planChange({ ...input, add: [], remove: implied.broader });
  const kept = titles(input.info, implied.asked);
  return { ...only, historyNote: `You kept ${kept} and took back only the broader ${implied.broader.length === 1 ? 'one' : 'ones'}. ` };
}

function planAdd(info: ProviderInfo, granted: readonly string[], add: string[]): PlanDraft {
  const incremental = info.add.strategy === 'incremental';
  const asked = incremental ? [...new Set([...info.identityScopes, ...add])] : [...granted, ...add];
  const target = [...granted, ...add];
  const { lost, gained } = actionChanges(info, granted, target);
  return {
    kind: 'change',
    strategy: info.add.strategy,
    add,
    remove: [],
    target,
    opensBrowser: true,
    actionsLost: lost,
    actionsGained: gained,
    steps: [
      {
        kind: 'authorize',
        scopes: asked,
        params: incremental ? { ...info.add.param } : {},
        description: incremental
          ? `Your browser opens so you can approve ${titles(info, add)}; what you already allowed stays.`
          : `Your browser opens so you can approve ${titles(info, add)} together with what you already allowed. You may untick anything there.`,
      },
    ],
  };
}

/**
 * Removing the whole connection: revoked at the provider where it can be, forgotten here. Without a
 * live grant (disconnected, or no tokens saved) there is nothing to revoke with: only forgotten
 * here, unless the provider has no revocation at all, whose page may still list the consent.
 */
export function planDisconnect(info: ProviderInfo, granted: readonly string[], { live = true }: { live?: boolean } = {}): PlanDraft {
  // RFC 7009 needs the endpoint; a provider's own API (Slack auth.revoke, GitHub's grant API with a secret) is its module's.
  const canRevoke = info.revokeAll === 'provider-api' || (info.revokeAll === 'rfc7009' && info.endpoints.revocation !== undefined);
  const { lost } = actionChanges(info, granted, []);
  const forget = { kind: 'forget-locally' as const, description: 'Scopekeeper deletes its saved tokens for this connection and keeps a history entry.' };
  const base = { kind: 'disconnect' as const, add: [], remove: [...granted], target: [], actionsLost: lost, actionsGained: [] };
  if (canRevoke && !live) {
    return {
      ...base,
      strategy: 'forget-only',
      opensBrowser: false,
      steps: [{ kind: 'forget-locally', description: `Scopekeeper holds no working access at ${info.name} for this connection, so there is nothing to revoke at ${info.name}; it deletes what it saved here and keeps a history entry.` }],
    };
  }
  return {
    ...base,
    strategy: canRevoke ? 'revoke-all' : 'console-only',
    opensBrowser: !canRevoke,
    ...(canRevoke
      ? {}
      : { providerRemembers: `${info.name} offers apps no way to revoke access, so it keeps your consent until you remove it at ${info.consoleUrl}.` }),
    steps: canRevoke
      ? [{ kind: 'revoke', description: `Scopekeeper asks ${info.name} to revoke all of its access.` }, forget]
      : [{ kind: 'open-console', url: info.consoleUrl, description: `Your browser opens ${info.consoleUrl}, where you remove Scopekeeper’s access.` }, forget],
  };
}

/** Scopes an action needs that no other enabled action needs, identity scopes never included. */
export function scopesOnlyFor(info: ProviderInfo, actionId: string, granted: readonly string[]): string[] {
  const statuses = actionStatus(info, granted);
  const action = statuses.find((a) => a.action.id === actionId)?.action;
  if (!action) throw new ScopekeeperError('INVALID_REQUEST', `There is no action “${actionId}” for ${info.name}.`);
  const stillNeeded = new Set(
    closure(
      info,
      statuses.filter((a) => a.available && a.action.id !== actionId).flatMap((a) => a.action.scopes),
    ),
  );
  return action.scopes.filter((s) => granted.includes(s) && !stillNeeded.has(s) && !info.identityScopes.includes(s));
}

/** Why Turn off on an enabled action would take nothing back, said before anyone clicks it. */
export interface TurnOffBlock {
  /** Other enabled actions that still need its permissions ("Edit your files"). */
  neededBy: string[];
  /** When no action does: the granted permissions that include its own, to take back under Permissions. */
  comesWith: string[];
}

/**
 * For each enabled action that Turn off alone could not change (every permission it uses is still
 * needed by another enabled action, or it holds them only through a broader permission), what
 * stands in the way. The same rule as `scopesOnlyFor`, for all actions at once: the statuses and
 * each action's reach are worked out once. Actions that keep the person signed in say so
 * themselves and are left out, as are actions Turn off can change.
 */
export function turnOffBlocks(info: ProviderInfo, granted: readonly string[]): Map<string, TurnOffBlock> {
  const statuses = actionStatus(info, granted);
  const available = statuses.filter((a) => a.available).map((a) => a.action);
  // For every scope, the enabled actions whose permissions include it.
  const neededBy = new Map<string, Set<string>>();
  for (const action of available) {
    for (const scope of closure(info, action.scopes)) {
      const set = neededBy.get(scope) ?? new Set<string>();
      set.add(action.id);
      neededBy.set(scope, set);
    }
  }
  const held = new Set(granted);
  const blocks = new Map<string, TurnOffBlock>();
  for (const action of available) {
    const own = action.scopes.filter((s) => !info.identityScopes.includes(s));
    if (own.length === 0) continue; // keeps the person signed in
    const alone = own.some((s) => held.has(s) && [...(neededBy.get(s) ?? [])].every((id) => id === action.id));
    if (alone) continue;
    const others = new Set(own.flatMap((s) => [...(neededBy.get(s) ?? [])].filter((id) => id !== action.id)));
    const titlesOf = available.filter((a) => others.has(a.id)).map((a) => a.title);
    const broader = titlesOf.length > 0 ? [] : granted.filter((g) => own.some((s) => covers(info, g, s)));
    blocks.set(action.id, { neededBy: titlesOf, comesWith: broader.map((s) => info.scopes.find((c) => c.scope === s)?.title ?? s) });
  }
  return blocks;
}
