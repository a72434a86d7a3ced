import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import { ApprovalDialog } from './features/broker/ApprovalDialog';
import { ToolsView } from './features/broker/ToolsView';
import { useOwnClientLinks } from './features/clients/useOwnClientLinks';
import { ConnectionsSection } from './features/connections/ConnectionsSection';
import { SettingsView } from './features/settings/SettingsView';
import { AppHeader } from './features/shell/AppHeader';
import type { View } from './features/shell/MainNav';
import { SkipLink } from './features/shell/SkipLink';
import { appStore } from './store';

export function App(): JSX.Element {
  // Which view is shown is this window's own concern, not the main process's: plain React state.
  const [view, setView] = useState<View>('connections');
  useOwnClientLinks(useCallback(() => setView('settings'), []));

  useEffect(() => {
    const { init, dispose } = appStore.getState();
    void init();
    return dispose;
  }, []);

  return (
    <div className="app">
      <SkipLink />
      <AppHeader view={view} onNavigate={setView} />
      {/* A tool's question comes forward whichever view is open. */}
      <ApprovalDialog />
      {view === 'connections' ? <ConnectionsSection /> : view === 'tools' ? <ToolsView /> : <SettingsView />}
    </div>
  );
}
