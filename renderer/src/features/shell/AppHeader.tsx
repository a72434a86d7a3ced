import type { JSX } from 'react';
import { PauseTools } from '../notices/PauseTools';
import { MainNav } from './MainNav';
import { AfterFirstRender } from '../../ui/AfterFirstRender';
import type { View } from './MainNav';

export function AppHeader({ view, onNavigate }: { view: View; onNavigate(view: View): void }): JSX.Element {
  return (
    <header className="app-header">
      <h1>Scopekeeper</h1>
      <p className="app-tagline">What each connected app may do, in plain language.</p>
      <MainNav view={view} onNavigate={onNavigate} />
      {/* Whether tools are paused is loaded after the connection list. */}
      <AfterFirstRender>
        <PauseTools only="paused" />
      </AfterFirstRender>
    </header>
  );
}
