import type { JSX } from 'react';
import type { ActionView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { TooltipButton } from '../../ui/TooltipButton';
import { ChangeButton } from '../changes/ChangeButton';

function needsText(action: ActionView): string {
  return action.missingScopes.length > 0
    ? `Needs ${action.missingScopes.join(', ')}`
    : 'Needs a permission this connection was not granted';
}

export interface ActionListProps {
  connectionId: string;
  actions: readonly ActionView[];
  /** False while disconnected: nothing can be turned on or off until the person reconnects. */
  changeable: boolean;
}

/** What people use the connection for, whether this grant allows each, and a switch for each. */
export function ActionList({ connectionId, actions, changeable }: ActionListProps): JSX.Element {
  const planAction = useAppStore((s) => s.planAction);
  return (
    <ul className="action-list" aria-label="What this connection can do">
      {actions.map((action) => {
        const verb = action.available ? 'Turn off' : 'Turn on';
        return (
          <li key={action.id} className="action">
            <span className="action-title">{action.title}</span>
            <span className="action-controls">
              {action.available ? (
                <span className="action-state action-available">Available</span>
              ) : (
                <TooltipButton className="action-state action-missing" label="Missing scope" tooltip={needsText(action)} />
              )}
              {changeable && (
                <ChangeButton
                  label={verb}
                  name={`${verb} ${action.title}`}
                  onClick={() => void planAction(connectionId, action.id, !action.available)}
                />
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
