import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { ACCESS_LABELS, SENSITIVITY_LABELS } from '../../ui/scopeLabels';

/** Access level, sensitivity (none for basic) and, for a guess, "Not in our catalog". The group heading names the category. */
export function ScopeBadges({ scope }: { scope: ExplainedScope }): JSX.Element {
  const sensitivity = SENSITIVITY_LABELS[scope.sensitivity];
  return (
    <span className="badges">
      <span className={`badge badge-access-${scope.access}`}>{ACCESS_LABELS[scope.access]}</span>
      {sensitivity !== null && <span className={`badge badge-${scope.sensitivity}`}>{sensitivity}</span>}
      {scope.inferred && <span className="scope-mark">Not in our catalog</span>}
    </span>
  );
}
