import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageLog, type UsageEntry } from './usageLog';

const entry = (overrides: Partial<UsageEntry> = {}): UsageEntry => ({
  at: '2026-11-30T10:00:00.000Z',
  toolId: 'tool-1',
  tool: 'notes-agent',
  connectionId: 'conn-1',
  action: 'read-files',
  method: 'GET',
  host: 'api.example.test',
  path: '/files',
  status: 200,
  outcome: 'ok',
  durationMs: 1.5,
  ...overrides,
});

describe('the usage log', () => {
  it('has the line in the file when append returns: before the call’s answer goes to the tool', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sk-usage-')), 'broker-usage.jsonl');
    const log = new UsageLog(path);
    log.append(entry());
    // A kill -9 right after the answer was written would find the line (the page cache is the kernel's).
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(entry())}\n`);
    log.append(entry({ at: '2026-11-30T10:00:01.000Z' }));
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(log.read()).toEqual([entry(), entry({ at: '2026-11-30T10:00:01.000Z' })]);
    log.close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('cuts off the half line a crash left, so the next entry is kept', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sk-usage-')), 'broker-usage.jsonl');
    writeFileSync(path, `${JSON.stringify(entry())}\n{"at":"2026-11-30T10:00:01.000Z","toolId":"tool-1","to`);
    const log = new UsageLog(path);
    const next = entry({ at: '2026-11-30T10:00:02.000Z', path: '/files/next' });
    log.append(next);
    expect(log.read()).toEqual([entry(), next]);
    expect(log.recent('conn-1').calls.map((c) => c.path)).toEqual(['/files/next', '/files']);
    log.close();
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(entry())}\n${JSON.stringify(next)}\n`);
  });

  it('sets damaged lines aside in a file of their own, keeps the rest, and reports them once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-usage-'));
    const path = join(dir, 'broker-usage.jsonl');
    const later = entry({ at: '2026-11-30T10:00:03.000Z' });
    // Two damaged lines (one mangled, one where two writes ran together), and an object of another
    // schema (a newer Scopekeeper's, say), which stays where it is.
    const foreign = JSON.stringify({ ...entry(), at: '2026-11-30T10:00:02.000Z', newField: 1 });
    writeFileSync(path, `${JSON.stringify(entry())}\nnot json at all\n{"at":"2026-11-{"at":"x"}\n${foreign}\n${JSON.stringify(later)}\n`);
    const reports: number[] = [];
    const log = new UsageLog(path, (lines) => reports.push(lines));
    expect(log.read()).toEqual([entry(), later]);
    expect(log.read()).toEqual([entry(), later]);
    expect(reports).toEqual([2]);
    expect(readFileSync(join(dir, 'broker-usage.damaged.jsonl'), 'utf8')).toBe('not json at all\n{"at":"2026-11-{"at":"x"}\n');
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(entry())}\n${foreign}\n${JSON.stringify(later)}\n`);
    expect(statSync(join(dir, 'broker-usage.damaged.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Appends after the setting aside land in the log, and a later start finds nothing to report.
    log.append(entry({ at: '2026-11-30T10:00:04.000Z' }));
    log.close();
    const reopened = new UsageLog(path, (lines) => reports.push(lines));
    expect(reopened.read()).toHaveLength(3);
    expect(reports).toEqual([2]);
  });

  it('writes only the schema’s fields, whatever else an entry object carries', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sk-usage-')), 'broker-usage.jsonl');
    const log = new UsageLog(path);
    log.append({ ...entry(), body: 'body-marker', accessToken: 'AT-secret' } as UsageEntry);
    log.close();
    const written = readFileSync(path, 'utf8');
    expect(written).not.toContain('body-marker');
    expect(written).not.toContain('AT-secret');
    expect(JSON.parse(written)).toEqual(entry());
  });
});
