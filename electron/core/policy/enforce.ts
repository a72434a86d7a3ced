import type { ProviderInfo } from '../../../shared/catalog';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { approvalBlock, approvalTooLong, handoutBlock, policyName, providerBlock, scopeBlockWithin, serverBlock, type PolicyBlock } from '../../../shared/policy/decide';
import type { PolicyInForce } from '../../../shared/policy/inForce';
import { includedScopes } from '../../../shared/scopes/algebra';
import { canonicalScope } from '../../../shared/scopes/format';
import type { ApprovalMode } from '../../../shared/timeBox';

/**
 * The policy's refusals as core throws them (POLICY_BLOCKED, the sentence naming what and whose
 * rule). Core calls these at every enforcement point; the window only mirrors them.
 */

export function policyRefusal(block: PolicyBlock, what: string, extra: Record<string, unknown> = {}): ScopekeeperError {
  return new ScopekeeperError('POLICY_BLOCKED', `Blocked by ${policyName(block.by)}: ${what}.`, { by: block.by, what, ...extra });
}

/** A scope of `info` the policy blocks, and by whom: named, matching a pattern, or including a blocked one (a broader scope grants it too). */
export function scopeBlockOf(policy: PolicyInForce, info: ProviderInfo, scope: string): PolicyBlock | undefined {
  const same = (a: string, b: string): boolean => canonicalScope(info, a) === canonicalScope(info, b);
  return scopeBlockWithin(policy, info.id, scope, includedScopes(info, canonicalScope(info, scope)), same);
}

/** The scopes among `scopes` that the policy blocks (identity scopes only while a file is refused). */
export function blockedScopesOf(policy: PolicyInForce, info: ProviderInfo, scopes: readonly string[]): { scope: string; block: PolicyBlock }[] {
  return scopes.flatMap((scope) => {
    const block = scopeBlockOf(policy, info, scope);
    return block ? [{ scope, block }] : [];
  });
}

/** "Manage your files (files:admin)": what the history and refusals name. */
export function scopeTitles(info: ProviderInfo, scopes: readonly string[]): string {
  return scopes.map((s) => info.scopes.find((c) => c.scope === canonicalScope(info, s))?.title ?? s).join(', ');
}

/** Refuses asking for any blocked scope; the first rule's owner is named. */
export function assertScopesAllowed(policy: PolicyInForce, info: ProviderInfo, scopes: readonly string[]): void {
  const blocked = blockedScopesOf(policy, info, scopes);
  if (blocked.length === 0) return;
  throw policyRefusal(blocked[0]!.block, scopeTitles(info, blocked.map((b) => b.scope)), { scopes: blocked.map((b) => b.scope) });
}

/** Refuses connecting (or reconnecting) a provider the policy blocks, or any while a file is refused. */
export function assertProviderAllowed(policy: PolicyInForce, provider: { info: ProviderInfo; custom: boolean }): void {
  const block = providerBlock(policy, { id: provider.info.id, custom: provider.custom, issuer: provider.info.issuer });
  if (block) throw policyRefusal(block, `connecting ${provider.info.name}`, { providerId: provider.info.id });
}

/** Refuses adding (or editing to) a server the policy does not allow. */
export function assertServerAllowed(policy: PolicyInForce, name: string, issuer: string | undefined): void {
  const block = serverBlock(policy, issuer);
  if (block) throw policyRefusal(block, `adding the server ${name}${issuer ? ` (${issuer})` : ''}`);
}

/** Refuses an approval for a tool while a file is refused, or one longer than the policy allows. */
export function assertApprovalAllowed(policy: PolicyInForce, mode: ApprovalMode | undefined): void {
  const block = approvalBlock(policy) ?? (mode === undefined ? undefined : approvalTooLong(policy, mode));
  if (block) throw policyRefusal(block, mode === undefined || approvalBlock(policy) ? 'giving tools new approvals' : `an approval this long (at most ${policy.maxApproval?.mode ?? 'once'})`);
}

/** Refuses handing a tool an access token. */
export function assertHandoutAllowed(policy: PolicyInForce): void {
  const block = handoutBlock(policy);
  if (block) throw policyRefusal(block, 'giving tools access tokens (use `call`: Scopekeeper makes the call for the tool)');
}

