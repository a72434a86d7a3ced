import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { reviewCounts } from '../../store/reviewSlice';

export type View = 'connections' | 'tools' | 'review' | 'settings';

const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'connections', label: 'Connections' },
  { view: 'tools', label: 'Tools' },
  { view: 'review', label: 'Review' },
  { view: 'settings', label: 'Settings' },
];

const counted = (n: number, one: string): string[] => (n > 0 ? [`${n} ${one}${n === 1 ? '' : 's'}`] : []);

/** The views; the active one is marked for assistive technology with aria-current. Review shows how many suggestions and New actions it lists. */
export function MainNav({ view, onNavigate }: { view: View; onNavigate(view: View): void }): JSX.Element {
  const review = useAppStore((s) => s.review);
  const counts = reviewCounts(review);
  const total = counts.suggestions + counts.newActions;
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
          {item.view === 'review' && total > 0 && (
            <>
              <span className="nav-badge" aria-hidden="true">
                {total}
              </span>
              <span className="visually-hidden">{`(${[...counted(counts.suggestions, 'suggestion'), ...counted(counts.newActions, 'new action')].join(', ')})`}</span>
            </>
          )}
        </button>
      ))}
    </nav>
  );
}
