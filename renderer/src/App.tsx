import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import { ApprovalDialog } from './features/broker/ApprovalDialog';
import { useOwnClientLinks } from './features/clients/useOwnClientLinks';
import { ConnectionsSection } from './features/connections/ConnectionsSection';
import { AppHeader } from './features/shell/AppHeader';
import type { View } from './features/shell/MainNav';
import { SkipLink } from './features/shell/SkipLink';
import { appStore } from './store';
import { AfterFirstRender } from './ui/AfterFirstRender';
import { lazyView, preloadViews, ViewSlot } from './ui/lazyView';

// Views the first frame does not show: their code is a chunk of its own, fetched after it.
const ToolsView = lazyView(() => import('./features/broker/ToolsView').then((m) => m.ToolsView));
const SettingsView = lazyView(() => import('./features/settings/SettingsView').then((m) => m.SettingsView));
const ReviewView = lazyView(() => import('./features/review/ReviewView').then((m) => m.ReviewView));

export function App(): JSX.Element {
  // Which view is shown is this window's own concern, not the main process's: plain React state.
  const [view, setView] = useState<View>('connections');
  // A link to a provider's own OAuth app form opens Settings at the section that holds it.
  useOwnClientLinks(
    useCallback(() => {
      appStore.getState().showSettingsSection('providers');
      setView('settings');
    }, []),
  );
  // A clicked notification shows what it was about: a connection (the store has selected it) or the Review.
  useEffect(
    () =>
      appStore.subscribe(({ viewAsked }, before) => {
        if (viewAsked !== before.viewAsked && viewAsked) setView(viewAsked.view);
      }),
    [],
  );

  useEffect(() => {
    const { init, dispose } = appStore.getState();
    // After the window's first render: in the built window the connection list is already in
    // (mount.tsx), so init() asks for the rest now, after that content. The other views' code is
    // fetched once the lists are in, not alongside them: the page has a few connections to its
    // server, and the lists must not wait behind chunks (the list and detail are in this chunk).
    void init().then(preloadViews);
    return dispose;
  }, []);

  return (
    <div className="app">
      <SkipLink />
      <AppHeader view={view} onNavigate={setView} />
      {/* A tool's question comes forward whichever view is open (questions are loaded after the list). */}
      <AfterFirstRender>
        <ApprovalDialog />
      </AfterFirstRender>
      {view === 'connections' ? (
        <ConnectionsSection />
      ) : (
        <ViewSlot>{view === 'tools' ? <ToolsView /> : view === 'review' ? <ReviewView /> : <SettingsView />}</ViewSlot>
      )}
    </div>
  );
}
