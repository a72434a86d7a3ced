import { BrokerError } from './protocol';
import type { BrokerSession } from './sessions';

/**
 * The messages of each connection still being answered, by their id, so that the tool that sent
 * one can `cancel` it. Each gets a signal that ends with its connection (a closed socket) or with
 * its cancel, whichever comes first: a question it asked is then withdrawn exactly as when the
 * tool goes away. Kept per connection, so a tool reaches only its own messages.
 */
export class InFlight {
  private readonly bySession = new WeakMap<BrokerSession, Map<number, Set<AbortController>>>();

  /** Runs `work` as message `id` of `session`; a cancel ends it with the typed refusal `cancelled`. */
  async track<T>(session: BrokerSession, id: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (session.signal.aborted) return work(session.signal);
    const controller = new AbortController();
    const goneWithSession = (): void => controller.abort(session.signal.reason);
    session.signal.addEventListener('abort', goneWithSession, { once: true });
    let waiting = this.bySession.get(session);
    if (!waiting) this.bySession.set(session, (waiting = new Map()));
    // Ids are the tool's to choose: two messages with one id are both cancelled by it.
    const same = waiting.get(id) ?? new Set<AbortController>();
    waiting.set(id, same.add(controller));
    try {
      return await work(controller.signal);
    } catch (error) {
      if (controller.signal.reason instanceof CancelledByTool) {
        throw new BrokerError('cancelled', 'The tool cancelled this before it was answered; a question it was waiting on was withdrawn, and nothing was allowed.', { id });
      }
      throw error;
    } finally {
      session.signal.removeEventListener('abort', goneWithSession);
      same.delete(controller);
      if (same.size === 0 && waiting.get(id) === same) waiting.delete(id);
    }
  }

  /** `cancel`: true when a message of this session with this id was waiting (it is withdrawn now). */
  cancel(session: BrokerSession, id: number): boolean {
    const same = this.bySession.get(session)?.get(id);
    if (!same || same.size === 0) return false;
    for (const controller of same) controller.abort(new CancelledByTool());
    return true;
  }
}

/** Why a tracked message's signal was aborted: its tool said `cancel`. */
class CancelledByTool extends Error {
  override readonly name = 'CancelledByTool';
}
