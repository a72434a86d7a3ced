import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { RemovedConnections } from '../history/RemovedConnections';
import { ProvidersSection } from '../providers/ProvidersSection';
import { MainPane } from '../shell/MainPane';
import { Sidebar } from '../sidebar/Sidebar';
import { ConnectionDetail } from './ConnectionDetail';

/**
 * The Connections view: the sidebar of connections, and beside it the selected connection's
 * detail, or "Connect an account" when none is selected (always, while nothing is connected).
 */
export function ConnectionsSection(): JSX.Element {
  const selectedId = useAppStore((s) => s.selectedId);
  return (
    <div className="connections-view">
      <Sidebar />
      <MainPane>
        {selectedId === null ? (
          <>
            <ProvidersSection />
            <RemovedConnections />
          </>
        ) : (
          <ConnectionDetail key={selectedId} connectionId={selectedId} />
        )}
      </MainPane>
    </div>
  );
}
