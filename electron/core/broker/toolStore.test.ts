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
    store.approve(tool.id, 'c1', ['files.read'], 'always', {}, now);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const reopened = ToolStore.open(path, now);
    expect(reopened.bySecret(secret)?.approvals.map((a) => a.actionId)).toEqual(['files.read']);
  });

  it('keeps a handout on its own approval only, and drops the tool-wide flag of older files', () => {
    const path = join(dir, 'broker-tools.json');
    const store = ToolStore.open(path, now);
    const { tool } = store.create('notes-agent', now);
    store.approve(tool.id, 'c1', ['read-files', 'read-messages'], 'always', { 'read-files': { scopes: ['files:read'], narrowed: true } }, now);
    const approvals = () => ToolStore.open(path, now).byId(tool.id)!.approvals.map((a) => [a.actionId, a.handout ?? null]);
    expect(approvals()).toEqual([
      ['read-files', { scopes: ['files:read'], narrowed: true }],
      ['read-messages', null],
    ]);
    // Renewed without tokens: the handout ends with the approval it came with.
    store.approve(tool.id, 'c1', ['read-files'], 'week', {}, now);
    expect(approvals()).toEqual([
      ['read-messages', null],
      ['read-files', null],
    ]);

    const old = JSON.parse(readFileSync(path, 'utf8')) as { tools: Record<string, unknown>[] };
    old.tools[0]!.tokenHandout = true;
    writeFileSync(path, JSON.stringify(old));
    expect(ToolStore.open(path, now).byId(tool.id)).not.toHaveProperty('tokenHandout');
  });

  it('moves a damaged file aside and trusts nothing in it', () => {
    const path = join(dir, 'broker-tools.json');
    writeFileSync(path, '{ not json');
    expect(ToolStore.open(path, now).list()).toEqual([]);
    expect(readdirSync(dir)).toEqual(['broker-tools.json.corrupt-2026-11-22T10-00-00-000Z']);
    expect(readFileSync(join(dir, 'broker-tools.json.corrupt-2026-11-22T10-00-00-000Z'), 'utf8')).toBe('{ not json');
  });
});
