import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ChangeButton } from '../changes/ChangeButton';

/** A scope the app asked for that the provider (or the person) did not grant, and a way to ask again. */
export function NotGrantedRow({ connectionId, scope }: { connectionId: string; scope: ExplainedScope }): JSX.Element {
  const planChange = useAppStore((s) => s.planChange);
  return (
    <li className="scope scope-not-granted" aria-label={scope.title}>
      <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>{' '}
      <span className="scope-mark">Not granted</span>{' '}
      <ChangeButton
        label="Ask again"
        name={`Ask again for ${scope.title}`}
        onClick={() => void planChange(connectionId, { add: [scope.scope] }, PLACES.connection(connectionId))}
      />
    </li>
  );
}
