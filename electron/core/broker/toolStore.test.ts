import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('tools that give one name', () => {
  it('are told apart: the second "my-agent" with another secret is "my-agent (2)", and a name set free is given again', () => {
    const store = ToolStore.open(join(dir, 'broker-tools.json'), now);
    const first = store.create('my-agent', now, '/usr/bin/node');
    expect(store.uniqueName('my-agent')).toBe('my-agent (2)');
    const second = store.create('my-agent', now, '/usr/bin/python3');
    const third = store.create('my-agent', now);
    expect([first, second, third].map((c) => c.tool.name)).toEqual(['my-agent', 'my-agent (2)', 'my-agent (3)']);
    expect(second.tool.program).toBe('/usr/bin/python3');
    expect(third.tool.program).toBeUndefined();
    store.revoke(second.tool.id);
    expect(store.create('my-agent', now).tool.name).toBe('my-agent (2)');
    expect(new Set(store.list().map((t) => t.name)).size).toBe(store.list().length);
  });

  it('remembers each other program that presented a tool’s secret, once, with when it was first seen', () => {
    const path = join(dir, 'broker-tools.json');
    const store = ToolStore.open(path, now);
    const { tool } = store.create('my-agent', now, '/usr/bin/node');
    store.sawProgram(tool.id, '/usr/bin/node', now);
    expect(store.byId(tool.id)?.otherPrograms).toBeUndefined();
    const later = new Date(now.getTime() + 60_000);
    store.sawProgram(tool.id, '/usr/bin/curl', later);
    store.sawProgram(tool.id, '/usr/bin/curl', new Date(later.getTime() + 60_000));
    expect(ToolStore.open(path, now).byId(tool.id)?.otherPrograms).toEqual([{ program: '/usr/bin/curl', firstSeenAt: later.toISOString() }]);
  });

  it('keeps where the tool says its secret is, writing the file only when that changes', () => {
    const path = join(dir, 'broker-tools.json');
    const store = ToolStore.open(path, now);
    const { tool } = store.create('my-agent', now, '/usr/bin/node', 'keychain');
    const write = vi.spyOn(store, 'write');
    store.saidSecretStore(tool.id, 'keychain');
    expect(write).not.toHaveBeenCalled();
    store.saidSecretStore(tool.id, 'file');
    expect(write).toHaveBeenCalledTimes(1);
    expect(ToolStore.open(path, now).byId(tool.id)?.secretStore).toBe('file');
    store.saidSecretStore('no-such-tool', 'file');
    expect(store.create('older', now).tool.secretStore).toBeUndefined();
  });

  it('takes the first program it sees for a tool approved before programs were known', () => {
    const store = ToolStore.open(join(dir, 'broker-tools.json'), now);
    const { tool } = store.create('old-agent', now);
    store.sawProgram(tool.id, '/usr/bin/python3', now);
    expect(store.byId(tool.id)).toMatchObject({ program: '/usr/bin/python3' });
    expect(store.byId(tool.id)?.otherPrograms).toBeUndefined();
  });
});

describe('a tools file from before names were kept apart', () => {
  it('shows two tools saved with one name under two names', () => {
    const path = join(dir, 'broker-tools.json');
    const store = ToolStore.open(path, now);
    store.create('my-agent', now);
    store.create('other', now);
    store.write();
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { version: 1; tools: { name: string }[] };
    saved.tools[1]!.name = 'my-agent';
    writeFileSync(path, JSON.stringify(saved));
    expect(ToolStore.open(path, now).list().map((t) => t.name)).toEqual(['my-agent', 'my-agent (2)']);
  });
});

describe('tokens given to a tool', () => {
  const path = () => join(dir, 'broker-tools.json');
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const given = (connectionId: string, actionId: string, expiresAt?: string) => ({ connectionId, actionId, at: now.toISOString(), narrowed: true, ...(expiresAt ? { expiresAt } : {}) });

  it('are kept for the next open, one per approval until the later expiry, expired ones dropped at open', async () => {
    const store = ToolStore.open(path(), now);
    const { tool } = store.create('reader', now);
    const write = vi.spyOn(store, 'write');
    // Given in one turn: one write, which each waits for.
    await Promise.all([store.gave(tool.id, given('c1', 'read-files', at(3_600_000))), store.gave(tool.id, given('c1', 'read-files', at(60_000))), store.gave(tool.id, given('c1', 'read-messages', at(60_000)))]);
    expect(write).toHaveBeenCalledTimes(1);
    await store.gave(tool.id, given('c2', 'send-message'));
    expect(write).toHaveBeenCalledTimes(2);
    expect(ToolStore.open(path(), now).byId(tool.id)?.handedOut).toEqual([
      given('c1', 'read-files', at(3_600_000)),
      given('c1', 'read-messages', at(60_000)),
      given('c2', 'send-message'),
    ]);
    expect(ToolStore.open(path(), new Date(now.getTime() + 60_000)).byId(tool.id)?.handedOut).toEqual([given('c1', 'read-files', at(3_600_000)), given('c2', 'send-message')]);
    // A token without expiry works until its connection goes.
    expect(ToolStore.open(path(), new Date(now.getTime() + 365 * 86_400_000)).byId(tool.id)?.handedOut).toEqual([given('c2', 'send-message')]);
  });

  it('go with their connection, from the file too', async () => {
    const store = ToolStore.open(path(), now);
    const { tool } = store.create('reader', now);
    await store.gave(tool.id, given('c1', 'read-files'));
    await store.gave(tool.id, given('c2', 'read-files'));
    expect(store.connectionIds()).toEqual(new Set(['c1', 'c2']));
    store.forgetConnection('c1');
    expect(ToolStore.open(path(), now).byId(tool.id)?.handedOut).toEqual([given('c2', 'read-files')]);
  });

  it('a file from before the list loads with none and its approvals kept; a damaged entry alone is dropped', () => {
    const store = ToolStore.open(path(), now);
    const { tool, secret } = store.create('reader', now);
    store.approve(tool.id, 'c1', ['read-files'], 'always', { 'read-files': { scopes: ['files:read'], narrowed: true } }, now);
    expect(JSON.parse(readFileSync(path(), 'utf8'))).toEqual({ version: 1, tools: [expect.not.objectContaining({ handedOut: expect.anything() })] });
    const old = ToolStore.open(path(), now).bySecret(secret);
    expect(old?.handedOut ?? []).toEqual([]);
    expect(old?.approvals.map((a) => a.actionId)).toEqual(['read-files']);

    const saved = JSON.parse(readFileSync(path(), 'utf8')) as { tools: Record<string, unknown>[] };
    saved.tools[0]!.handedOut = [given('c1', 'read-files'), { connectionId: 'c1', actionId: 'read-messages', at: 'yesterday', narrowed: true }, 'junk', given('c2', 'read-files')];
    writeFileSync(path(), JSON.stringify(saved));
    const reopened = ToolStore.open(path(), now).byId(tool.id);
    expect(reopened?.handedOut).toEqual([given('c1', 'read-files'), given('c2', 'read-files')]);
    expect(reopened?.approvals).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['broker-tools.json']);
    saved.tools[0]!.handedOut = 'junk';
    writeFileSync(path(), JSON.stringify(saved));
    expect(ToolStore.open(path(), now).byId(tool.id)).toMatchObject({ handedOut: [], approvals: [expect.objectContaining({ actionId: 'read-files' })] });
  });
});
