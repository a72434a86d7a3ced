import type { ProviderInfo } from '../../../shared/catalog';
import type { PolicyInForce } from '../../../shared/policy/inForce';

/**
 * The policy in force as the window is told it: each always-confirm action with its catalog title
 * (the window's provider list names no actions). An id the catalog does not have stays as written.
 */
export function withActionTitles(policy: PolicyInForce, info: (providerId: string) => ProviderInfo | undefined): PolicyInForce {
  if (policy.alwaysConfirm.length === 0) return policy;
  return {
    ...policy,
    alwaysConfirm: policy.alwaysConfirm.map((rule) => {
      const title = info(rule.providerId)?.actions.find((action) => action.id === rule.actionId)?.title;
      return title === undefined ? rule : { ...rule, actionTitle: title };
    }),
  };
}
