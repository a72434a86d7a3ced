import type { JSX } from 'react';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { grantCounts, useAppStore } from '../../store';
import { LocalDateTime } from '../../ui/LocalDateTime';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { TimeLeft } from '../../ui/TimeLeft';
import { ChangeButton } from '../changes/ChangeButton';
import { AccountSites } from './AccountSites';
import { AddPermissionsButton } from './AddPermissionsButton';
import { CheckAccessButton } from './CheckAccessButton';
import { LastUsed } from './LastUsed';
import { connectionBadges, connectionSummary } from './connectionSummary';

/**
 * The top of a connection's detail: who it is (logo, provider, account, sites), the summary with
 * its badges, when it was connected and last used by a tool, and its actions (Add permissions, Check access, Remove).
 */
export function DetailHeader({
  connection,
  headingId,
  adding,
  onToggleAdding,
}: {
  connection: ConnectionView;
  headingId: string;
  /** Whether the "Add a permission" panel under the header is open. */
  adding: boolean;
  onToggleAdding(): void;
}): JSX.Element {
  const planDisconnect = useAppStore((s) => s.planDisconnect);
  const { id: connectionId, providerId, providerName, account, connectedAt } = connection;
  const connected = connection.state === 'connected';
  const badges = connectionBadges(connection);
  return (
    <header className="detail-header">
      <ProviderLogo providerId={providerId} size={44} />
      <div className="detail-heading">
        <h2 id={headingId} tabIndex={-1}>
          {providerName}
        </h2>
        <p className="account">{account}</p>
        <AccountSites sites={connection.sites} />
        <p className="detail-summary">
          {connectionSummary(connection.state, grantCounts(connection.granted))}
          {badges.map((badge) => (
            <span key={badge} className={`state-badge state-${badge.toLowerCase().replace(/ /g, '-')}`}>
              {badge}
            </span>
          ))}
        </p>
        <p className="connected-at">
          Connected <LocalDateTime iso={connectedAt} />
        </p>
        <LastUsed connectionId={connectionId} />
        {connection.timeBox && (
          <p className="connection-lasts">
            Removed when its time is up: <TimeLeft box={connection.timeBox} />
          </p>
        )}
        {connection.sessionOnly && <p className="connection-lasts">Just this session: removed when Scopekeeper quits (no refresh token kept).</p>}
      </div>
      <div className="detail-actions">
        {connected && <AddPermissionsButton adding={adding} onToggle={onToggleAdding} />}
        {connected && <CheckAccessButton connectionId={connectionId} providerName={providerName} />}
        {!connection.damaged && (
          <ChangeButton label="Remove connection…" name="Remove connection…" className="danger-outline" onClick={() => void planDisconnect(connectionId)} />
        )}
      </div>
    </header>
  );
}
