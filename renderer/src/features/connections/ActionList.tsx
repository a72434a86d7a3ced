import type { JSX } from 'react';
import type { ActionView } from '../../../../shared/ipc/contract';
import { TooltipButton } from '../../ui/TooltipButton';

function needsText(action: ActionView): string {
  return action.missingScopes.length > 0
    ? `Needs ${action.missingScopes.join(', ')}`
    : 'Needs a permission this connection was not granted';
}

/** What people use the connection for, and whether this grant allows each. */
export function ActionList({ actions }: { actions: readonly ActionView[] }): JSX.Element {
  return (
    <ul className="action-list" aria-label="What this connection can do">
      {actions.map((action) => (
        <li key={action.id} className="action">
          <span className="action-title">{action.title}</span>
          {action.available ? (
            <span className="action-state action-available">Available</span>
          ) : (
            <TooltipButton className="action-state action-missing" label="Missing scope" tooltip={needsText(action)} />
          )}
        </li>
      ))}
    </ul>
  );
}
