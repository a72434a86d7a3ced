import type { JSX } from 'react';
import { TIME_BOX_LABELS, TIME_BOXES, type TimeBox } from '../../../shared/timeBox';

/** What the person picks: a time box, "just this session" (where offered), or until they take it back. */
export type LastsChoice = TimeBox | 'session' | 'until-taken-back';

/**
 * "For how long": until I take it back (the default), 1 hour, 1 day, 7 days, 30 days, and where
 * `session` is given, "Just this session" (disabled with its reason where the provider cannot).
 */
export function LastsSelect({
  label,
  value,
  choose,
  session,
  disabled = false,
}: {
  label: string;
  value: LastsChoice;
  choose(value: LastsChoice): void;
  session?: { offered: boolean };
  disabled?: boolean;
}): JSX.Element {
  return (
    <select className="lasts-select" aria-label={label} value={value} disabled={disabled} onChange={(event) => choose(event.currentTarget.value as LastsChoice)}>
      <option value="until-taken-back">Until I take it back</option>
      {TIME_BOXES.map((box) => (
        <option key={box} value={box}>
          For {TIME_BOX_LABELS[box]}
        </option>
      ))}
      {session && (
        <option value="session" disabled={!session.offered}>
          Just this session
        </option>
      )}
    </select>
  );
}

/** The choice as the IPC request carries it: left out for "until I take it back". */
export function lastsOf<T extends LastsChoice>(choice: T): Exclude<T, 'until-taken-back'> | undefined {
  return choice === 'until-taken-back' ? undefined : (choice as Exclude<T, 'until-taken-back'>);
}
