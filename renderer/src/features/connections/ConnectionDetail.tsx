import { useEffect, useId, useMemo, useState } from 'react';
import type { JSX } from 'react';
import type { ConnectionUsage, ConnectionView, ScopeOption, ScopeUser } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from '../notices/Feedback';
import { AddPermission } from '../settings/AddPermission';
import { ConnectionHistory } from '../history/ConnectionHistory';
import { ActionList } from './ActionList';
import { DamagedRecord } from './DamagedRecord';
import { DetailHeader } from './DetailHeader';
import { DetailSection } from './DetailSection';
import { DisconnectedState } from './DisconnectedState';
import { ForgetConnection } from './ForgetConnection';
import { GrantedPermissions } from './GrantedPermissions';
import { NotGrantedRow } from './NotGrantedRow';
import { RevokedAtProvider } from './RevokedAtProvider';
import { ScopeModeSection } from './ScopeModeSection';
import { ToolCalls } from './ToolCalls';
import { PolicyBlockNote } from './PolicyBlockNote';
import { RemoteToolsSection } from './RemoteTools';
import { TakeBackAsked } from './TakeBackAsked';
import { useAfterFirstRender } from '../../ui/AfterFirstRender';

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
 * What tools did with a connection, and "Used by" per granted scope from it. Reloaded when the
 * grant changes (what "Used by" is keyed by); calls arrive as `broker:used`.
 */
function useToolUsage(connectionId: string, grantedScopes: readonly string[] | undefined): { usage: ConnectionUsage | undefined; usedBy: Map<string, readonly ScopeUser[]> | undefined } {
  const usage = useAppStore((s) => s.usage[connectionId]);
  const loadUsage = useAppStore((s) => s.loadUsage);
  const grantedKey = grantedScopes?.join(' ');
  useEffect(() => {
    void loadUsage(connectionId);
  }, [connectionId, grantedKey, loadUsage]);
  const usedBy = useMemo(() => usedByOf(usage), [usage]);
  return { usage, usedBy };
}

/**
 * The selected connection: a summary first, its actions (Add permissions, Remove connection) at
 * the top, then the permissions by category, what it can do, and its history. Only the selected
 * connection is rendered, however many there are.
 */
/** Scopes asked for when connecting and not approved, each with a way to ask again. */
function NotGrantedSection({ id, connectionId, notGranted }: { id: string; connectionId: string; notGranted: ConnectionView['notGranted'] }): JSX.Element {
  return (
    <DetailSection id={id} title="Asked for but not granted" className="not-granted">
      <p className="field-hint">These were asked for when connecting and not approved; what needs them will not work until you ask again.</p>
      <ul className="scope-list scope-list-compact" aria-label="Asked for but not granted">
        {notGranted.map((scope) => (
          <NotGrantedRow key={scope.scope} connectionId={connectionId} scope={scope} />
        ))}
      </ul>
    </DetailSection>
  );
}

export function ConnectionDetail({ connectionId }: { connectionId: string }): JSX.Element | null {
  const connection = useAppStore((s) => s.connectionDetails.get(connectionId));
  const options = useAppStore((s) => s.providers.find((p) => p.id === connection?.providerId)?.scopeOptions ?? NO_OPTIONS);
  const [adding, setAdding] = useState(false);
  const idPrefix = useId();
  const titles = useMemo(() => (connection === undefined ? new Map<string, string>() : scopeTitles(connection, options)), [connection, options]);
  const { usage, usedBy } = useToolUsage(connectionId, connection?.grantedScopes);
  // The sections after the permissions start below the fold: they follow in the render after the
  // first, so the top of the detail is not held back by them when a connection is first shown.
  const belowFold = useAfterFirstRender();
  if (connection === undefined) return null;

  const { providerName, account, granted, notGranted, actions, history, restore } = connection;
  const connected = connection.state === 'connected';

  return (
    <article className="detail" aria-label={`${providerName}: ${account}`}>
      <DetailHeader connection={connection} headingId={`${idPrefix}-heading`} adding={adding} onToggleAdding={() => setAdding(!adding)} />

      {connected && adding && (
        <div className="add-panel">
          <ul className="add-permissions" aria-label="Add a permission">
            <AddPermission connectionId={connectionId} place={PLACES.connection(connectionId)} />
          </ul>
        </div>
      )}

      <Feedback place={PLACES.connection(connectionId)} />

      {connection.takeBackAsked && <TakeBackAsked asked={connection.takeBackAsked} />}
      <PolicyBlockNote text={connection.policyBlock} />

      {!connected &&
        (connection.damaged ? (
          <DamagedRecord reason={connection.damaged.reason} />
        ) : connection.revokedAtProvider ? (
          <RevokedAtProvider connection={connection} />
        ) : (
          <DisconnectedState connectionId={connectionId} restore={restore} />
        ))}

      {connected && notGranted.length > 0 && <NotGrantedSection id={`${idPrefix}-not-granted`} connectionId={connectionId} notGranted={notGranted} />}

      {connected && (
        <DetailSection id={`${idPrefix}-permissions`} title="Permissions">
          <Feedback place={PLACES.permissions(connectionId)} />
          <GrantedPermissions connectionId={connectionId} granted={granted} titles={titles} usedBy={usedBy} />
        </DetailSection>
      )}

      {belowFold && (
        <>
          {!connection.damaged && <ScopeModeSection connection={connection} headingId={`${idPrefix}-scope-mode`} />}

          {connected && <RemoteToolsSection connection={connection} id={`${idPrefix}-tools`} titles={titles} />}

          {actions.length > 0 && (
            <DetailSection id={`${idPrefix}-actions`} title="What it can do">
              <Feedback place={PLACES.actions(connectionId)} />
              <ActionList connectionId={connectionId} actions={actions} changeable={connected} titles={titles} notGranted={connection.notGrantedScopes} />
            </DetailSection>
          )}

          <DetailSection id={`${idPrefix}-history`} title="History">
            <ConnectionHistory history={history} titles={titles} />
          </DetailSection>

          {usage?.toolsInvolved && (
            <DetailSection id={`${idPrefix}-calls`} title="Calls by tools">
              <ToolCalls usage={usage} />
            </DetailSection>
          )}

          <ForgetConnection connectionId={connectionId} providerName={providerName} account={account} />
        </>
      )}
    </article>
  );
}
