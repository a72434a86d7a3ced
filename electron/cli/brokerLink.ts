import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { BrokerNotRunning } from './client';
import type { Keychain } from './secretStore';
import { endpointFromEnvironment, ToolSession } from './toolSession';

/** What a tool hears while the app is down. */
export const NOT_RUNNING = 'Scopekeeper is not running: start it, then call again.';

export interface Backoff {
  /** The first wait after a failed attempt; each further one doubles… */
  initialMs: number;
  /** …up to this. A session that ended sooner than this does not start the waits over. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 5_000 };

export interface BrokerLinkOptions {
  env?: NodeJS.ProcessEnv;
  keychain?: Keychain;
  backoff?: Backoff;
}

/**
 * A tool's lasting link to the broker, for a process that outlives the app (`scopekeeper mcp`):
 * connects when the app is up, and when it is not, tries again after a wait that doubles up to a
 * cap, or as soon as the socket appears in the data folder. Each session that opens or ends is
 * reported; `session` is the one open now, if any.
 */
export class BrokerLink {
  private current: ToolSession | undefined;
  private problem = NOT_RUNNING;
  /** The last attempt found no socket at all (rather than a socket nobody answers on, or a refusal). */
  private absent = false;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly listeners = new Set<(session: ToolSession | undefined) => void>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly backoff: Backoff;
  private readonly endpoint: string;

  constructor(
    readonly name: string,
    private readonly options: BrokerLinkOptions = {},
  ) {
    this.env = options.env ?? process.env;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.endpoint = endpointFromEnvironment(this.env);
  }

  get session(): ToolSession | undefined {
    return this.current;
  }

  /** Why there is no session: not running, or what the broker or the system said. */
  get down(): string {
    return this.problem;
  }

  /** Called with the new session when one opens, with undefined when it ends. */
  onChange(listener: (session: ToolSession | undefined) => void): void {
    this.listeners.add(listener);
  }

  /** Starts the link; resolves once the first attempt is over (connected or not). */
  start(): Promise<void> {
    return new Promise((firstDone) => void this.run(firstDone));
  }

  close(): void {
    this.closed = true;
    this.wake?.();
    this.current?.close();
  }

  private async run(firstDone: () => void): Promise<void> {
    let delay = this.backoff.initialMs;
    let session = await this.attempt();
    firstDone();
    while (!this.closed) {
      if (session) {
        const opened = Date.now();
        await this.hold(session);
        // A session that lasted is a fresh start (the app may be restarting: try at once); one that
        // ended at once (a broker that keeps closing on us) keeps the waits growing.
        if (Date.now() - opened >= this.backoff.maxMs) {
          delay = this.backoff.initialMs;
          session = await this.attempt();
          if (session) continue;
        }
      }
      await this.pause(delay);
      delay = Math.min(delay * 2, this.backoff.maxMs);
      session = await this.attempt();
    }
  }

  private async attempt(): Promise<ToolSession | undefined> {
    if (this.closed) return undefined;
    try {
      const session = await ToolSession.open(this.name, this.env, this.options.keychain);
      if (this.closed) return void session.close();
      this.current = session;
      this.problem = NOT_RUNNING;
      this.absent = false;
      for (const listener of this.listeners) listener(session);
      return session;
    } catch (error) {
      this.absent = error instanceof BrokerNotRunning && error.absent;
      this.problem = error instanceof BrokerNotRunning ? NOT_RUNNING : `Scopekeeper could not be reached: ${error instanceof Error ? error.message : String(error)} It is tried again shortly.`;
      return undefined;
    }
  }

  /** Resolves when the session ends, after telling the listeners. */
  private hold(session: ToolSession): Promise<void> {
    return new Promise((resolve) =>
      session.client.onClosed(() => {
        if (this.current === session) this.current = undefined;
        for (const listener of this.listeners) listener(undefined);
        resolve();
      }),
    );
  }

  /** Waits `ms`, or less: until the socket appears, or the link closes. */
  private pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        watcher?.close();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      const watcher = this.watchEndpoint(done);
      // Appeared between the attempt and the watch: no wait. (A socket file nobody answers on, left
      // by a crash, is not `absent`: the whole delay is waited.)
      if (watcher && this.absent && existsSync(this.endpoint)) done();
    });
  }

  /** A watch on the socket's folder that calls `appeared` when the socket's name shows up; none for a named pipe or a missing folder. */
  private watchEndpoint(appeared: () => void): FSWatcher | undefined {
    if (this.endpoint.startsWith('\\\\')) return undefined;
    try {
      const name = basename(this.endpoint);
      const watcher = watch(dirname(this.endpoint), { persistent: false }, (_event, file) => {
        if (file === name && existsSync(this.endpoint)) appeared();
      });
      watcher.on('error', () => watcher.close());
      return watcher;
    } catch {
      return undefined;
    }
  }
}
