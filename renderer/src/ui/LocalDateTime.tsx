import { useDeferredValue } from 'react';
import type { JSX } from 'react';
import { localDateTime } from './dateTime';

/**
 * A moment as `localDateTime` writes it, from the render after the first one on: undefined in
 * that first one. The first localized date in a page costs 15–40 ms (the engine opens the
 * locale's and the time zone's data), and the window's first render with data shows the selected
 * connection's "Connected …": it would wait for that. React renders the deferred value right after
 * the first commit, interrupted by input. Later mounts in a deferred render get the text at once.
 */
export function useLocalDateTime(iso: string): string | undefined {
  const shown = useDeferredValue<string | null>(iso, null);
  return shown === null ? undefined : localDateTime(shown);
}

/** `<time>` with the moment in the person's locale and time zone (see useLocalDateTime). */
export function LocalDateTime({ iso }: { iso: string }): JSX.Element {
  return <time dateTime={iso}>{useLocalDateTime(iso)}</time>;
}
