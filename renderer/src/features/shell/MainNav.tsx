import type { JSX } from 'react';

export type View = 'connections' | 'tools' | 'settings';

const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'connections', label: 'Connections' },
  { view: 'tools', label: 'Tools' },
  { view: 'settings', label: 'Settings' },
];

/** The views; the active one is marked for assistive technology with aria-current. */
export function MainNav({ view, onNavigate }: { view: View; onNavigate(view: View): void }): JSX.Element {
  return (
    <nav className="main-nav" aria-label="Main">
      {VIEWS.map((item) => (
        <button
          key={item.view}
          type="button"
          aria-current={item.view === view ? 'page' : undefined}
          onClick={() => onNavigate(item.view)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
