import type { JSX } from 'react';

export function AppHeader(): JSX.Element {
  return (
    <header className="app-header">
      <h1>Scopekeeper</h1>
      <p>Connect your accounts and see exactly what each connection was allowed to do.</p>
    </header>
  );
}
