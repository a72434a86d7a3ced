import { useId, useMemo } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { countMatching, normalizeQuery } from './permissionFilter';
import { useSearchQuery } from './useSearchQuery';

/** One search over the granted scopes of every connection: titles, sentences, includes, actions. */
export function PermissionSearch(): JSX.Element {
  const query = useAppStore((s) => s.permissionQuery);
  const setQuery = useAppStore((s) => s.setPermissionQuery);
  const connections = useAppStore((s) => s.connections);
  const counted = useSearchQuery();
  const filtering = normalizeQuery(counted) !== '';
  // Counted only while filtering: nothing is shown otherwise.
  const [shown, total] = useMemo(() => (filtering ? countMatching(connections, counted) : [0, 0]), [filtering, connections, counted]);
  const inputId = useId();

  return (
    <div className="permission-search" role="search">
      <label htmlFor={inputId} className="search-label">
        Search permissions
      </label>
      <input
        id={inputId}
        type="search"
        placeholder="For example: delete, calendar"
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      {/* Polite, not a status role: the window keeps status roles for its messages. */}
      <p className="search-count" aria-live="polite">
        {filtering ? `Showing ${shown} of ${total} permissions` : ''}
      </p>
    </div>
  );
}
