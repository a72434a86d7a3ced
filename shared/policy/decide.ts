import { APPROVAL_MODES, type ApprovalMode } from '../timeBox';
import type { PolicyInForce, PolicyOrigin } from './inForce';

/**
 * What the policy in force says about one thing, for core (which refuses) and the window (which
 * shows it disabled, with why) alike. A refused file (`lockedDown`) blocks everything new.
 */
export interface PolicyBlock {
  /** Whose rule: the organisation's file, the person's own, or a file that could not be read. */
  by: PolicyOrigin | 'unreadable';
}

const LOCKED: PolicyBlock = { by: 'unreadable' };

/** "your organisation's policy", "your own policy": whose rule, in a sentence. */
export function policyName(by: PolicyBlock['by']): string {
  if (by === 'organisation') return "your organisation's policy";
  if (by === 'own') return 'your own policy';
  return 'policy (a policy file could not be read, so nothing new can be granted)';
}

/** "Blocked by your organisation's policy": beside a disabled choice. */
export function blockedText(block: PolicyBlock): string {
  return `Blocked by ${policyName(block.by)}`;
}

/** `*` stands for any run of characters; everything else matches itself. Linear: no regular expression is built from the file. */
export function matchesPattern(pattern: string, scope: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === scope;
  const first = parts[0]!;
  const last = parts.at(-1)!;
  if (!scope.startsWith(first) || scope.length < first.length + last.length || !scope.endsWith(last)) return false;
  let at = first.length;
  const end = scope.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = scope.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/**
 * Whether `scope` of `providerId` may not be granted: named exactly, or matching a pattern.
 * `same` compares two spellings of a scope (core passes the catalog's canonical comparison).
 */
export function scopeBlock(policy: PolicyInForce, providerId: string, scope: string, same: (a: string, b: string) => boolean = (a, b) => a === b): PolicyBlock | undefined {
  if (policy.lockedDown) return LOCKED;
  const rule = policy.blockedScopes.find(
    (r) => r.providerId === providerId && ((r.scope !== undefined && same(r.scope, scope)) || (r.pattern !== undefined && matchesPattern(r.pattern, scope))),
  );
  return rule ? { by: rule.by } : undefined;
}

/**
 * Whether `scope` may not be granted, itself or through a scope it includes (`included`: the
 * catalog scopes holding it gives, `includedScopes` in shared/scopes/algebra.ts): a broader scope
 * grants what the policy blocks too. Core and the scope picker decide by this one rule.
 */
export function scopeBlockWithin(
  policy: PolicyInForce,
  providerId: string,
  scope: string,
  included: readonly string[],
  same?: (a: string, b: string) => boolean,
): PolicyBlock | undefined {
  const direct = scopeBlock(policy, providerId, scope, same);
  if (direct || policy.lockedDown) return direct;
  for (const narrower of included) {
    const block = scopeBlock(policy, providerId, narrower, same);
    if (block) return block;
  }
  return undefined;
}

/** Whether a server the person adds (or added) with this issuer is refused. */
export function serverBlock(policy: PolicyInForce, issuer: string | undefined): PolicyBlock | undefined {
  if (policy.lockedDown) return LOCKED;
  if (policy.customServersBlocked) return policy.customServersBlocked;
  const allowed = policy.serverIssuers;
  if (allowed && (issuer === undefined || !allowed.issuers.includes(issuer.replace(/\/+$/, '')))) return { by: allowed.by };
  return undefined;
}

/** Whether a provider can be connected: blocked by id, left out of an allow-list, or an added server the policy refuses. */
export function providerBlock(policy: PolicyInForce, provider: { id: string; custom: boolean; issuer?: string | undefined }): PolicyBlock | undefined {
  if (policy.lockedDown) return LOCKED;
  const blocked = policy.providersBlocked.find((p) => p.providerId === provider.id);
  if (blocked) return { by: blocked.by };
  if (policy.providersAllowed && !policy.providersAllowed.ids.includes(provider.id)) return { by: policy.providersAllowed.by };
  return provider.custom ? serverBlock(policy, provider.issuer) : undefined;
}

/** Whether tools can be given approvals at all (not while a file is refused). */
export function approvalBlock(policy: PolicyInForce): PolicyBlock | undefined {
  return policy.lockedDown ? LOCKED : undefined;
}

/** Whether `mode` is longer than the policy lets a tool's approval last. */
export function approvalTooLong(policy: PolicyInForce, mode: ApprovalMode): PolicyBlock | undefined {
  const max = policy.maxApproval;
  return max && APPROVAL_MODES.indexOf(mode) > APPROVAL_MODES.indexOf(max.mode) ? { by: max.by } : undefined;
}

/** Whether no tool may receive access tokens. */
export function handoutBlock(policy: PolicyInForce): PolicyBlock | undefined {
  if (policy.lockedDown) return LOCKED;
  return policy.tokenHandoutBlocked;
}

/** Whose rule says every call of this action is confirmed by the person, if any. */
export function confirmRule(policy: PolicyInForce, providerId: string, actionId: string): PolicyOrigin | undefined {
  return policy.alwaysConfirm.find((r) => r.providerId === providerId && r.actionId === actionId)?.by;
}

/**
 * The scope mode the policy requires of every connection: 'fixed', or undefined (the person
 * chooses). The hook for issue 21's Fixed list mode: a connection in "Follow my actions" mode
 * while this says 'fixed' is to be treated as Fixed, and switching to Follow refused.
 */
export function requiredScopeMode(policy: PolicyInForce): 'fixed' | undefined {
  return policy.requiredScopeMode?.mode;
}
