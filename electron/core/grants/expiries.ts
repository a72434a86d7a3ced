import { TIME_BOX_LABELS, timeLeftText, type TimeBox } from '../../../shared/timeBox';
import type { Clock, Notifier } from '../ports';
import type { JobRun, Scheduler } from '../schedule/scheduler';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { explainScopes } from './explain';
import type { ProviderRegistry } from './providers';
import type { TakeBack, TakeBackResult } from './takeBack';

/** The job that takes back what is due on one connection (key: the connection id). */
export const EXPIRY_JOB = 'expiry';
/** The job that says, an hour before, what is about to be taken back (key: the connection id). */
export const EXPIRY_NOTICE_JOB = 'expiry-notice';
const NOTICE_BEFORE_MS = 3_600_000;

/** One end the vault holds for a connection: the whole of it, or some of its permissions. */
interface End {
  at: number;
  chosen: TimeBox;
  /** Absent: the whole connection. */
  scopes?: string[];
}

/** Every end a record holds, earliest first; boxes on scopes it neither holds nor would restore are stale and ignored. */
function endsOf(record: ConnectionRecord): End[] {
  const ends: End[] = [];
  if (record.timeBox) ends.push({ at: Date.parse(record.timeBox.until), chosen: record.timeBox.chosen });
  const holds = new Set(record.state === 'connected' ? record.grantedScopes : (record.restoreScopes ?? []));
  for (const [scope, box] of Object.entries(record.scopeTimeBoxes ?? {})) {
    if (!holds.has(scope)) continue;
    const at = Date.parse(box.until);
    const same = ends.find((end) => end.scopes && end.at === at && end.chosen === box.chosen);
    if (same) same.scopes!.push(scope);
    else ends.push({ at, chosen: box.chosen, scopes: [scope] });
  }
  return ends.sort((a, b) => a.at - b.at);
}

export interface ExpiriesDeps {
  vault: Vault;
  takeBack: TakeBack;
  providers: Pick<ProviderRegistry, 'get'>;
  scheduler: Pick<Scheduler, 'handle' | 'at' | 'cancel' | 'get' | 'list'>;
  clock: Clock;
  notifier?: Notifier | undefined;
}

/**
 * Access given for a while ends on time. The vault is the truth (a record's `timeBox` and
 * `scopeTimeBoxes`); the scheduler only wakes us: every record's jobs are set again from it at start
 * and whenever a record is written, so a lost schedule.json loses no expiry. An hour before, a
 * notification says what ends; at the time, TakeBack carries out the take-back and a notification
 * says how it went (or asks the person, where only the provider's page can do it).
 */
export class Expiries {
  constructor(private readonly deps: ExpiriesDeps) {}

  /** Registers the jobs' handlers and sets every connection's jobs from the vault; call before the scheduler starts. */
  start(): void {
    const { scheduler, vault } = this.deps;
    scheduler.handle(EXPIRY_JOB, (job, run) => this.expire(job.key, run));
    scheduler.handle(EXPIRY_NOTICE_JOB, (job) => this.notice(job.key));
    vault.onSaved((record) => this.arm(record, false));
    vault.onRemoved((connectionId) => this.disarm(connectionId));
    const saved = new Set(vault.list().map((record) => record.id));
    for (const job of [...scheduler.list(EXPIRY_JOB), ...scheduler.list(EXPIRY_NOTICE_JOB)]) {
      if (!saved.has(job.key)) scheduler.cancel(job.kind, job.key);
    }
    for (const record of vault.list()) this.arm(record, true);
  }

  /**
   * The record's next expiry and its notice, as the vault says now. At start a notice already set
   * (its hour began while the app was closed) is left to run; otherwise a notice whose hour has
   * begun is not set again (it was given, or its time passed unseen).
   */
  private arm(record: ConnectionRecord, atStart: boolean): void {
    const { scheduler } = this.deps;
    const ends = endsOf(record);
    const next = ends[0];
    if (next === undefined) return this.disarm(record.id);
    if (scheduler.get(EXPIRY_JOB, record.id)?.dueAt.getTime() !== next.at) scheduler.at(EXPIRY_JOB, record.id, new Date(next.at));
    const now = this.deps.clock.now().getTime();
    const notice = ends.find((end) => end.at - NOTICE_BEFORE_MS > now);
    const set = scheduler.get(EXPIRY_NOTICE_JOB, record.id);
    if (notice !== undefined) {
      if (set?.dueAt.getTime() !== notice.at - NOTICE_BEFORE_MS) scheduler.at(EXPIRY_NOTICE_JOB, record.id, new Date(notice.at - NOTICE_BEFORE_MS));
    } else if (set !== undefined && !atStart) {
      scheduler.cancel(EXPIRY_NOTICE_JOB, record.id);
    }
  }

  private disarm(connectionId: string): void {
    this.deps.scheduler.cancel(EXPIRY_JOB, connectionId);
    this.deps.scheduler.cancel(EXPIRY_NOTICE_JOB, connectionId);
  }

  /** Takes back everything on the connection whose time has come; a failure throws, so the scheduler tries again. */
  private async expire(connectionId: string, run: JobRun): Promise<void> {
    const record = this.deps.vault.get(connectionId);
    if (record === undefined) return;
    const due = endsOf(record).filter((end) => end.at <= run.now.getTime());
    const whole = due.find((end) => end.scopes === undefined);
    if (whole !== undefined) {
      this.tell(connectionId, await this.deps.takeBack.connection(connectionId, { chosen: whole.chosen, missed: run.missed }));
      return;
    }
    for (const end of due) this.tell(connectionId, await this.deps.takeBack.scopes(connectionId, end.scopes!, { chosen: end.chosen, missed: run.missed }));
    // What is left (later ends) is set again, written or not.
    const after = this.deps.vault.get(connectionId);
    if (after !== undefined) this.arm(after, false);
  }

  /** An hour before: what ends, and when. */
  private async notice(connectionId: string): Promise<void> {
    const record = this.deps.vault.get(connectionId);
    if (record === undefined) return;
    const now = this.deps.clock.now();
    const soon = endsOf(record).filter((end) => end.at > now.getTime() && end.at <= now.getTime() + NOTICE_BEFORE_MS);
    const info = this.deps.providers.get(record.providerId)?.info;
    for (const end of soon) {
      const what = end.scopes === undefined ? 'This connection' : info ? explainScopes(info, end.scopes, []).map((e) => `“${e.title}”`).join(', ') : end.scopes.join(', ');
      const left = timeLeftText(new Date(end.at).toISOString(), now).replace(/^Expires/, 'expires');
      this.deps.notifier?.show({
        kind: 'expiring',
        title: `${info?.name ?? record.providerId}: ${record.account}`,
        body: `${what} ${left} (you chose ${TIME_BOX_LABELS[end.chosen]}). Scopekeeper takes it back then.`,
        opens: { connectionId },
      });
    }
    this.arm(record, false);
  }

  private tell(connectionId: string, result: TakeBackResult | undefined): void {
    if (result === undefined || this.deps.notifier === undefined) return;
    // A removed connection has no page of its own (its history is under "Removed connections").
    const stays = this.deps.vault.get(connectionId) !== undefined;
    this.deps.notifier.show({ kind: 'expired', title: result.title, body: result.message, ...(stays ? { opens: { connectionId } } : {}) });
  }
}
