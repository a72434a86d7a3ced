import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { SENSITIVITY_DEFINITIONS, SENSITIVITY_LABELS } from '../../ui/scopeLabels';

const MARKED = ['sensitive', 'restricted'] as const;

/** Defines the Sensitive and Restricted marks the rows below carry, only those that appear. */
export function SensitivityLegend({ scopes }: { scopes: readonly ExplainedScope[] }): JSX.Element | null {
  const shown = MARKED.filter((mark) => scopes.some((s) => s.sensitivity === mark));
  if (shown.length === 0) return null;
  return (
    <p role="note" aria-label="What the marks mean" className="sensitivity-legend field-hint">
      {shown.map((mark, i) => (
        <span key={mark}>
          {i > 0 && ' '}
          <strong className={`legend-mark legend-${mark}`}>{SENSITIVITY_LABELS[mark]}</strong>: {SENSITIVITY_DEFINITIONS[mark]}
        </span>
      ))}
    </p>
  );
}
