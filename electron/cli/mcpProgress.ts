import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';

/** Calls `tick` once per period until the returned function stops it. */
export type ProgressTicker = (tick: () => void) => () => void;

/** Often enough for a client's time-out (the SDK's default is 60 s) to be reset well before it runs out. */
export const PROGRESS_PERIOD_MS = 15_000;

export const everyPeriod: ProgressTicker = (tick) => {
  const timer = setInterval(tick, PROGRESS_PERIOD_MS);
  return () => clearInterval(timer);
};

const WAITING = 'Waiting for the person to answer in Scopekeeper.';

/** What a request handler is given: the client's progress token, if it sent one, and a way to notify. */
interface ProgressContext {
  _meta?: { progressToken?: string | number | undefined } | undefined;
  sendNotification(notification: ServerNotification): Promise<void>;
}

/**
 * Runs `work` (which may wait on the person) and, when the client asked for progress
 * (`_meta.progressToken`), tells it once per period that it is still waiting, so a client using
 * `resetTimeoutOnProgress` keeps waiting while the person decides. Nothing is sent otherwise.
 */
export async function withProgress<T>(context: ProgressContext, ticker: ProgressTicker, work: () => Promise<T>): Promise<T> {
  const progressToken = context._meta?.progressToken;
  if (progressToken === undefined) return work();
  let progress = 0;
  const stop = ticker(() => {
    progress += 1;
    // A client that went away meanwhile misses nothing it can use.
    context.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, message: WAITING } }).catch(() => undefined);
  });
  try {
    return await work();
  } finally {
    stop();
  }
}
