import type { ConnectionView } from '../../../../shared/ipc/contract';
import type { GrantCounts } from '../../store';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One line that says what a connection may do at a glance: "14 permissions · 3 sensitive · 1 admin".
 * Parts that are zero are left out.
 */
export function connectionSummary(state: ConnectionView['state'], { permissions, sensitive, admin }: GrantCounts): string {
  if (state !== 'connected') return 'Nothing granted until you reconnect';
  return [count(permissions, 'permission', 'permissions'), sensitive > 0 ? `${sensitive} sensitive` : null, admin > 0 ? `${admin} admin` : null]
    .filter((part) => part !== null)
    .join(' · ');
}

/** The state badges a connection shows in the sidebar and in its detail. */
export type ConnectionBadge = 'Partial' | 'Disconnected' | 'Revoked at provider';

export function connectionBadges(connection: Pick<ConnectionView, 'state' | 'notGrantedScopes'>): ConnectionBadge[] {
  const state: string = connection.state;
  if (state === 'revoked') return ['Revoked at provider'];
  if (state === 'disconnected') return ['Disconnected'];
  return connection.notGrantedScopes.length > 0 ? ['Partial'] : [];
}
