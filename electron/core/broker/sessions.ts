import type { Emit } from '../ipc/events';
import type { Peer } from './peer';
import type { SecretStore } from './toolStore';

/** One client connection to the broker. */
export interface BrokerSession {
  /** The name the tool gave in `hello`. */
  claimedName: string;
  /** Where the tool said in `hello` it keeps its secret (its word, not checked). */
  secretStore?: SecretStore;
  /** Set by `hello`: every other method needs it first. */
  helloed?: boolean;
  /** Set once the tool proved itself with its secret, or was approved in this session. */
  toolId?: string;
  /** Aborted when the client disconnects: its calls and questions end with it. */
  readonly signal: AbortSignal;
  /** Who holds the other end, as the OS tells it (server.ts starts the lookup at connect). */
  caller?: Promise<Peer>;
  /** Pushes `approvals-changed` to the client. */
  notify(): void;
}

/** The open client connections, and who hears that what a tool may use changed. */
export class ToolSessions {
  private readonly sessions = new Set<BrokerSession>();

  constructor(private readonly emit: Emit) {}

  /** Keeps `session` until the returned function is called (the client went away). */
  open(session: BrokerSession): () => void {
    this.sessions.add(session);
    return () => this.sessions.delete(session);
  }

  /** Tells the window and the tool's open sessions that what it may use changed. */
  changed(toolId: string): void {
    this.emit('broker:changed', {});
    for (const session of this.sessions) if (session.toolId === toolId) session.notify();
  }
}
