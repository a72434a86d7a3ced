import { useSyncExternalStore } from 'react';

/** Time-left texts count in minutes: every half minute is often enough, and one timer serves every row. */
const TICK_MS = 30_000;

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const each of listeners) each();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The window's clock, moving on while something shows a time left ("Expires in 23 h"). */
export function useNow(): Date {
  const ms = useSyncExternalStore(subscribe, () => now, () => now);
  return new Date(ms);
}
