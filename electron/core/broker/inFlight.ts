import { BrokerError } from './protocol';
import type { BrokerSession } from './sessions';

/**
 * The messages of each connection still being answered, by their id, so that the tool that sent
 * one can `cancel` it. Each gets a controller whose signal ends with its connection (a closed
 * socket) or with its cancel, whichever comes first (or with its own work: a call's time-out): a
 * question it asked is then withdrawn exactly as when the tool goes away. Kept per connection, so
 * a tool reaches only its own messages.
 */
export class InFlight {
  private readonly bySession = new WeakMap<BrokerSession, Map<number, Set<AbortController>>>();

  /** Runs `work` as message `id` of `session`; a cancel ends it with the typed refusal `cancelled`. */
  async track<T>(session: BrokerSession, id: number, work: (controller: AbortController) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (session.signal.aborted) {
      controller.abort(session.signal.reason);
      return work(controller);
    }
    const waiting = this.waitingOf(session);
    // Ids are the tool's to choose: two messages with one id are both cancelled by it.
    let same = waiting.get(id);
    if (!same) waiting.set(id, (same = new Set()));
    same.add(controller);
    try {
      return await work(controller);
    } catch (error) {
      if (controller.signal.reason instanceof CancelledByTool) {
        throw new BrokerError('cancelled', 'The tool cancelled this before it was answered; a question it was waiting on was withdrawn, and nothing was allowed.', { id });
      }
      throw error;
    } finally {
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

  /**
   * The session's messages being answered; made at its first, with the one listener that ends them
   * all when the connection closes (one per connection, not one per message).
   */
  private waitingOf(session: BrokerSession): Map<number, Set<AbortController>> {
    const known = this.bySession.get(session);
    if (known) return known;
    const waiting = new Map<number, Set<AbortController>>();
    this.bySession.set(session, waiting);
    session.signal.addEventListener(
      'abort',
      () => {
        for (const same of waiting.values()) for (const controller of same) controller.abort(session.signal.reason);
      },
      { once: true },
    );
    return waiting;
  }
}

/** Why a tracked message's signal was aborted: its tool said `cancel`. */
class CancelledByTool extends Error {
  override readonly name = 'CancelledByTool';
}
