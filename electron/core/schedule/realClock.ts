import type { Clock } from '../ports';

/** Timers sleep at most this long before looking at the clock again: a laptop's sleep or a changed system clock moves time under a timer. */
const LONGEST_SLEEP_MS = 60_000;

/** The system clock, with `wakeAt` on timers that never keep the process alive by themselves. */
export function realClock(): Clock {
  return {
    now: () => new Date(),
    wakeAt(at, wake) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = (): void => {
        const left = at.getTime() - Date.now();
        if (left <= 0) return wake();
        timer = setTimeout(check, Math.min(left, LONGEST_SLEEP_MS));
        timer.unref?.();
      };
      // Never synchronously: the caller finishes what it is doing first.
      timer = setTimeout(check, 0);
      timer.unref?.();
      return () => clearTimeout(timer);
    },
  };
}
