import type { JSX } from 'react';
import { useAppStore } from '../../store';

export type View = 'connections' | 'tools' | 'review' | 'settings';

const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'connections', label: 'Connections' },
  { view: 'tools', label: 'Tools' },
  { view: 'review', label: 'Review' },
  { view: 'settings', label: 'Settings' },
];

/** The views; the active one is marked for assistive technology with aria-current. Review shows how many suggestions it has. */
export function MainNav({ view, onNavigate }: { view: View; onNavigate(view: View): void }): JSX.Element {
  const suggestions = useAppStore((s) => s.review?.suggestions.length ?? 0);
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
          {item.view === 'review' && suggestions > 0 && (
            <>
              <span className="nav-badge" aria-hidden="true">
                {suggestions}
              </span>
              <span className="visually-hidden">{`(${suggestions} ${suggestions === 1 ? 'suggestion' : 'suggestions'})`}</span>
            </>
          )}
        </button>
      ))}
    </nav>
  );
}
