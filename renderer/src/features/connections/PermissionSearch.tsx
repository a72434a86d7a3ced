import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { countMatching, normalizeQuery } from './permissionFilter';

/** One search over the granted scopes of every connection: title, raw scope or category. */
export function PermissionSearch(): JSX.Element {
  const query = useAppStore((s) => s.permissionQuery);
  const setQuery = useAppStore((s) => s.setPermissionQuery);
  const [shown, total] = useAppStore(useShallow((s) => countMatching(s.connections, s.permissionQuery)));
  const filtering = normalizeQuery(query) !== '';

  return (
    <div className="permission-search">
      <input
        type="search"
        aria-label="Search permissions"
        placeholder="Search permissions"
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      {/* Polite, not a status role: the page keeps a single status message for its notices. */}
      <p className="search-count" aria-live="polite">
        {filtering ? `Showing ${shown} of ${total} permissions` : ''}
      </p>
    </div>
  );
}
