import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { ConnectionCard } from './ConnectionCard';
import { CONNECTIONS_HEADING_ID } from './connectionsHeadingId';
import { PermissionSearch } from './PermissionSearch';

export function ConnectionsSection(): JSX.Element {
  const connectionIds = useAppStore(useShallow((s) => s.connections.map((c) => c.id)));
  const loaded = useAppStore((s) => s.connectionsLoaded);
  const status = useAppStore((s) => s.connectionsLoadStatus);

  let placeholder: string | null = null;
  if (connectionIds.length === 0) {
    if (loaded) placeholder = 'No accounts connected yet.';
    else if (status === 'error') placeholder = 'Connected accounts could not be loaded.';
    else placeholder = 'Loading connected accounts…';
  }

  return (
    <section className="section" aria-labelledby={CONNECTIONS_HEADING_ID}>
      <h2 id={CONNECTIONS_HEADING_ID} tabIndex={-1}>
        Connected accounts
      </h2>
      {placeholder !== null ? (
        <p className="placeholder">{placeholder}</p>
      ) : (
        <>
          <PermissionSearch />
          <div className="connection-list">
            {connectionIds.map((id) => (
              <ConnectionCard key={id} connectionId={id} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
