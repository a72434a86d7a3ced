import { appendFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROTATE_BYTES, HistoryLog } from './historyLog';
import type { HistoryEntry } from './schema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scopekeeper-history-'));
});

let counter = 0;
const entry = (connectionId: string, message = 'Connected.'): HistoryEntry => ({
  id: `h${++counter}`,
  connectionId,
  providerId: 'sandbox',
  providerName: 'Sandbox',
  account: `${connectionId}@sandbox.test`,
  at: new Date(Date.UTC(2026, 10, 22, 10, 0, counter % 60)).toISOString(),
  kind: 'connected',
  scopes: ['files:read'],
  message,
});

describe('HistoryLog', () => {
  it('appends one JSON line per entry to an owner-only file and reads them back per connection', () => {
    const log = new HistoryLog(dir);
    const a1 = entry('a');
    const b1 = entry('b');
    const a2 = entry('a');
    log.append([a1, b1]);
    log.append([a2]);
    const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n');
    expect(lines).toEqual([JSON.stringify(a1), JSON.stringify(b1), JSON.stringify(a2), '']);
    expect(statSync(join(dir, 'history.jsonl')).mode & 0o777).toBe(0o600);
    const fresh = new HistoryLog(dir);
    expect(fresh.read('a')).toEqual([a1, a2]);
    expect(fresh.read('b')).toEqual([b1]);
    expect(fresh.read('nobody')).toEqual([]);
    expect(fresh.read()).toEqual([a1, b1, a2]);
    expect(fresh.connectionIds()).toEqual(['a', 'b']);
  });

  it('rotates by size into numbered segments, never deletes one, and reads them in order', () => {
    const log = new HistoryLog(dir, 600);
    const written = Array.from({ length: 12 }, (_, i) => entry(i % 2 === 0 ? 'a' : 'b', `Event ${i} ${'x'.repeat(100)}`));
    for (const e of written) log.append([e]);
    const files = readdirSync(dir).sort();
    expect(files.filter((name) => /^history\.\d+\.jsonl$/.test(name)).length).toBeGreaterThanOrEqual(3);
    for (const name of files) expect(statSync(join(dir, name)).size).toBeLessThan(600 + 400);
    const fresh = new HistoryLog(dir, 600);
    expect(fresh.read()).toEqual(written);
    expect(fresh.read('b')).toEqual(written.filter((e) => e.connectionId === 'b'));
    // Segment 10 sorts after segment 9 by number, not by name.
    expect(fresh.files().map((f) => f.slice(dir.length + 1))).toEqual([
      ...files.filter((name) => name !== 'history.jsonl').sort((x, y) => Number(x.split('.')[1]) - Number(y.split('.')[1])),
      'history.jsonl',
    ]);
  });

  it('ignores the half line a crash left at the end and cuts it off before the next entry', () => {
    const first = entry('a');
    new HistoryLog(dir).append([first]);
    appendFileSync(join(dir, 'history.jsonl'), '{"id":"torn","connectionId":"a","prov');
    expect(new HistoryLog(dir).read('a')).toEqual([first]);
    const log = new HistoryLog(dir);
    const next = entry('a');
    log.append([next]);
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).toBe(`${JSON.stringify(first)}\n${JSON.stringify(next)}\n`);
    const fresh = new HistoryLog(dir);
    expect(fresh.read('a')).toEqual([first, next]);
    expect(fresh.skippedLines).toBe(0);
  });

  it('sets damaged lines aside, keeps the rest (an object of another schema too), and reports them once', () => {
    const first = entry('a');
    const old = entry('b');
    new HistoryLog(dir, 1).append([old]);
    appendFileSync(join(dir, 'history.1.jsonl'), 'garbage\n');
    // An object that is not an entry (a newer version's kind, say) stays; `[1,2]` and garbage are damaged.
    appendFileSync(join(dir, 'history.jsonl'), `{"not":"an entry"}\n[1,2]\n${JSON.stringify(first)}\n`);
    const reports: number[] = [];
    const log = new HistoryLog(dir, DEFAULT_ROTATE_BYTES, (lines) => reports.push(lines));
    expect(log.read()).toEqual([old, first]);
    expect(log.skippedLines).toBe(3);
    expect(reports).toEqual([2]);
    expect(readFileSync(join(dir, 'history.damaged.jsonl'), 'utf8')).toBe('garbage\n[1,2]\n');
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).toBe(`{"not":"an entry"}\n${JSON.stringify(first)}\n`);
    // The log goes on where it was; the next start has nothing to report.
    const next = entry('a');
    log.append([next]);
    const fresh = new HistoryLog(dir, DEFAULT_ROTATE_BYTES, (lines) => reports.push(lines));
    expect(fresh.read()).toEqual([old, first, next]);
    expect(reports).toEqual([2]);
  });

  it('reads the files once, on first use, and keeps its index current with appends', () => {
    const log = new HistoryLog(dir);
    const a1 = entry('a');
    log.append([a1, entry('b')]);
    const reader = new HistoryLog(dir);
    expect(reader.read('a')).toEqual([a1]);
    // Moving the file away proves later reads come from the index, not from another scan.
    renameSync(join(dir, 'history.jsonl'), join(dir, 'elsewhere.jsonl'));
    expect(reader.read('b')).toHaveLength(1);
    const a2 = entry('a');
    reader.append([a2]);
    expect(reader.read('a')).toEqual([a1, a2]);
  });

  it('reads nothing when there is no log yet', () => {
    expect(new HistoryLog(join(dir, 'missing')).read()).toEqual([]);
  });
});
