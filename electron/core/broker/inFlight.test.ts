import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { InFlight } from './inFlight';
import { BrokerError } from './protocol';
import type { BrokerSession } from './sessions';

function session(): { session: BrokerSession; close: () => void } {
  const lifetime = new AbortController();
  return { session: { claimedName: 'my-agent', signal: lifetime.signal, notify: () => undefined }, close: () => lifetime.abort(new Error('socket closed')) };
}

/** Work that ends only when its controller is aborted, with the reason it was aborted for. */
const untilAborted = (controller: AbortController): Promise<never> =>
  new Promise((_resolve, reject) => {
    if (controller.signal.aborted) reject(controller.signal.reason as Error);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
  });

describe('messages in flight', () => {
  it('a closed connection ends every message it still waits on, with one listener on it however many there are', async () => {
    const inFlight = new InFlight();
    const { session: s, close } = session();
    const all = Array.from({ length: 100 }, (_, id) => inFlight.track(s, id, untilAborted).catch((error: unknown) => error));
    expect(getEventListeners(s.signal, 'abort')).toHaveLength(1);
    close();
    for (const error of await Promise.all(all)) expect((error as Error).message).toBe('socket closed');
  });

  it('a message arriving after its connection closed starts aborted', async () => {
    const inFlight = new InFlight();
    const { session: s, close } = session();
    close();
    await expect(inFlight.track(s, 1, untilAborted)).rejects.toThrow('socket closed');
  });

  it('a cancel ends only the message with that id, as `cancelled`; the work may end its own controller (a time-out)', async () => {
    const inFlight = new InFlight();
    const { session: s } = session();
    const cancelled = inFlight.track(s, 1, untilAborted).catch((error: unknown) => error);
    const timedOut = inFlight.track(s, 2, (controller) => {
      const ended = untilAborted(controller);
      controller.abort(new BrokerError('timeout', 'api.example did not answer within 10 ms.'));
      return ended;
    });
    expect(inFlight.cancel(s, 1)).toBe(true);
    expect(((await cancelled) as BrokerError).toJSON()).toMatchObject({ code: 'cancelled', details: { id: 1 } });
    await expect(timedOut).rejects.toMatchObject({ code: 'timeout' });
    // Both answered: nothing of theirs is left to cancel.
    expect(inFlight.cancel(s, 1)).toBe(false);
    expect(inFlight.cancel(s, 2)).toBe(false);
  });
});
