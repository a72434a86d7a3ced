import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileState, STATE_FILE } from './state';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
});

describe('fileState', () => {
  it('creates an owner-only file with new keys, and a restart reads the same keys and records', () => {
    const first = fileState(dir);
    if (process.platform !== 'win32') expect(statSync(join(dir, STATE_FILE)).mode & 0o777).toBe(0o600);
    first.records.set('Grant:g1', { accountId: 'a' });
    first.changed();
    const second = fileState(dir);
    expect(second.cookieKeys).toEqual(first.cookieKeys);
    expect(second.signingKey).toEqual(first.signingKey);
    expect(second.records.get('Grant:g1')).toEqual({ accountId: 'a' });
  });

  it('refuses a file that is not a sandbox state instead of overwriting it', () => {
    writeFileSync(join(dir, STATE_FILE), '{"version":1}');
    expect(() => fileState(dir)).toThrow(/is not a sandbox state file .*move it away to start afresh/);
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).toBe('{"version":1}');
  });

  it('stops on a file that is not JSON', () => {
    writeFileSync(join(dir, STATE_FILE), '{ not json');
    expect(() => fileState(dir)).toThrow(SyntaxError);
  });
});
