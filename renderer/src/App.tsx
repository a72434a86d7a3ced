import { useEffect } from 'react';
import type { JSX } from 'react';
import { ConnectionsSection } from './features/connections/ConnectionsSection';
import { FlowStatus } from './features/flow/FlowStatus';
import { ErrorAlert } from './features/notices/ErrorAlert';
import { NoticeMessage } from './features/notices/NoticeMessage';
import { ProvidersSection } from './features/providers/ProvidersSection';
import { AppHeader } from './features/shell/AppHeader';
import { VaultNotice } from './features/vault/VaultNotice';
import { appStore } from './store';

export function App(): JSX.Element {
  useEffect(() => {
    const { init, dispose } = appStore.getState();
    void init();
    return dispose;
  }, []);

  return (
    <>
      <AppHeader />
      <main className="app-main">
        <VaultNotice />
        <ErrorAlert />
        <NoticeMessage />
        <FlowStatus />
        <ProvidersSection />
        <ConnectionsSection />
      </main>
    </>
  );
}
