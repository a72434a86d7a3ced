import { useState } from 'react';
import type { JSX } from 'react';
import { isChangeBusy, useAppStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ChangeButton } from '../changes/ChangeButton';
import { ActionList } from './ActionList';
import { ConnectionHistory } from './ConnectionHistory';
import { CONNECTIONS_HEADING_ID } from './connectionsHeadingId';
import { DisconnectedState } from './DisconnectedState';
import { GrantedPermissions } from './GrantedPermissions';
import { NotGrantedRow } from './NotGrantedRow';
import { CheckAccessButton } from './CheckAccessButton';
import { RevokedAtProvider } from './RevokedAtProvider';

export function ConnectionCard({ connectionId }: { connectionId: string }): JSX.Element | null {
  const connection = useAppStore((s) => s.connections.find((c) => c.id === connectionId));
  const forgetting = useAppStore((s) => s.forgettingId === connectionId);
  const forget = useAppStore((s) => s.forget);
  const planDisconnect = useAppStore((s) => s.planDisconnect);
  // Forgetting in the middle of a change would pull the connection from under it.
  const busy = useAppStore(isChangeBusy);
  const [confirming, setConfirming] = useState(false);
  if (connection === undefined) return null;

  const { providerName, account, connectedAt, granted, notGranted, actions, history, restore } = connection;
  const connected = connection.state === 'connected';

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

      {connected ? (
        <>
          <h4>Granted permissions</h4>
          <GrantedPermissions connectionId={connectionId} granted={granted} />
        </>
      ) : connection.revokedAtProvider ? (
        <RevokedAtProvider connection={connection} />
      ) : (
        <DisconnectedState connectionId={connectionId} restore={restore} />
      )}

      {connected && notGranted.length > 0 && (
        <>
          <h4>Asked for but not granted</h4>
          <ul className="scope-list scope-list-compact" aria-label="Asked for but not granted">
            {notGranted.map((scope) => (
              <NotGrantedRow key={scope.scope} connectionId={connectionId} scope={scope} />
            ))}
          </ul>
        </>
      )}

      {actions.length > 0 && (
        <>
          <h4>What this connection can do</h4>
          <ActionList connectionId={connectionId} actions={actions} changeable={connected} />
        </>
      )}

      <ConnectionHistory history={history} />

      <div className="connection-actions">
        {connected && <CheckAccessButton connectionId={connectionId} providerName={providerName} />}
        <ChangeButton label="Remove connection…" name="Remove connection…" onClick={() => void planDisconnect(connectionId)} />
        <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
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
