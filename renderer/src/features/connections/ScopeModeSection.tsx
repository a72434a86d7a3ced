import type { JSX } from 'react';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { CopyButton } from '../../ui/CopyButton';
import { ChangeButton } from '../changes/ChangeButton';
import { DetailSection } from './DetailSection';
import { FixedListEditor } from './FixedListEditor';

/**
 * How this connection's scopes may change: Follow my actions (turning an action on asks for what it
 * needs) or Fixed list (the list is the truth; nothing outside it is asked for until it is edited).
 * In Fixed mode: the list, Reset to recommended, Copy, Edit, and a way to ask for what the list adds.
 */
export function ScopeModeSection({ connection, headingId }: { connection: ConnectionView; headingId: string }): JSX.Element {
  const setScopeMode = useAppStore((s) => s.setScopeMode);
  const editing = useAppStore((s) => (s.listEditor?.connectionId === connection.id ? s.listEditor : null));
  const openEditor = useAppStore((s) => s.openListEditor);
  const planChange = useAppStore((s) => s.planChange);
  const mode = connection.scopeMode?.mode ?? 'follow';
  const list = connection.scopeMode?.list ?? [];
  const granted = new Set(connection.grantedScopes);
  const pending = list.filter((scope) => !granted.has(scope.scope)).map((scope) => scope.scope);
  const required = connection.scopeMode?.required === true;

  return (
    <DetailSection id={headingId} title="Scope mode">
      <fieldset className="scope-mode">
        <legend>Scope mode</legend>
        <label>
          <input type="radio" name={`scope-mode-${connection.id}`} checked={mode === 'follow'} disabled={required} onChange={() => void setScopeMode(connection.id, 'follow')} /> Follow my actions
        </label>
        <label>
          <input type="radio" name={`scope-mode-${connection.id}`} checked={mode === 'fixed'} onChange={() => void setScopeMode(connection.id, 'fixed')} /> Fixed list
        </label>
        <p className="field-hint">
          {mode === 'fixed'
            ? 'Nothing outside this list is asked for (an action, a tool, Add permissions, a reconnect) until you edit the list.'
            : 'Turning an action on asks for what it needs; turning it off takes back what only it needs.'}
          {required && ' A policy on this computer requires a fixed list.'}
        </p>
      </fieldset>
      {mode === 'fixed' &&
        (editing ? (
          <FixedListEditor key={editing.n} connection={connection} editor={editing} />
        ) : (
          <>
            <ul className="scope-list scope-list-compact" aria-label="Fixed list">
              {list.map((scope) => (
                <li key={scope.scope}>
                  {scope.title} <code>({scope.scope})</code>
                  {!granted.has(scope.scope) && <span className="field-hint"> not granted yet</span>}
                </li>
              ))}
            </ul>
            <div className="scope-mode-actions">
              <button type="button" onClick={() => openEditor(connection.id, { reset: true })}>
                Reset to recommended
              </button>
              <CopyButton text={list.map((scope) => scope.scope).join(' ')} label="Copy" />
              <button type="button" onClick={() => openEditor(connection.id)}>
                Edit
              </button>
              {pending.length > 0 && connection.state === 'connected' && (
                <ChangeButton label="Ask for what the list adds" name="Ask for what the list adds" onClick={() => void planChange(connection.id, { add: pending })} />
              )}
            </div>
          </>
        ))}
    </DetailSection>
  );
}
