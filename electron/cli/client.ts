import { connect, type Socket } from 'node:net';
import { LIMITS, responseMessageSchema, type BrokerErrorCode } from '../core/broker/protocol';
import { CodedError } from '../../shared/codedError';

type Method = 'hello' | 'list' | 'request' | 'call' | 'tool-call' | 'token' | 'cancel';

/** A refusal from the broker, with its typed code. */
export class BrokerRefusal extends CodedError<BrokerErrorCode> {
  override readonly name = 'BrokerRefusal';
}

/** Nothing listens at the broker's address: the app is not running (or has not opened it yet). */
export class BrokerNotRunning extends Error {
  override readonly name = 'BrokerNotRunning';

  constructor(
    readonly endpoint: string,
    /** No socket at all (ENOENT), rather than one nobody answers on (ECONNREFUSED, e.g. left by a crash). */
    readonly absent: boolean,
  ) {
    super(`Scopekeeper is not running (nothing listens at ${endpoint}). Start the app, then try again.`);
  }
}

/** The connection to the broker ended (the app quit) while a message waited for its answer, or before it was sent. */
export class BrokerGone extends Error {
  override readonly name = 'BrokerGone';
}

/**
 * A tool's side of the broker protocol: one socket, requests matched to answers by id (several
 * may be in flight), and the `approvals-changed` pushes.
 */
export class BrokerClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly changeListeners = new Set<() => void>();
  private readonly closeListeners = new Set<() => void>();
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket) {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > LIMITS.maxResponseBytes * 2) return this.fail(new Error('The broker sent a line that is too long.'));
      for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.trim()) this.onLine(line);
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new BrokerGone('The connection to Scopekeeper closed.')));
  }

  static connect(endpoint: string): Promise<BrokerClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(endpoint);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new BrokerClient(socket));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? new BrokerNotRunning(endpoint, error.code === 'ENOENT') : error);
      });
    });
  }

  /**
   * Sends one message and waits for its answer. `signal` gives up on it: the broker is told
   * (`cancel`), withdraws any question it asked the person, and answers it with `cancelled` (or
   * with its result, when that was already on its way).
   */
  send<T = unknown>(method: Method, params?: unknown, options: { signal?: AbortSignal } = {}): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new BrokerRefusal('cancelled', 'Cancelled before it was sent.'));
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    this.socket.write(`${JSON.stringify(params === undefined ? { id, method } : { id, method, params })}\n`);
    return signal ? this.cancelledBy(signal, id, answer) : answer;
  }

  /** `answer` to message `id`, which the broker is told to `cancel` when `signal` aborts first. */
  private cancelledBy<T>(signal: AbortSignal, id: number, answer: Promise<T>): Promise<T> {
    const giveUp = (): void => {
      // A broker that cannot cancel (it refuses `cancel`) leaves nothing to wait for.
      this.send('cancel', { id }).catch((error: unknown) => this.settle(id, error instanceof Error ? error : new Error(String(error))));
    };
    signal.addEventListener('abort', giveUp, { once: true });
    return answer.finally(() => signal.removeEventListener('abort', giveUp));
  }

  /** Called whenever what this tool may use changed. */
  onApprovalsChanged(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Called once when the connection ends, whoever ended it; at once when it already has. */
  onClosed(listener: () => void): void {
    if (this.closedError) return listener();
    this.closeListeners.add(listener);
  }

  close(): void {
    this.socket.end();
  }

  /** Ends the wait for message `id` with `error`, if it is still waiting. */
  private settle(id: number, error: Error): void {
    const waiting = this.waiting.get(id);
    this.waiting.delete(id);
    waiting?.reject(error);
  }

  private onLine(line: string): void {
    const parsed = responseMessageSchema.safeParse(JSON.parse(line));
    if (!parsed.success) return;
    const message = parsed.data;
    if ('event' in message) {
      for (const listener of this.changeListeners) listener();
      return;
    }
    if (message.id === null) {
      // A refusal of the whole connection (e.g. a line too long): every waiting request gets it.
      if (!message.ok) this.fail(new BrokerRefusal(message.error.code, message.error.message, message.error.details));
      return;
    }
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new BrokerRefusal(message.error.code, message.error.message, message.error.details));
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    // The socket is of no more use: end it (a refusal of the whole connection leaves it open otherwise).
    this.socket.destroy();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }
}

