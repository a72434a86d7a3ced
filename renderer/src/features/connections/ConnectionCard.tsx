import { useState } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ActionList } from './ActionList';
import { CONNECTIONS_HEADING_ID } from './connectionsHeadingId';
import { GrantedPermissions } from './GrantedPermissions';
import { NotGrantedRow } from './NotGrantedRow';

export function ConnectionCard({ connectionId }: { connectionId: string }): JSX.Element | null {
  const connection = useAppStore((s) => s.connections.find((c) => c.id === connectionId));
  const forgetting = useAppStore((s) => s.forgettingId === connectionId);
  const forget = useAppStore((s) => s.forget);
  const [confirming, setConfirming] = useState(false);
  if (connection === undefined) return null;

  const { providerName, account, connectedAt, granted, notGranted, actions } = connection;

  async function confirmForget(): Promise<void> {
    const forgotten = await forget(connectionId);
    setConfirming(false);
    // This card is about to disappear with the focus in it: move focus to the section instead.
    if (forgotten) document.getElementById(CONNECTIONS_HEADING_ID)?.focus();
  }

  return (
    <article className="connection" aria-label={`${providerName}: ${account}`}>
      <header className="connection-header">
        <h3>{providerName}</h3>
        <p className="account">{account}</p>
        <p className="connected-at">
          Connected <time dateTime={connectedAt}>{new Date(connectedAt).toLocaleString()}</time>
        </p>
      </header>

      <h4>Granted permissions</h4>
      <GrantedPermissions granted={granted} />

      {notGranted.length > 0 && (
        <>
          <h4>Asked for but not granted</h4>
          <ul className="scope-list scope-list-compact" aria-label="Asked for but not granted">
            {notGranted.map((scope) => (
              <NotGrantedRow key={scope.scope} scope={scope} />
            ))}
          </ul>
        </>
      )}

      {actions.length > 0 && (
        <>
          <h4>What this connection can do</h4>
          <ActionList actions={actions} />
        </>
      )}

      <div className="connection-actions">
        <button type="button" onClick={() => setConfirming(true)}>
          Forget…
        </button>
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Forget ${account} on this computer?`}
        confirmLabel="Forget"
        cancelLabel="Keep"
        busy={forgetting}
        onConfirm={() => void confirmForget()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Scopekeeper deletes its saved tokens here. The provider still remembers the permissions you granted;
          remove them in the provider&apos;s settings.
        </p>
      </ConfirmDialog>
    </article>
  );
}
