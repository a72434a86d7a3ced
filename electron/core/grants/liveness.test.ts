import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { ManualClock } from '../../testing/manualClock';
import { Scheduler } from '../schedule/scheduler';
import type { ConnectionRecord } from '../vault/schema';
import { DAY_MS, LIVENESS_JITTER_MS, LIVENESS_JOB, Liveness, OFFLINE_RETRY_MS } from './liveness';

const HOUR = 60 * 60_000;
const START = new Date('2025-03-01T09:00:00Z');

function record(id: string, providerId = 'sandbox', state: ConnectionRecord['state'] = 'connected'): ConnectionRecord {
  const at = START.toISOString();
  return { id, providerId, issuer: 'https://sandbox.test', account: `${id}@sandbox.test`, requestedScopes: [], grantedScopes: ['files:read'], connectedAt: at, updatedAt: at, grantedAt: {}, state };
}

/** The vault as Liveness sees it: records, and its saved / removed callbacks. */
class FakeVault {
  readonly records = new Map<string, ConnectionRecord>();
  private readonly saved = new Set<(record: ConnectionRecord) => void>();
  private readonly removed = new Set<(id: string) => void>();
  list = (): ConnectionRecord[] => [...this.records.values()];
  get = (id: string): ConnectionRecord | undefined => this.records.get(id);
  onSaved = (listener: (record: ConnectionRecord) => void): (() => boolean) => (this.saved.add(listener), () => this.saved.delete(listener));
  onRemoved = (listener: (id: string) => void): (() => boolean) => (this.removed.add(listener), () => this.removed.delete(listener));
  save(next: ConnectionRecord): void {
    this.records.set(next.id, next);
    for (const listener of this.saved) listener(next);
  }
  remove(id: string): void {
    this.records.delete(id);
    for (const listener of this.removed) listener(id);
  }
}

/**
 * The check as TokenService runs it, over a fetch the test holds: each check is one request to
 * its provider that stays in flight until the test answers it.
 */
class ProviderWire {
  readonly requests: { connectionId: string; answer: (outcome?: Error) => void }[] = [];
  inFlight = 0;
  mostInFlight = 0;
  private arrived: (() => void) | undefined;

  check = (connectionId: string, options?: { background?: boolean }): Promise<void> => {
    expect(options).toEqual({ background: true });
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    return new Promise<void>((resolve, reject) => {
      this.requests.push({
        connectionId,
        answer: (outcome) => {
          this.inFlight--;
          if (outcome) reject(outcome);
          else resolve();
        },
      });
      this.arrived?.();
    });
  };

  /** Resolves when the `count`th request has arrived. */
  async reached(count: number): Promise<void> {
    while (this.requests.length < count) await new Promise<void>((resolve) => (this.arrived = resolve));
  }
}

let clock: ManualClock;
let scheduler: Scheduler;
let vault: FakeVault;
let wire: ProviderWire;
let online: boolean;
let busy: Set<string>;
let dataDir: string;

function startLiveness(): void {
  scheduler = Scheduler.open(join(dataDir, 'schedule.json'), clock, { random: () => 0.5 });
  new Liveness(scheduler, vault, wire, { online: () => online, busy: (id) => busy.has(id) }).start();
  void scheduler.start();
}

beforeEach(() => {
  clock = new ManualClock(START);
  vault = new FakeVault();
  wire = new ProviderWire();
  online = true;
  busy = new Set();
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-liveness-'));
});

/** Moves the clock and waits until whatever came due has run (or is waiting on the provider). */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
}

const untilIdle = (): Promise<void> => scheduler.idle();

