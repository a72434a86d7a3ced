import type { ProviderInfo } from '../../../shared/catalog';
import { blockedText, providerBlock, type PolicyBlock } from '../../../shared/policy/decide';
import type { PolicyInForce } from '../../../shared/policy/inForce';
import { blockedScopesOf, policyRefusal, scopeTitles } from './enforce';

/**
 * What a policy says of access given BEFORE it came: a connection whose provider it now blocks,
 * and granted scopes it now blocks. They stay granted (the policy does not end access by itself;
 * the person takes it back), but no tool uses them: approvals, calls, handouts and step-ups on them
 * are refused. Only the files' own rules count here: a refused file stops what is new, and what
 * was granted keeps working (README, Managed policy).
 */

/** A provider as the policy judges it: its catalog entry, and whether the person added it as a server. */
export interface JudgedProvider {
  info: ProviderInfo;
  custom: boolean;
}

function ownRules(policy: PolicyInForce): PolicyInForce {
  return policy.lockedDown ? { ...policy, lockedDown: false } : policy;
}

/** Whose rule blocks using connections of this provider now, if any. */
export function heldProviderBlock(policy: PolicyInForce, provider: JudgedProvider): PolicyBlock | undefined {
  return providerBlock(ownRules(policy), { id: provider.info.id, custom: provider.custom, issuer: provider.info.issuer });
}

/** Refuses a tool's use of a connection of a provider the policy blocks, or of scopes it blocks (POLICY_BLOCKED). */
export function assertHeldUsable(policy: PolicyInForce, provider: JudgedProvider, scopes: readonly string[]): void {
  const block = heldProviderBlock(policy, provider);
  if (block) throw policyRefusal(block, `using ${provider.info.name}`, { providerId: provider.info.id });
  const blocked = blockedScopesOf(ownRules(policy), provider.info, scopes);
  if (blocked.length > 0) throw policyRefusal(blocked[0]!.block, scopeTitles(provider.info, blocked.map((b) => b.scope)), { scopes: blocked.map((b) => b.scope) });
}

/** What the connection's view says: the provider blocked (in a sentence), and each granted scope blocked. */
export function heldBlocksView(policy: PolicyInForce, provider: JudgedProvider, granted: readonly string[]): { connection?: string; scopes: ReadonlyMap<string, string> } {
  const block = heldProviderBlock(policy, provider);
  const scopes = new Map(blockedScopesOf(ownRules(policy), provider.info, granted).map(({ scope, block: b }) => [scope, `${blockedText(b)}: no tool can use it. Take it back.`]));
  if (!block) return { scopes };
  return { connection: `${blockedText(block)}: tools cannot use this connection, and it cannot be reconnected or given more. Take back what it has, or remove it.`, scopes };
}
