import type { Clock } from '../core/ports';

interface Wake {
  at: number;
  wake: () => void;
}

/**
 * A clock a test moves: `advance` jumps it forward and wakes, earliest first, whoever is due
 * (the scheduler's jobs). Without `start` it runs on from the real time (so tokens and the Sandbox
 * still agree with it) plus what the test added, and wakes as real time passes too; with `start`
 * it stands still between moves.
 */
export class ManualClock implements Clock {
  private offsetMs = 0;
  private readonly wakes = new Set<Wake>();
  private readonly base: () => number;
  private readonly running: boolean;

  constructor(start?: Date) {
    const fixed = start?.getTime();
    this.running = fixed === undefined;
    this.base = fixed === undefined ? () => Date.now() : () => fixed;
  }

  now(): Date {
    return new Date(this.base() + this.offsetMs);
  }

  wakeAt(at: Date, wake: () => void): () => void {
    const entry: Wake = { at: at.getTime(), wake };
    this.wakes.add(entry);
    const left = entry.at - this.now().getTime();
    if (left <= 0) queueMicrotask(() => this.fire());
    // A running clock also reaches the time by itself (within what a timer can wait). A timer may
    // fire a little before Date.now() reaches the time (timers run on a monotonic clock): look
    // again until the entry is due or gone, or it would never wake.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (wait: number): void => {
      timer = setTimeout(() => {
        this.fire();
        const still = entry.at - this.now().getTime();
        if (this.wakes.has(entry) && still > 0) arm(still);
      }, wait);
      timer.unref();
    };
    if (this.running && left > 0 && left < 2 ** 31) arm(left);
    return () => {
      clearTimeout(timer);
      this.wakes.delete(entry);
    };
  }

  /** Moves the clock forward by `ms` and wakes whoever is due by then. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('A clock only moves forward');
    this.offsetMs += ms;
    this.fire();
  }

  /** How many wakes are waiting (a test can see that something is scheduled). */
  get waiting(): number {
    return this.wakes.size;
  }

  private fire(): void {
    const now = this.now().getTime();
    const due = [...this.wakes].filter((entry) => entry.at <= now).sort((a, b) => a.at - b.at);
    for (const entry of due) {
      this.wakes.delete(entry);
      entry.wake();
    }
  }
}
