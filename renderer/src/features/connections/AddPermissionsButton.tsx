import { useId } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';

/**
 * Opens the "Add a permission" panel. While a change is applied or a sign-in runs, a new addition
 * could not start: the button is disabled and says why beside it, instead of doing nothing.
 */
export function AddPermissionsButton({ adding, onToggle }: { adding: boolean; onToggle(): void }): JSX.Element {
  const reasonId = useId();
  const reason = useAppStore((s) =>
    s.changeStatus === 'applying'
      ? 'Available when the change in progress has finished.'
      : s.flow !== null
        ? 'Available when the sign-in in progress has finished.'
        : null,
  );
  return (
    <>
      <button type="button" aria-expanded={adding} onClick={onToggle} disabled={reason !== null} aria-describedby={reason !== null ? reasonId : undefined}>
        Add permissions
      </button>
      {reason !== null && (
        <span id={reasonId} className="field-hint">
          {reason}
        </span>
      )}
    </>
  );
}
