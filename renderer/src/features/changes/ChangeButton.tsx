import type { JSX } from 'react';
import { isChangeBusy, useAppStore } from '../../store';

export interface ChangeButtonProps {
  /** What the button shows: a short verb ("Remove"). */
  label: string;
  /** Its accessible name, which starts with `label` and says what it acts on ("Remove files:write"). */
  name: string;
  onClick(): void;
  className?: string;
  disabled?: boolean;
}

/** A button that starts a scope change; disabled while a change is applied or a sign-in runs. */
export function ChangeButton({ label, name, onClick, className, disabled = false }: ChangeButtonProps): JSX.Element {
  const busy = useAppStore(isChangeBusy);
  return (
    <button
      type="button"
      className={className === undefined ? 'change-button' : `change-button ${className}`}
      aria-label={name === label ? undefined : name}
      disabled={busy || disabled}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
