import { renameSync } from 'node:fs';
import { z } from 'zod';
import { readJsonText, writeJsonAtomically } from '../files/jsonFile';
import type { Clock } from '../ports';

/**
 * Work due at a time, kept across restarts: an expiry, a daily liveness check, the weekly review.
 * Due times are persisted (schedule.json in the data folder), so a job whose time came while the app
 * was closed runs at the next start and is told so (`missed`). Time is the clock port's only: a
 * test moves it (electron/testing/manualClock.ts) and the jobs due run.
 *
 * Jobs run one at a time, earliest first. A job that throws is retried later (1 min, doubling, at
 * most an hour or its period); a job of a kind this copy of the app does not handle is kept as it
 * is, untouched. Components that own the truth (a grant's expiry in the vault) re-arm their jobs
 * at start, so a lost schedule file loses no expiry.
 */

const ISO_DATE = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date');
const jobSchema = z.object({
  kind: z.string().min(1),
  key: z.string(),
  dueAt: ISO_DATE,
  everyMs: z.number().int().positive().optional(),
  jitterMs: z.number().int().nonnegative().optional(),
  failures: z.number().int().nonnegative().optional(),
  data: z.unknown().optional(),
});
const fileSchema = z.object({ version: z.literal(1), jobs: z.array(jobSchema) });
type StoredJob = z.infer<typeof jobSchema>;

export interface ScheduledJob {
  kind: string;
  key: string;
  dueAt: Date;
  /** Set for a job that comes back: it is due again this long after it ran (plus jitter). */
  everyMs?: number;
  /** What the scheduling component kept with it (plain JSON). */
  data?: unknown;
  /** Runs in a row that threw. */
  failures: number;
}

export interface JobRun {
  /** The clock's time as the job starts. */
  now: Date;
  /** The job was due before this run of the app started: its time came while the app was closed. */
  missed: boolean;
}

export type JobHandler = (job: ScheduledJob, run: JobRun) => Promise<void>;

export interface SchedulerOptions {
  /** A number in [0, 1) for jitter; tests give a fixed one. */
  random?: () => number;
  /** Told once when schedule.json could not be read and was set aside (the jobs in it re-arm from their owners). */
  onSetAside?: (setAsideAs: string, reason: string) => void;
}

export interface Repeat {
  everyMs: number;
  /** Up to this much is added to each due time, so many jobs do not all wake at once. */
  jitterMs?: number;
  /** The first run; default one period (plus jitter) from now. */
  firstAt?: Date;
}

const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
const id = (kind: string, key: string): string => `${kind}\u0000${key}`;

export class Scheduler {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly handlers = new Map<string, JobHandler>();
  /** Bumped each time a job is set or cancelled, so a run can tell whether its job was replaced meanwhile. */
  private readonly versions = new Map<string, number>();
  private startedAt: Date | undefined;
  private running: Promise<void> = Promise.resolve();
  private cancelWake: (() => void) | undefined;
  private disposed = false;
  private readonly random: () => number;

