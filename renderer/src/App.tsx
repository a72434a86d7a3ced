import { useEffect, useState } from 'react';
import type { JSX } from 'react';
import { ApprovalDialog } from './features/broker/ApprovalDialog';
import { ToolsView } from './features/broker/ToolsView';
import { PlannedChange } from './features/changes/PlannedChange';
import { ConnectionsSection } from './features/connections/ConnectionsSection';
import { FlowStatus } from './features/flow/FlowStatus';
import { RemovedConnections } from './features/history/RemovedConnections';
import { ErrorAlert } from './features/notices/ErrorAlert';
import { NoticeMessage } from './features/notices/NoticeMessage';
import { ProvidersSection } from './features/providers/ProvidersSection';
import { PermissionsSettings } from './features/settings/PermissionsSettings';
import { SandboxSettings } from './features/settings/SandboxSettings';
import { AppHeader } from './features/shell/AppHeader';
import { MainNav } from './features/shell/MainNav';
import type { View } from './features/shell/MainNav';
import { VaultNotice } from './features/vault/VaultNotice';
import { appStore } from './store';

export function App(): JSX.Element {
  // Which view is shown is this window's own concern, not the main process's: plain React state.
  const [view, setView] = useState<View>('connections');

  useEffect(() => {
    const { init, dispose } = appStore.getState();
    void init();
    return dispose;
  }, []);

  return (
    <>
      <AppHeader />
      <MainNav view={view} onNavigate={setView} />
      <main className="app-main">
        <VaultNotice />
        <ErrorAlert />
        <NoticeMessage />
        <FlowStatus />
        <PlannedChange />
        <ApprovalDialog />
        {view === 'connections' ? (
          <>
            <ProvidersSection />
            <ConnectionsSection />
            <RemovedConnections />
          </>
        ) : view === 'tools' ? (
          <ToolsView />
        ) : (
          <>
            <PermissionsSettings />
            <SandboxSettings />
          </>
        )}
      </main>
    </>
  );
}
