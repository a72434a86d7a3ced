import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { ACCESS_LABELS, CATEGORY_LABELS, SENSITIVITY_LABELS } from '../../ui/scopeLabels';

/** Category, access level, sensitivity (none for basic) and, for a guess, "Not in our catalog". */
export function ScopeBadges({ scope }: { scope: ExplainedScope }): JSX.Element {
  const sensitivity = SENSITIVITY_LABELS[scope.sensitivity];
  return (
    <span className="badges">
      <span className="badge badge-category">{CATEGORY_LABELS[scope.category]}</span>
      <span className={`badge badge-access-${scope.access}`}>{ACCESS_LABELS[scope.access]}</span>
      {sensitivity !== null && <span className={`badge badge-${scope.sensitivity}`}>{sensitivity}</span>}
      {scope.inferred && <span className="scope-mark">Not in our catalog</span>}
    </span>
  );
}
