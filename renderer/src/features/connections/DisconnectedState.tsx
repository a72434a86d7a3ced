import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { ChangeButton } from '../changes/ChangeButton';

/**
 * A change revoked the grant and its new consent did not finish: nothing is granted now. Say so,
 * show what a reconnect would ask for, and offer it.
 */
export function DisconnectedState({ connectionId, restore }: { connectionId: string; restore: readonly ExplainedScope[] }): JSX.Element {
  const reconnect = useAppStore((s) => s.reconnect);
  return (
    <div className="disconnected">
      <p className="connection-state">Disconnected — reconnect to restore</p>
      {restore.length > 0 && (
        <>
          <h3 className="disconnected-restore">Would restore</h3>
          <ul className="scope-list scope-list-compact" aria-label="Would restore">
            {restore.map((scope) => (
              <li key={scope.scope} className="scope">
                <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <div>
        <ChangeButton label="Reconnect" name="Reconnect" className="primary" onClick={() => void reconnect(connectionId)} />
      </div>
    </div>
  );
}
