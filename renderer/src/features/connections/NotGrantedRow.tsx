import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';

/** A scope the app asked for that the provider (or the person) did not grant. */
export function NotGrantedRow({ scope }: { scope: ExplainedScope }): JSX.Element {
  return (
    <li className="scope scope-not-granted">
      <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>{' '}
      <span className="scope-mark">Not granted</span>
    </li>
  );
}
