import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { ChangeButton } from '../changes/ChangeButton';

/**
 * "Take back" on a granted row, named for the permission in words. Identity scopes keep the person
 * signed in: no button, and the reason stands beside the title instead.
 */
export function RemoveScopeButton({ connectionId, scope }: { connectionId: string; scope: ExplainedScope }): JSX.Element {
  const planChange = useAppStore((s) => s.planChange);
  if (scope.category === 'identity') return <span className="keeps-signed-in">Keeps you signed in</span>;
  return (
    <ChangeButton
      label="Take back"
      name={`Take back ${scope.title}`}
      onClick={() => void planChange(connectionId, { remove: [scope.scope] })}
    />
  );
}
