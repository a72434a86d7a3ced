import type { ProviderInfo } from '../../../shared/catalog';
import type { ActionView, ExplainedScope } from '../../../shared/ipc/contract';
import { actionStatus, coveredBy } from '../../../shared/scopes/algebra';
import { explainScope } from '../../../shared/scopes/infer';
import { turnOffBlocks } from './plan';

/**
 * Each scope in plain language: the catalog's entry, or a best guess from its shape marked as such.
 * `granted` decides redundancy: a granted scope another granted scope already includes.
 */
export function explainScopes(info: ProviderInfo, scopes: readonly string[], granted: readonly string[]): ExplainedScope[] {
  // Keyed once per call: which granted scopes each granted scope is covered by (linear, not pairwise).
  const redundantWith = coveredBy(info, granted);
  return scopes.map((scope) => {
    const e = explainScope(info.id, scope);
    return {
      scope,
      title: e.title,
      sentence: e.sentence,
      includes: e.includes,
      doesNotAllow: e.doesNotAllow ?? [],
      access: e.access,
      sensitivity: e.sensitivity,
      category: e.category,
      source: e.source,
      inferred: e.inferred,
      redundantWith: redundantWith.get(scope) ?? [],
    };
  });
}

/** The provider's actions against what was granted. */
export function explainActions(info: ProviderInfo, granted: readonly string[]): ActionView[] {
  return actionStatus(info, granted).map(({ action, available, missing }) => ({
    id: action.id,
    title: action.title,
    available,
    missingScopes: missing,
    keepsYouSignedIn: action.scopes.length > 0 && action.scopes.every((s) => info.identityScopes.includes(s)),
  }));
}

/** The actions as the window shows them: also what stands in the way of each Turn off that would change nothing. */
export function explainActionsForView(info: ProviderInfo, granted: readonly string[]): ActionView[] {
  const blocks = turnOffBlocks(info, granted);
  return explainActions(info, granted).map((action) => {
    const blocked = blocks.get(action.id);
    return blocked ? { ...action, turnOffBlocked: blocked } : action;
  });
}
