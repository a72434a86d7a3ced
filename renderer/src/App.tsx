import { useEffect, useState } from 'react';
import type { JSX } from 'react';
import { ConnectionsSection } from './features/connections/ConnectionsSection';
import { SettingsView } from './features/settings/SettingsView';
import { AppHeader } from './features/shell/AppHeader';
import type { View } from './features/shell/MainNav';
import { SkipLink } from './features/shell/SkipLink';
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
    <div className="app">
      <SkipLink />
      <AppHeader view={view} onNavigate={setView} />
      {view === 'connections' ? <ConnectionsSection /> : <SettingsView />}
    </div>
  );
}
