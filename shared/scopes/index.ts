export { canonicalScope, effectiveGranted, formatScopes, parseScopes } from './format';
export {
  actionStatus,
  applyDiff,
  broaderThanNeeded,
  closure,
  covers,
  diff,
  minimalCover,
  redundant,
  type ActionStatus,
  type ScopeDiff,
} from './algebra';
export { explainScope, inferScope, type ExplainedScope, type InferredScopeInfo } from './infer';
