import { useEffect, useId, useMemo, useState } from 'react';
import type { JSX } from 'react';
import type { ConnectionUsage, ConnectionView, ScopeOption, ScopeUser } from '../../../../shared/ipc/contract';
import { isChangeBusy, useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { ChangeButton } from '../changes/ChangeButton';
import { Feedback } from '../notices/Feedback';
import { AddPermission } from '../settings/AddPermission';
import { AccountSites } from './AccountSites';
import { ActionList } from './ActionList';
import { ConnectionHistory } from '../history/ConnectionHistory';
import { CONNECTIONS_HEADING_ID } from '../../ui/domIds';
import { connectionBadges, connectionSummary } from './connectionSummary';
import { DisconnectedState } from './DisconnectedState';
import { GrantedPermissions } from './GrantedPermissions';
import { NotGrantedRow } from './NotGrantedRow';
import { CheckAccessButton } from './CheckAccessButton';
import { RevokedAtProvider } from './RevokedAtProvider';
import { DamagedRecord } from './DamagedRecord';
import { ToolCalls } from './ToolCalls';
import { localDateTime } from '../../ui/dateTime';

const NO_OPTIONS: readonly ScopeOption[] = [];

/** Every title this connection's screen may need: its own scopes, and its provider's options. */
function scopeTitles(connection: ConnectionView, options: readonly ScopeOption[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const option of options) titles.set(option.scope, option.title);
  for (const scope of [...connection.restore, ...connection.notGranted, ...connection.granted]) titles.set(scope.scope, scope.title);
  return titles;
}

/** "Used by" per granted scope, once any tool was approved for or called through the connection. */
function usedByOf(usage: ConnectionUsage | undefined): Map<string, readonly ScopeUser[]> | undefined {
  if (!usage?.toolsInvolved) return undefined;
  return new Map(usage.usedBy.map(({ scope, tools }) => [scope, tools]));
}

/**
 * The selected connection: a summary first, its actions (Add permissions, Remove connection) at
 * the top, then the permissions by category, what it can do, and its history. Only the selected
 * connection is rendered, however many there are.
 */
export function ConnectionDetail({ connectionId }: { connectionId: string }): JSX.Element | null {
  const connection = useAppStore((s) => s.connections.find((c) => c.id === connectionId));
  const options = useAppStore((s) => s.providers.find((p) => p.id === connection?.providerId)?.scopeOptions ?? NO_OPTIONS);
  const forgetting = useAppStore((s) => s.forgettingId === connectionId);
  const forget = useAppStore((s) => s.forget);
  const planDisconnect = useAppStore((s) => s.planDisconnect);
  // Forgetting in the middle of a change would pull the connection from under it.
  const busy = useAppStore(isChangeBusy);
  const [confirming, setConfirming] = useState(false);
  const [adding, setAdding] = useState(false);
  const idPrefix = useId();
  const titles = useMemo(() => (connection === undefined ? new Map<string, string>() : scopeTitles(connection, options)), [connection, options]);
  const usage = useAppStore((s) => s.usage[connectionId]);
  const loadUsage = useAppStore((s) => s.loadUsage);
  const grantedKey = connection?.grantedScopes.join(' ');
  // Reloaded when the grant changes (what "Used by" is keyed by); calls arrive as `broker:used`.
  useEffect(() => {
    void loadUsage(connectionId);
  }, [connectionId, grantedKey, loadUsage]);
  const usedBy = useMemo(() => usedByOf(usage), [usage]);
  if (connection === undefined) return null;

  const { providerId, providerName, account, connectedAt, granted, notGranted, actions, history, restore } = connection;
  const connected = connection.state === 'connected';
  const badges = connectionBadges(connection);
  const headingId = `${idPrefix}-heading`;

  async function confirmForget(): Promise<void> {
    const forgotten = await forget(connectionId);
    setConfirming(false);
    // This detail is about to disappear with the focus in it: move focus to the list instead.
    if (forgotten) document.getElementById(CONNECTIONS_HEADING_ID)?.focus();
  }

  return (
    <article className="detail" aria-label={`${providerName}: ${account}`}>
      <header className="detail-header">
        <ProviderLogo providerId={providerId} size={44} />
        <div className="detail-heading">
          <h2 id={headingId} tabIndex={-1}>
            {providerName}
          </h2>
          <p className="account">{account}</p>
          <AccountSites sites={connection.sites} />
          <p className="detail-summary">
            {connectionSummary(connection)}
            {badges.map((badge) => (
              <span key={badge} className={`state-badge state-${badge.toLowerCase().replace(/ /g, '-')}`}>
                {badge}
              </span>
            ))}
          </p>
          <p className="connected-at">
            Connected <time dateTime={connectedAt}>{localDateTime(connectedAt)}</time>
          </p>
        </div>
        <div className="detail-actions">
          {connected && (
            <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
              Add permissions
            </button>
          )}
          {connected && <CheckAccessButton connectionId={connectionId} providerName={providerName} />}
          {!connection.damaged && (
            <ChangeButton label="Remove connection…" name="Remove connection…" className="danger-outline" onClick={() => void planDisconnect(connectionId)} />
          )}
        </div>
      </header>

      {connected && adding && (
        <div className="add-panel">
          <ul className="add-permissions" aria-label="Add a permission">
            <AddPermission connectionId={connectionId} place={PLACES.connection(connectionId)} />
          </ul>
        </div>
      )}

      <Feedback place={PLACES.connection(connectionId)} />

      {!connected &&
        (connection.damaged ? (
          <DamagedRecord reason={connection.damaged.reason} />
        ) : connection.revokedAtProvider ? (
          <RevokedAtProvider connection={connection} />
        ) : (
          <DisconnectedState connectionId={connectionId} restore={restore} />
        ))}

      {connected && notGranted.length > 0 && (
        <section className="detail-section not-granted" aria-labelledby={`${idPrefix}-not-granted`}>
          <h3 id={`${idPrefix}-not-granted`}>Asked for but not granted</h3>
          <p className="field-hint">These were asked for when connecting and not approved; what needs them will not work until you ask again.</p>
          <ul className="scope-list scope-list-compact" aria-label="Asked for but not granted">
            {notGranted.map((scope) => (
              <NotGrantedRow key={scope.scope} connectionId={connectionId} scope={scope} />
            ))}
          </ul>
        </section>
      )}

      {connected && (
        <section className="detail-section" aria-labelledby={`${idPrefix}-permissions`}>
          <h3 id={`${idPrefix}-permissions`}>Permissions</h3>
          <Feedback place={PLACES.permissions(connectionId)} />
          <GrantedPermissions connectionId={connectionId} granted={granted} titles={titles} usedBy={usedBy} />
        </section>
      )}

      {actions.length > 0 && (
        <section className="detail-section" aria-labelledby={`${idPrefix}-actions`}>
          <h3 id={`${idPrefix}-actions`}>What it can do</h3>
          <Feedback place={PLACES.actions(connectionId)} />
          <ActionList connectionId={connectionId} actions={actions} changeable={connected} titles={titles} />
        </section>
      )}

      <section className="detail-section" aria-labelledby={`${idPrefix}-history`}>
        <h3 id={`${idPrefix}-history`}>History</h3>
        <ConnectionHistory history={history} titles={titles} />
      </section>

      {usage?.toolsInvolved && (
        <section className="detail-section" aria-labelledby={`${idPrefix}-calls`}>
          <h3 id={`${idPrefix}-calls`}>Calls by tools</h3>
          <ToolCalls usage={usage} />
        </section>
      )}

      <section className="detail-section detail-footer" aria-label="On this computer only">
        <p className="field-hint">Forgetting deletes the saved tokens here and leaves the grant at {providerName}.</p>
        <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
          Forget…
        </button>
      </section>

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
