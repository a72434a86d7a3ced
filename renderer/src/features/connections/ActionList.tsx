import type { JSX } from 'react';
import type { ActionView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { TooltipButton } from '../../ui/TooltipButton';
import { ChangeButton } from '../changes/ChangeButton';
import { actionState, turnOffLine } from './actionState';
import { highlight } from './Highlight';
import { actionMatches, normalizeQuery, searchQuery } from './permissionFilter';
import { useSearchQuery } from './useSearchQuery';

/** Why an action is missing, in words: the titles of the permissions it still needs. */
function needsText(action: ActionView, titles: ReadonlyMap<string, string>): string {
  if (action.missingScopes.length === 0) return 'Needs a permission this connection was not granted';
  return `Needs ${action.missingScopes.map((scope) => `“${titles.get(scope) ?? scope}”`).join(', ')}`;
}

export interface ActionListProps {
  connectionId: string;
  actions: readonly ActionView[];
  /** False while disconnected: nothing can be turned on or off until the person reconnects. */
  changeable: boolean;
  /** Titles of scopes (the provider's options and this connection's), to name what is missing. */
  titles: ReadonlyMap<string, string>;
  /** Asked for and not granted: an action that needs one of these is missing a permission, not merely never requested. */
  notGranted?: readonly string[];
}

const NONE: readonly string[] = [];

/** The state beside an action: available, missing (asked for, refused: the warning colour), or not requested. */
function ActionStateBadge({ action, refused, titles }: { action: ActionView; refused: ReadonlySet<string>; titles: ReadonlyMap<string, string> }): JSX.Element {
  if (action.outsideList) {
    return <TooltipButton className="action-state action-missing" label="Missing scope" tooltip={`Not on the fixed list: ${action.outsideList.map((scope) => `“${titles.get(scope) ?? scope}”`).join(', ')}`} />;
  }
  if (action.held) return <span className="action-state action-not-requested">Off until you review it</span>;
  const state = actionState(action, refused);
  if (state === 'available') return <span className="action-state action-available">Available</span>;
  if (state === 'missing') return <TooltipButton className="action-state action-missing" label="Missing permission" tooltip={needsText(action, titles)} />;
  return <TooltipButton className="action-state action-not-requested" label="Not requested" tooltip={needsText(action, titles)} />;
}

/** What people use the connection for, whether this grant allows each, and a switch for each. */
export function ActionList({ connectionId, actions, changeable, titles, notGranted = NONE }: ActionListProps): JSX.Element {
  const planAction = useAppStore((s) => s.planAction);
  const addToList = useAppStore((s) => s.addToList);
  const reviewActions = useAppStore((s) => s.reviewActions);
  // Turning a new action on or off reviews it; it then asks for what it needs as any action does.
  const turn = async (action: ActionView): Promise<void> => {
    if (action.isNew && !(await reviewActions(connectionId, [action.id]))) return;
    if (action.held && action.missingScopes.length === 0) return;
    await planAction(connectionId, action.id, !action.available);
  };
  const refused = new Set(notGranted);
  const query = normalizeQuery(useSearchQuery());
  const shown = actions.filter((action) => actionMatches(action, query));
  if (shown.length === 0) return <p className="placeholder">No actions match “{query}”.</p>;
  return (
    <ul className="action-list" aria-label="What this connection can do">
      {shown.map((action) => {
        const verb = action.available ? 'Turn off' : 'Turn on';
        // Turning off what only keeps the person signed in, or what other things still need, would
        // be refused: do not offer it, say why instead.
        const fixed = action.available && action.keepsYouSignedIn === true;
        const blocked = fixed ? null : turnOffLine(action);
        return (
          <li key={action.id} className="action">
            <span className="action-title">
              {highlight(action.title, searchQuery(query))}
              {action.isNew && <span className="badge badge-new"> New</span>}
            </span>
            <span className="action-controls">
              <ActionStateBadge action={action} refused={refused} titles={titles} />
              {changeable &&
                (action.outsideList ? (
                  <button type="button" aria-label={`Add it to the list for ${action.title}`} onClick={() => addToList(connectionId, action.outsideList ?? [])}>
                    Add it to the list
                  </button>
                ) : fixed ? (
                  <span className="keeps-signed-in">Keeps you signed in: remove the connection to end it</span>
                ) : blocked !== null ? (
                  <span className="turn-off-blocked">{blocked}</span>
                ) : (
                  <ChangeButton
                    label={verb}
                    name={`${verb} ${action.title}`}
                    onClick={() => void turn(action)}
                  />
                ))}
              {action.isNew && (
                <button type="button" aria-label={`Mark ${action.title} as reviewed`} onClick={() => void reviewActions(connectionId, [action.id])}>
                  Mark as reviewed
                </button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
