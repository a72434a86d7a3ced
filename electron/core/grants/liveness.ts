import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { Scheduler } from '../schedule/scheduler';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { TokenService } from './tokens';

export const LIVENESS_JOB = 'liveness';
export const DAY_MS = 24 * 60 * 60_000;
/** Each check is due a day after the last one plus up to this much, so checks do not all wake at once. */
export const LIVENESS_JITTER_MS = 60 * 60_000;
/** Offline, or the connection busy with a change: the check waits this long, and that is no failure. */
export const OFFLINE_RETRY_MS = 60 * 60_000;

/**
 * The daily check in the background: each connected connection is asked about at its provider at
 * most once a day (jittered), through the same check as the window's Check access
 * (TokenService.check), so a grant revoked or expired there is recorded (and notified) the same way,
 * with history saying the daily check found it. Only while online; a failure backs off (the
 * scheduler's retries). Never more than one check in flight per provider, nor at all: the scheduler
 * runs one job at a time and waits for it, and a provider that does not answer is given up on after
 * the provider time-out (CoreConfig.providerTimeoutMs), so the next check starts only then.
 *
 * Jobs follow the vault: one per connected connection, set when a connection is saved connected,
 * cancelled when it is disconnected or removed, and re-armed from the vault at start.
 */
export interface LivenessConditions {
  /** Whether the computer is online (the `online` port); absent: online. */
  online?: (() => boolean) | undefined;
  /** Whether a change or refresh of the connection is running or queued. */
  busy?: (connectionId: string) => boolean;
}

export class Liveness {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly vault: Pick<Vault, 'list' | 'get' | 'onSaved' | 'onRemoved'>,
    private readonly tokens: Pick<TokenService, 'check'>,
    private readonly when: LivenessConditions = {},
  ) {}

  /** Handles the job kind and follows the vault; call before the scheduler starts. */
  start(): void {
    this.scheduler.handle(LIVENESS_JOB, (job, run) => this.run(job.key, run.now));
    this.vault.onSaved((record) => this.follow(record));
    this.vault.onRemoved((connectionId) => this.scheduler.cancel(LIVENESS_JOB, connectionId));
    const saved = new Set<string>();
    for (const record of this.vault.list()) {
      saved.add(record.id);
      this.follow(record);
    }
    for (const job of this.scheduler.list(LIVENESS_JOB)) if (!saved.has(job.key)) this.scheduler.cancel(LIVENESS_JOB, job.key);
  }

  /** A connected connection has one daily job (kept at its due time); any other has none. */
  private follow(record: ConnectionRecord): void {
    const job = this.scheduler.get(LIVENESS_JOB, record.id);
    if (record.state !== 'connected') {
      if (job) this.scheduler.cancel(LIVENESS_JOB, record.id);
    } else if (!job) {
      this.scheduler.every(LIVENESS_JOB, record.id, { everyMs: DAY_MS, jitterMs: LIVENESS_JITTER_MS });
    }
  }

  private async run(connectionId: string, now: Date): Promise<void> {
    const record = this.vault.get(connectionId);
    if (record === undefined) return this.scheduler.cancel(LIVENESS_JOB, connectionId);
    // Offline, or a change holds the connection (perhaps while the person consents in the browser,
    // which would hold every job behind this one): not the provider's failure, tried again later.
    if (this.when.online?.() === false || this.when.busy?.(connectionId) === true) {
      this.scheduler.every(LIVENESS_JOB, connectionId, { everyMs: DAY_MS, jitterMs: LIVENESS_JITTER_MS, firstAt: new Date(now.getTime() + OFFLINE_RETRY_MS) });
      return;
    }
    try {
      await this.tokens.check(connectionId, { background: true });
    } catch (error) {
      // The provider answered: the grant is gone (recorded and notified by the check), or there is
      // no refresh token to ask with. Anything else (unreachable, a 5xx) is tried again later.
      if (error instanceof ScopekeeperError && (error.code === 'CONNECTION_REVOKED' || error.details?.error === 'no_refresh_token')) return;
      throw error;
    }
  }
}
