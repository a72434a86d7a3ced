import { useState } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CONNECTIONS_HEADING_ID } from './connectionsHeadingId';
import { ScopeRow } from './ScopeRow';

export function ConnectionCard({ connectionId }: { connectionId: string }): JSX.Element | null {
  const connection = useAppStore((s) => s.connections.find((c) => c.id === connectionId));
  const forgetting = useAppStore((s) => s.forgettingId === connectionId);
  const forget = useAppStore((s) => s.forget);
  const [confirming, setConfirming] = useState(false);
  if (connection === undefined) return null;

  const { providerName, account, connectedAt, grantedScopes, notGrantedScopes } = connection;

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
      {grantedScopes.length === 0 ? (
        <p className="placeholder">No permissions were granted.</p>
      ) : (
        <ul className="scope-list" aria-label="Granted permissions">
          {grantedScopes.map((scope) => (
            <ScopeRow key={scope} scope={scope} granted />
          ))}
        </ul>
      )}

      {notGrantedScopes.length > 0 && (
        <>
          <h4>Asked for but not granted</h4>
          <ul className="scope-list" aria-label="Asked for but not granted">
            {notGrantedScopes.map((scope) => (
              <ScopeRow key={scope} scope={scope} granted={false} />
            ))}
          </ul>
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
