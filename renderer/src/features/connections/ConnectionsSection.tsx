import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { lazyView, ViewSlot } from '../../ui/lazyView';
import { MainPane } from '../shell/MainPane';
import { ConnectionDetail } from './ConnectionDetail';
import { Sidebar } from './Sidebar';
import { SearchQueryProvider } from './useSearchQuery';

// The selected connection's detail is part of this chunk: it is what the window shows first, and a
// lazy view not yet fetched would suspend it, after which React holds the reveal back (up to
// 300 ms). What is shown with nothing selected comes after the first frame: its code is fetched
// then, or earlier by preloadViews.
const ProvidersSection = lazyView(() => import('../providers/ProvidersSection').then((m) => m.ProvidersSection));
const RemovedConnections = lazyView(() => import('../history/RemovedConnections').then((m) => m.RemovedConnections));

/**
 * The Connections view: the sidebar of connections, and beside it the selected connection's
 * detail, or "Connect an account" when none is selected (always, while nothing is connected), or
 * the removed connections' history when "Removed (n)" is chosen in the sidebar.
 * Until the first list has arrived the pane stays empty (the sidebar says it is loading): the
 * provider cards would flash by before the first connection is selected, and the window's first
 * frame is cheaper to paint without them.
 */
export function ConnectionsSection(): JSX.Element {
  const selectedId = useAppStore((s) => s.selectedId);
  const removedShown = useAppStore((s) => s.removedShown);
  const settled = useAppStore((s) => s.connectionsLoaded || s.connectionsLoadStatus === 'error');
  return (
    <div className="connections-view">
      <SearchQueryProvider>
        <Sidebar />
        <MainPane>
          <ViewSlot>
            {selectedId === null ? (
              settled && (removedShown ? <RemovedConnections /> : <ProvidersSection />)
            ) : (
              <ConnectionDetail key={selectedId} connectionId={selectedId} />
            )}
          </ViewSlot>
        </MainPane>
      </SearchQueryProvider>
    </div>
  );
}
