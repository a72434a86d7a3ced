import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from './Feedback';

/**
 * Pause tools from the window, as from the tray menu: while paused, the broker refuses every new
 * request, call and token handout (`paused`). Shown at the top of every view while tools are
 * paused (with Resume tools), and as a Pause tools button in the Tools view otherwise.
 */
export function PauseTools({ only }: { only: 'paused' | 'running' }): JSX.Element | null {
  const paused = useAppStore((s) => s.background?.toolsPaused);
  const saving = useAppStore((s) => s.savingBackground);
  const pauseTools = useAppStore((s) => s.pauseTools);
  if (paused === undefined) return null;
  if (only === 'paused') {
    if (!paused) return <Feedback place={PLACES.pauseTools} />;
    return (
      <div className="panel tools-paused" role="region" aria-label="Tools paused">
        <p>Tools are paused: Scopekeeper refuses every request from tools and agents until you resume them.</p>
        <button type="button" disabled={saving} onClick={() => void pauseTools(false, PLACES.pauseTools)}>
          Resume tools
        </button>
        <Feedback place={PLACES.pauseTools} />
      </div>
    );
  }
  if (paused) return null;
  return (
    <p className="pause-tools">
      <button type="button" disabled={saving} onClick={() => void pauseTools(true, PLACES.pauseTools)}>
        Pause tools
      </button>{' '}
      <span className="field-hint">Refuses every request from tools and agents until you resume them (also in the tray menu).</span>
    </p>
  );
}
