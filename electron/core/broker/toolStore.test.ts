import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ToolStore } from './toolStore';

const now = new Date('2026-11-22T10:00:00.000Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scopekeeper-tools-'));
});

describe('ToolStore file', () => {
  it('starts empty without a file, and keeps what it writes owner-only for the next open', () => {
    const path = join(dir, 'broker-tools.json');
    const store = ToolStore.open(path, now);
    expect(store.list()).toEqual([]);
    const { tool, secret } = store.create('notes-agent', now);
    store.approve(tool.id, 'c1', ['files.read'], 'always', false, now);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const reopened = ToolStore.open(path, now);
    expect(reopened.bySecret(secret)?.approvals.map((a) => a.actionId)).toEqual(['files.read']);
  });

  it('moves a damaged file aside and trusts nothing in it', () => {
    const path = join(dir, 'broker-tools.json');
    writeFileSync(path, '{ not json');
    expect(ToolStore.open(path, now).list()).toEqual([]);
    expect(readdirSync(dir)).toEqual(['broker-tools.json.corrupt-2026-11-22T10-00-00-000Z']);
    expect(readFileSync(join(dir, 'broker-tools.json.corrupt-2026-11-22T10-00-00-000Z'), 'utf8')).toBe('{ not json');
  });
});
