import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { CHANGE_PROGRESS_ID } from '../../ui/domIds';
import { progressText } from './progressText';

/** Shown from Confirm until the change is applied: which step runs now. */
export function ChangeProgressPanel(): JSX.Element {
  const progress = useAppStore((s) => s.changeProgress);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // It appears right after Confirm closed the dialog, and the button that opened the dialog is
    // disabled now: keep keyboard focus on what is happening instead of losing it to the page.
    panelRef.current?.focus();
  }, []);

  return (
    <div
      ref={panelRef}
      id={CHANGE_PROGRESS_ID}
      tabIndex={-1}
      className="panel change-progress"
      role="status"
      aria-labelledby={`${CHANGE_PROGRESS_ID}-title`}
    >
      <h2 id={`${CHANGE_PROGRESS_ID}-title`} className="panel-title">
        Change in progress
      </h2>
      <p className="flow-stage">{progressText(progress)}</p>
    </div>
  );
}
