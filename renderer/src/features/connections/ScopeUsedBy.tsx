import type { JSX } from 'react';
import type { ScopeUser } from '../../../../shared/ipc/contract';
import { localDateTime } from '../../ui/dateTime';

/**
 * "Used by" for one granted permission: the tools whose calls through Scopekeeper needed it, each
 * with its last use, or plainly that nothing uses it (a permission the person may not need).
 */
export function ScopeUsedBy({ users }: { users: readonly ScopeUser[] }): JSX.Element {
  if (users.length === 0) return <p className="scope-used-by scope-unused">Not used by any tool</p>;
  return (
    <p className="scope-used-by">
      Used by{' '}
      {users.map((user, index) => (
        <span key={user.toolId}>
          {index > 0 && ', '}“{user.name}” (last used <time dateTime={user.lastUsedAt}>{localDateTime(user.lastUsedAt)}</time>)
        </span>
      ))}
    </p>
  );
}
