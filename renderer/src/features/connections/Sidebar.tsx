import type { JSX } from 'react';
import { PLACES } from '../../store/places';
import { useAppStore } from '../../store';
import { CONNECTIONS_HEADING_ID } from '../../ui/domIds';
import { PermissionSearch } from './PermissionSearch';
import { ViewSlot } from '../../ui/lazyView';
import { Feedback } from '../notices/Feedback';
// Part of this chunk, not a lazy view: the list shows the moment the connections arrive, never
// after a suspended fallback (which React reveals up to 300 ms late).
import { ConnectionListbox } from './ConnectionListbox';
import { AfterFirstRender } from '../../ui/AfterFirstRender';

/** "Removed (3)": the removed connections' history, shown in the pane (nothing while none was removed). */
function RemovedEntry(): JSX.Element | null {
  const count = useAppStore((s) => s.removedConnections.length);
  const shown = useAppStore((s) => s.removedShown && s.selectedId === null);
  const showRemoved = useAppStore((s) => s.showRemoved);
  if (count === 0) return null;
  return (
    <button type="button" className={shown ? 'connect-entry removed-entry current' : 'connect-entry removed-entry'} aria-current={shown ? 'page' : undefined} onClick={showRemoved}>
      Removed ({count})
    </button>
  );
}

/** The connections at a glance: search, "Connect an account", and one row per connection. */
export function Sidebar(): JSX.Element {
  const count = useAppStore((s) => s.connections.length);
  const loaded = useAppStore((s) => s.connectionsLoaded);
  const status = useAppStore((s) => s.connectionsLoadStatus);
  const connecting = useAppStore((s) => s.selectedId === null && !s.removedShown);
  const select = useAppStore((s) => s.select);

  let placeholder: string | null = null;
  if (count === 0) {
    if (loaded) placeholder = 'No accounts connected yet.';
    else if (status === 'error') placeholder = 'Connected accounts could not be loaded.';
    else placeholder = 'Loading connected accounts…';
  }

  return (
    <nav className="sidebar" aria-labelledby={CONNECTIONS_HEADING_ID}>
      <h2 id={CONNECTIONS_HEADING_ID} className="sidebar-heading" tabIndex={-1}>
        Connected accounts
      </h2>
      <Feedback place={PLACES.sidebar} className="sidebar-feedback" />
      {count > 0 && <PermissionSearch />}
      <button
        type="button"
        className={connecting ? 'connect-entry current' : 'connect-entry'}
        aria-current={connecting ? 'page' : undefined}
        onClick={() => select(null)}
      >
        <span aria-hidden="true" className="connect-entry-plus">
          +
        </span>{' '}
        Connect an account
      </button>
      {placeholder !== null ? (
        <p className="placeholder sidebar-placeholder">{placeholder}</p>
      ) : (
        <ViewSlot>
          <ConnectionListbox />
        </ViewSlot>
      )}
      {/* The removed connections are loaded after the list. */}
      <AfterFirstRender>
        <RemovedEntry />
      </AfterFirstRender>
    </nav>
  );
}
