import type { ProviderView } from '../../../../shared/ipc/contract';
import type { PolicyInForce, PolicyOrigin } from '../../../../shared/policy/inForce';
import type { ApprovalMode } from '../../../../shared/timeBox';

/** One rule of the policy in force, in words, and the file it came from. */
export interface PolicyRuleLine {
  key: string;
  text: string;
  by: PolicyOrigin;
}

const APPROVAL_WORDS: Record<ApprovalMode, string> = {
  once: 'one call at a time (Allow once)',
  hour: '1 hour',
  day: '1 day',
  week: '7 days',
  month: '30 days',
  always: 'no limit',
};

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The policy's rules as a person reads them ("Sandbox: never grant Manage files and who sees them
 * (files:admin)"), providers and scopes by their names where the window knows them.
 */
export function policyRules(policy: PolicyInForce, providers: readonly ProviderView[]): PolicyRuleLine[] {
  const provider = (id: string): ProviderView | undefined => providers.find((p) => p.id === id);
  const name = (id: string): string => provider(id)?.name ?? id;
  const scopeTitle = (providerId: string, scope: string): string => {
    const title = provider(providerId)?.scopeOptions.find((o) => o.scope === scope)?.title;
    return title ? `${title} (${scope})` : scope;
  };
  const lines: PolicyRuleLine[] = [];
  if (policy.providersAllowed) lines.push({ key: 'allowed', text: `Only these providers can be connected: ${list(policy.providersAllowed.ids.map(name)) || 'none'}.`, by: policy.providersAllowed.by });
  for (const p of policy.providersBlocked) lines.push({ key: `blocked ${p.providerId}`, text: `${name(p.providerId)} cannot be connected.`, by: p.by });
  for (const rule of policy.blockedScopes) {
    const what = rule.scope !== undefined ? scopeTitle(rule.providerId, rule.scope) : `any permission matching ${rule.pattern ?? ''}`;
    lines.push({ key: `scope ${rule.providerId} ${rule.scope ?? ''} ${rule.pattern ?? ''}`, text: `${name(rule.providerId)}: never grant ${what}.`, by: rule.by });
  }
  if (policy.maxApproval) lines.push({ key: 'max', text: `A tool's approval lasts at most ${APPROVAL_WORDS[policy.maxApproval.mode]}.`, by: policy.maxApproval.by });
  if (policy.tokenHandoutBlocked) lines.push({ key: 'handout', text: 'Tools never receive access tokens: they make their calls through Scopekeeper.', by: policy.tokenHandoutBlocked.by });
  for (const rule of policy.alwaysConfirm) {
    // Core names the action by its catalog title; one the catalog does not have is named as the policy wrote it.
    const what = rule.actionTitle !== undefined ? `“${rule.actionTitle}”` : `the action “${rule.actionId}”`;
    lines.push({ key: `confirm ${rule.providerId} ${rule.actionId}`, text: `${name(rule.providerId)}: you confirm every call of ${what}, whatever the approval says.`, by: rule.by });
  }
  if (policy.customServersBlocked) lines.push({ key: 'servers', text: 'No other server can be added or connected.', by: policy.customServersBlocked.by });
  if (policy.serverIssuers) lines.push({ key: 'issuers', text: `Only servers at these addresses can be added: ${list(policy.serverIssuers.issuers) || 'none'}.`, by: policy.serverIssuers.by });
  if (policy.requiredScopeMode) lines.push({ key: 'mode', text: 'Every connection keeps a fixed list of permissions (Fixed list).', by: policy.requiredScopeMode.by });
  return lines;
}

/** "Your organisation's policy file", "Your own policy file". */
export function sourceName(origin: PolicyOrigin): string {
  return origin === 'organisation' ? "Your organisation's policy file" : 'Your own policy file';
}
