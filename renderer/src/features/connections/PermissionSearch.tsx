import { useId } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { countMatching, normalizeQuery } from './permissionFilter';

/** One search over the granted scopes of every connection: titles, sentences, includes, actions. */
export function PermissionSearch(): JSX.Element {
  const query = useAppStore((s) => s.permissionQuery);
  const setQuery = useAppStore((s) => s.setPermissionQuery);
  const [shown, total] = useAppStore(useShallow((s) => countMatching(s.connections, s.permissionQuery)));
  const filtering = normalizeQuery(query) !== '';
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
