import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { ChangeButton } from '../changes/ChangeButton';

/** "Remove {scope}" on a granted row. Identity scopes keep the person signed in: no button. */
export function RemoveScopeButton({ connectionId, scope }: { connectionId: string; scope: ExplainedScope }): JSX.Element | null {
  const planChange = useAppStore((s) => s.planChange);
  if (scope.category === 'identity') return null;
  return (
    <ChangeButton
      label="Remove"
      name={`Remove ${scope.scope}`}
      onClick={() => void planChange(connectionId, { remove: [scope.scope] })}
    />
  );
}
