import type { ConnectionView } from '../../../../shared/ipc/contract';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One line that says what a connection may do at a glance: "14 permissions · 3 sensitive · 1 admin".
 * Sensitive counts sensitive and restricted scopes; parts that are zero are left out.
 */
export function connectionSummary(connection: Pick<ConnectionView, 'granted' | 'state'>): string {
  if (connection.state !== 'connected') return 'Nothing granted until you reconnect';
  const { granted } = connection;
  const sensitive = granted.filter((s) => s.sensitivity !== 'basic').length;
  const admin = granted.filter((s) => s.access === 'admin').length;
  return [
    count(granted.length, 'permission', 'permissions'),
    sensitive > 0 ? `${sensitive} sensitive` : null,
    admin > 0 ? `${admin} admin` : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

/** The state badges a connection shows in the sidebar and in its detail. */
export type ConnectionBadge = 'Partial' | 'Disconnected' | 'Revoked at provider';

export function connectionBadges(connection: Pick<ConnectionView, 'state' | 'notGranted'>): ConnectionBadge[] {
  const state: string = connection.state;
  if (state === 'revoked') return ['Revoked at provider'];
  if (state === 'disconnected') return ['Disconnected'];
  return connection.notGranted.length > 0 ? ['Partial'] : [];
}