  private constructor(
    private readonly path: string,
    private readonly clock: Clock,
    options: SchedulerOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  /** The schedule kept in `path`; a file that cannot be read or parsed is set aside (`.damaged`) and the schedule starts empty. */
  static open(path: string, clock: Clock, options: SchedulerOptions = {}): Scheduler {
    const scheduler = new Scheduler(path, clock, options);
    const text = readJsonText(path);
    if (text === undefined) return scheduler;
    let parsed: z.infer<typeof fileSchema> | undefined;
    let reason = '';
    try {
      const result = fileSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
      else reason = result.error.issues[0]?.message ?? 'not a schedule';
    } catch (error) {
      reason = (error as Error).message;
    }
    if (parsed === undefined) {
      const aside = `${path}.damaged`;
      renameSync(path, aside);
      options.onSetAside?.(aside, reason);
      return scheduler;
    }
    for (const job of parsed.jobs) scheduler.jobs.set(id(job.kind, job.key), job);
    return scheduler;
  }

  /** Who runs jobs of `kind`. Register every kind before `start`, or its missed jobs wait for the next start. */
  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Runs what is due now (what came due while the app was closed is `missed`), then wakes as jobs come due. */
  start(): Promise<void> {
    this.startedAt ??= this.clock.now();
    return this.runDue();
  }

  /** Sets (or moves) the one job `kind`/`key` to run once at `dueAt`. */
  at(kind: string, key: string, dueAt: Date, data?: unknown): void {
    this.put({ kind, key, dueAt: dueAt.toISOString(), ...(data === undefined ? {} : { data }) });
  }

  /** Sets the job `kind`/`key` to run every `everyMs`; an existing one keeps its due time unless `firstAt` is given. */
  every(kind: string, key: string, repeat: Repeat, data?: unknown): void {
    const existing = this.jobs.get(id(kind, key));
    const dueAt = repeat.firstAt ?? (existing ? new Date(existing.dueAt) : this.nextPeriod(repeat.everyMs, repeat.jitterMs));
    this.put({
      kind,
      key,
      dueAt: dueAt.toISOString(),
      everyMs: repeat.everyMs,
      ...(repeat.jitterMs ? { jitterMs: repeat.jitterMs } : {}),
      ...(data === undefined ? {} : { data }),
    });
  }

  cancel(kind: string, key: string): void {
    if (!this.jobs.delete(id(kind, key))) return;
    this.bump(id(kind, key));
    this.save();
  }

  /** The job `kind`/`key`, if one is set. */
  get(kind: string, key: string): ScheduledJob | undefined {
    const job = this.jobs.get(id(kind, key));
    return job && view(job);
  }

  /** Every job set (of `kind`, when given), earliest first. */
  list(kind?: string): ScheduledJob[] {
    return [...this.jobs.values()]
      .filter((job) => kind === undefined || job.kind === kind)
      .map(view)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** Runs every job due by the clock now, one at a time, earliest first; resolves when they have run. */
  runDue(): Promise<void> {
    const run = this.running.then(() => this.drain());
    // A failed save (a full disk) fails this call; the next one still runs.
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no job is running. */
  idle(): Promise<void> {
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelWake?.();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.disposed || this.startedAt === undefined) return;
      const job = this.nextDue();
      if (job === undefined) return this.arm();
      await this.runOne(job);
    }
  }

  /** The earliest job due now that this copy of the app can run. */
  private nextDue(): StoredJob | undefined {
    const now = this.clock.now().getTime();
    let next: StoredJob | undefined;
    for (const job of this.jobs.values()) {
      if (!this.handlers.has(job.kind) || Date.parse(job.dueAt) > now) continue;
      if (next === undefined || Date.parse(job.dueAt) < Date.parse(next.dueAt)) next = job;
    }
    return next;
  }

  private async runOne(job: StoredJob): Promise<void> {
    const key = id(job.kind, job.key);
    const version = this.versions.get(key) ?? 0;
    const run: JobRun = { now: this.clock.now(), missed: Date.parse(job.dueAt) < this.startedAt!.getTime() };
    let failed = false;
    try {
      await this.handlers.get(job.kind)!(view(job), run);
    } catch {
      failed = true;
    }
    // The handler set or cancelled this job itself: that stands.
    if ((this.versions.get(key) ?? 0) !== version) return;
    const failures = failed ? (job.failures ?? 0) + 1 : 0;
    if (failed) {
      const wait = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), job.everyMs ?? LONGEST_RETRY_MS, LONGEST_RETRY_MS);
      this.put({ ...job, failures, dueAt: new Date(this.clock.now().getTime() + wait).toISOString() });
    } else if (job.everyMs !== undefined) {
      const { failures: _, ...rest } = job;
      this.put({ ...rest, dueAt: this.nextPeriod(job.everyMs, job.jitterMs).toISOString() });
    } else {
      this.cancel(job.kind, job.key);
    }
  }

  private nextPeriod(everyMs: number, jitterMs = 0): Date {
    return new Date(this.clock.now().getTime() + everyMs + Math.floor(this.random() * jitterMs));
  }

  private put(job: StoredJob): void {
    this.jobs.set(id(job.kind, job.key), job);
    this.bump(id(job.kind, job.key));
    this.save();
  }

  private bump(key: string): void {
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    // A new earliest job needs a new wake; one set while jobs run is seen when they finish.
    if (this.startedAt !== undefined) void this.running.then(() => this.arm());
  }

  /** Wakes at the earliest due time among the jobs this copy can run. */
  private arm(): void {
    this.cancelWake?.();
    this.cancelWake = undefined;
    if (this.disposed || this.clock.wakeAt === undefined) return;
    let earliest: number | undefined;
    for (const job of this.jobs.values()) {
      if (this.handlers.has(job.kind)) earliest = Math.min(earliest ?? Infinity, Date.parse(job.dueAt));
    }
    if (earliest === undefined) return;
    this.cancelWake = this.clock.wakeAt(new Date(earliest), () => void this.runDue().catch(() => undefined));
  }

  private save(): void {
    writeJsonAtomically(this.path, { version: 1, jobs: [...this.jobs.values()] }, 2);
  }
}

function view(job: StoredJob): ScheduledJob {
  return {
    kind: job.kind,
    key: job.key,
    dueAt: new Date(job.dueAt),
    failures: job.failures ?? 0,
    ...(job.everyMs === undefined ? {} : { everyMs: job.everyMs }),
    ...(job.data === undefined ? {} : { data: job.data }),
  };
}
