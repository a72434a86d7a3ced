import type { JSX } from 'react';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { ChangeButton } from '../changes/ChangeButton';
import { localDateTime } from '../../ui/dateTime';

/**
 * The provider refused Scopekeeper's saved access (invalid_grant): the grant was revoked there, by
 * the person or by the provider. Say so, when and why, and offer Reconnect.
 */
export function RevokedAtProvider({ connection }: { connection: ConnectionView }): JSX.Element | null {
  const reconnect = useAppStore((s) => s.reconnect);
  const revoked = connection.revokedAtProvider;
  if (revoked === undefined) return null;
  const { providerName, restore } = connection;
  return (
    <div className="disconnected revoked-at-provider">
      <p className="connection-state">
        <span className="badge badge-revoked">Revoked at {providerName}</span>
      </p>
      <p>
        Since <time dateTime={revoked.at}>{localDateTime(revoked.at)}</time>: {revoked.reason} Nothing is
        granted now. Reconnect to approve the {restore.length} permission{restore.length === 1 ? '' : 's'} again.
      </p>
      <div>
        <ChangeButton label="Reconnect" name={`Reconnect ${providerName}`} className="primary" onClick={() => void reconnect(connection.id)} />
      </div>
    </div>
  );
}