describe('the daily check in the background', () => {
  it('asks about each connection once a day, a day after it was made, never sooner', async () => {
    startLiveness();
    vault.save(record('a'));
    expect(scheduler.get(LIVENESS_JOB, 'a')?.dueAt).toEqual(new Date(START.getTime() + DAY_MS + LIVENESS_JITTER_MS / 2));

    await advance(DAY_MS - HOUR);
    expect(wire.requests).toHaveLength(0);
    await advance(HOUR + LIVENESS_JITTER_MS);
    await wire.reached(1);
    // The check's refresh saves the record (a rotated token): that does not move its day.
    vault.save(record('a'));
    wire.requests[0]!.answer();
    await untilIdle();
    await advance(DAY_MS / 2);
    expect(wire.requests).toHaveLength(1);
    await advance(DAY_MS / 2 + LIVENESS_JITTER_MS);
    await wire.reached(2);
    wire.requests[1]!.answer();
    await untilIdle();
    expect(wire.requests.map((r) => r.connectionId)).toEqual(['a', 'a']);
  });

  it('never has two checks in flight for one provider, however long one stalls and however many come due', async () => {
    startLiveness();
    vault.save(record('a'));
    vault.save(record('b'));
    vault.save(record('other', 'github'));
    await advance(DAY_MS + LIVENESS_JITTER_MS);
    await wire.reached(1);
    // Three more days pass while the provider does not answer: nothing else starts, nothing stacks.
    await advance(3 * DAY_MS);
    expect(wire.requests).toHaveLength(1);
    expect(wire.inFlight).toBe(1);

    wire.requests[0]!.answer();
    await wire.reached(2);
    expect(wire.inFlight).toBe(1);
    wire.requests[1]!.answer();
    await wire.reached(3);
    wire.requests[2]!.answer();
    await untilIdle();
    expect(wire.mostInFlight).toBe(1);
    expect(wire.requests.map((r) => r.connectionId).sort()).toEqual(['a', 'b', 'other']);
  });

  it('offline: asks nobody, tries again an hour later, and that is no failure', async () => {
    startLiveness();
    vault.save(record('a'));
    online = false;
    await advance(DAY_MS + LIVENESS_JITTER_MS);
    await untilIdle();
    expect(wire.requests).toHaveLength(0);
    const job = scheduler.get(LIVENESS_JOB, 'a')!;
    expect(job.failures).toBe(0);
    expect(job.dueAt).toEqual(new Date(clock.now().getTime() + OFFLINE_RETRY_MS));

    online = true;
    await advance(OFFLINE_RETRY_MS);
    await wire.reached(1);
  });

  it('a connection a change holds (the person consenting in the browser) is not waited for: tried an hour later', async () => {
    startLiveness();
    vault.save(record('a'));
    busy.add('a');
    await advance(DAY_MS + LIVENESS_JITTER_MS);
    await untilIdle();
    expect(wire.requests).toHaveLength(0);
    expect(scheduler.get(LIVENESS_JOB, 'a')).toMatchObject({ failures: 0, dueAt: new Date(clock.now().getTime() + OFFLINE_RETRY_MS) });
    busy.clear();
    await advance(OFFLINE_RETRY_MS);
    await wire.reached(1);
  });

  it('an unreachable provider is tried again with the scheduler’s backoff; a revoked grant is an answer, not a failure', async () => {
    startLiveness();
    vault.save(record('a'));
    await advance(DAY_MS + LIVENESS_JITTER_MS);
    await wire.reached(1);
    wire.requests[0]!.answer(new ScopekeeperError('PROVIDER_ERROR', 'Sandbox could not be reached.'));
    await untilIdle();
    expect(scheduler.get(LIVENESS_JOB, 'a')).toMatchObject({ failures: 1, dueAt: new Date(clock.now().getTime() + 60_000) });

    await advance(60_000);
    await wire.reached(2);
    wire.requests[1]!.answer(new ScopekeeperError('CONNECTION_REVOKED', 'Sandbox no longer accepts this connection.'));
    await untilIdle();
    expect(scheduler.get(LIVENESS_JOB, 'a')).toMatchObject({ failures: 0 });
  });

  it('follows the vault: a disconnected or removed connection has no job, a reconnected one has again', async () => {
    startLiveness();
    vault.save(record('a'));
    vault.save(record('b'));
    vault.save(record('a', 'sandbox', 'disconnected'));
    vault.remove('b');
    expect(scheduler.list(LIVENESS_JOB)).toEqual([]);
    vault.save(record('a'));
    expect(scheduler.list(LIVENESS_JOB).map((job) => job.key)).toEqual(['a']);
  });

  it('is re-armed from the vault at start: a lost schedule loses no check, and a removed connection’s job goes', async () => {
    vault.records.set('a', record('a'));
    startLiveness();
    expect(scheduler.list(LIVENESS_JOB).map((job) => job.key)).toEqual(['a']);
    scheduler.dispose();

    // Closed; meanwhile `a` was removed and `b` made (another copy of the file, a restore).
    vault.records.delete('a');
    vault.records.set('b', record('b'));
    startLiveness();
    expect(scheduler.list(LIVENESS_JOB).map((job) => job.key)).toEqual(['b']);
  });
});
