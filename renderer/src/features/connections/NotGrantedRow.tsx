import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { ChangeButton } from '../changes/ChangeButton';

/** A scope the app asked for that the provider (or the person) did not grant, and a way to ask again. */
export function NotGrantedRow({ connectionId, scope }: { connectionId: string; scope: ExplainedScope }): JSX.Element {
  const planChange = useAppStore((s) => s.planChange);
  return (
    <li className="scope scope-not-granted">
      <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>{' '}
      <span className="scope-mark">Not granted</span>{' '}
      <ChangeButton
        label="Ask again"
        name={`Ask again for ${scope.scope}`}
        onClick={() => void planChange(connectionId, { add: [scope.scope] })}
      />
    </li>
  );
}
