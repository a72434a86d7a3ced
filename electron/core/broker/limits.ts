import { BrokerError } from './protocol';
import type { BrokerSession } from './sessions';

/** How many client connections the endpoint keeps, and how long one may stay without `hello`. */
export interface ConnectionLimits {
  /** Open connections of one tool identity (its secret; a tool without one, by its name). */
  perTool: number;
  /** Open connections of all tools together. */
  total: number;
  /** From connect to `hello`; a connection that says nothing is closed after this. */
  helloTimeoutMs: number;
}

export const CONNECTION_LIMITS: ConnectionLimits = { perTool: 64, total: 256, helloTimeoutMs: 5_000 };

/** Who a session counts against: the tool its secret proved, else the name it gave. */
function identityOf(session: BrokerSession): string {
  return session.toolId !== undefined ? `tool ${session.toolId}` : `name ${session.claimedName}`;
}

/** One admitted connection's place in the budget. */
export interface BudgetSlot {
  /** Counts the session against who it now is; `busy` when that identity has all its connections. */
  identify(session: BrokerSession): BrokerError | undefined;
  /** The connection closed (again is a no-op). */
  release(): void;
}

/**
 * The endpoint's connection budget: a global limit at connect, a per-identity limit once a
 * connection has said who it is. Each refusal is a typed `busy`, so one tool holding many
 * connections (or many idle ones, which the hello time-out closes) never locks out the others.
 */
export class ConnectionBudget {
  private open = 0;
  private readonly byIdentity = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  /** A new connection: its slot, or `busy` when all connections are taken. */
  admit(): BudgetSlot | BrokerError {
    if (this.open >= this.limits.total) {
      return new BrokerError('busy', `Scopekeeper already has ${this.limits.total} connections from tools open; try again when one has closed.`);
    }
    this.open++;
    let identity: string | undefined;
    let released = false;
    const leave = (): void => {
      if (identity === undefined) return;
      const left = (this.byIdentity.get(identity) ?? 1) - 1;
      if (left > 0) this.byIdentity.set(identity, left);
      else this.byIdentity.delete(identity);
      identity = undefined;
    };
    return {
      identify: (session) => {
        const now = identityOf(session);
        if (released || now === identity) return undefined;
        leave();
        const count = this.byIdentity.get(now) ?? 0;
        if (count >= this.limits.perTool) {
          return new BrokerError('busy', `“${session.claimedName}” already has ${this.limits.perTool} connections open; close one, then try again.`);
        }
        this.byIdentity.set(now, count + 1);
        identity = now;
        return undefined;
      },
      release: () => {
        if (released) return;
        released = true;
        leave();
        this.open--;
      },
    };
  }
}
