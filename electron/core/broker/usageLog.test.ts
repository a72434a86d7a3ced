import { mkdtempSync, readFileSync } from 'node:fs';
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
  it('writes a line after the answer’s turn, and whatever reads it or closes it sees every line appended', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sk-usage-')), 'broker-usage.jsonl');
    const log = new UsageLog(path);
    log.append(entry());
    // Reading in the same turn: the line is written first.
    expect(log.read()).toEqual([entry()]);
    log.append(entry({ at: '2026-11-30T10:00:01.000Z' }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
    log.append(entry({ at: '2026-11-30T10:00:02.000Z' }));
    log.close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
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
