import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { aesKeyFileCipher, confVault } from '../../headless/adapters';
import type { SecretCipher } from '../ports';
import { migrate } from './migrations';
import type { ConnectionRecord, TokenSecret } from './schema';
import { Vault } from './vault';

const clock = { now: () => new Date('2026-11-22T10:00:00.000Z') };
const record: ConnectionRecord = {
  id: 'c1',
  providerId: 'sandbox',
  issuer: 'http://127.0.0.1:4890',
  subject: 'alex',
  account: 'alex@sandbox.test',
  requestedScopes: ['openid', 'files:read'],
  grantedScopes: ['openid', 'files:read'],
  connectedAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  grantedAt: { openid: '2026-11-22T10:00:00.000Z', 'files:read': '2026-11-22T10:00:00.000Z' },
  state: 'connected',
};
const secret: TokenSecret = {
  accessToken: 'AT-very-secret-access-token',
  refreshToken: 'RT-very-secret-refresh-token',
  tokenType: 'Bearer',
};

let dir: string;
const open = (cipher: SecretCipher = aesKeyFileCipher(join(dir, 'vault.key'))): Vault =>
  Vault.open(confVault(dir), cipher, clock);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scopekeeper-vault-'));
});

describe('Vault', () => {
  it('round-trips a connection and its encrypted tokens through the file', async () => {
    await open().save(record, secret);
    const reopened = open();
    expect(reopened.list()).toEqual([record]);
    expect(await reopened.readSecret('c1')).toEqual(secret);
  });

  it('never writes a token in clear, and keeps the file owner-only', async () => {
    await open().save(record, secret);
    const file = readFileSync(join(dir, 'vault.json'), 'utf8');
    expect(file).toContain('alex@sandbox.test');
    expect(file).not.toContain(secret.accessToken);
    expect(file).not.toContain(secret.refreshToken);
    expect(statSync(join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'vault.key')).mode & 0o777).toBe(0o600);
  });

  it('cannot decrypt a secret with another key', async () => {
    await open().save(record, secret);
    const otherKey = aesKeyFileCipher(join(mkdtempSync(join(tmpdir(), 'sk-key-')), 'other.key'));
    await expect(open(otherKey).readSecret('c1')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('moves a corrupt file aside with a timestamp, reports it, and starts empty', async () => {
    await open().save(record, secret);
    writeFileSync(join(dir, 'vault.json'), '{"schemaVersion": 1, "connections": tru');
    const vault = open();
    const status = await vault.status();
    expect(status.state).toBe('ready');
    expect(status.recovered?.fileName).toBe('vault.json.corrupt-2026-11-22T10-00-00-000Z');
    expect(readFileSync(join(dir, status.recovered!.fileName), 'utf8')).toContain('"connections": tru');
    expect(vault.list()).toEqual([]);
    await vault.save(record, secret);
    expect(open().list()).toEqual([record]);
  });

  it('treats a well-formed file of the wrong shape as corrupt, not as empty', async () => {
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ schemaVersion: 2, connections: { c1: { id: 7 } }, secrets: {}, providers: {}, history: [], settings: {} }));
    const status = await open().status();
    expect(status.recovered?.reason).toMatch(/schema/);
    expect(readdirSync(dir).some((name) => name.startsWith('vault.json.corrupt-'))).toBe(true);
  });

  it('refuses to touch a file written by a newer version', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, connections: {}, secrets: {} });
    writeFileSync(join(dir, 'vault.json'), newer);
    const vault = open();
    expect((await vault.status()).state).toBe('locked');
    await expect(vault.save(record, secret)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(newer);
  });

  it('is locked, and writes nothing, when the cipher is unavailable', async () => {
    const refusing: SecretCipher = {
      unavailableReason: async () => 'No keyring.',
      encrypt: async () => 'x',
      decrypt: async () => 'x',
    };
    const vault = open(refusing);
    expect(await vault.status()).toMatchObject({ state: 'locked', lockedReason: 'No keyring.' });
    await expect(vault.save(record, secret)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(existsSync(join(dir, 'vault.json'))).toBe(false);
  });

  it('removes a connection together with its secret', async () => {
    const vault = open();
    await vault.save(record, secret);
    await vault.remove('c1');
    const file = readFileSync(join(dir, 'vault.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({ schemaVersion: 2, connections: {}, secrets: {}, providers: {}, history: [], settings: {} });
    await expect(vault.remove('c1')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });
});

/** A cipher whose every encryption waits until the test lets it finish, in the order it chooses. */
function gatedCipher(inner: SecretCipher): SecretCipher & { pending: (() => void)[]; started: Promise<void> } {
  const pending: (() => void)[] = [];
  let notify: () => void = () => undefined;
  const gated = {
    pending,
    started: new Promise<void>((resolve) => (notify = resolve)),
    unavailableReason: () => inner.unavailableReason(),
    decrypt: (sealed: string) => inner.decrypt(sealed),
    encrypt: async (plain: string) => {
      await new Promise<void>((resolve) => {
        pending.push(resolve);
        if (pending.length === 2) notify();
      });
      return inner.encrypt(plain);
    },
  };
  return gated;
}

/** A cipher that takes 1–30 ms per encryption, as safeStorage's async API may. */
function slowCipher(inner: SecretCipher, random: () => number): SecretCipher {
  return {
    unavailableReason: () => inner.unavailableReason(),
    decrypt: (sealed) => inner.decrypt(sealed),
    encrypt: async (plain) => {
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(random() * 30)));
      return inner.encrypt(plain);
    },
  };
}

const recordFor = (id: string): ConnectionRecord => ({ ...record, id, account: `${id}@sandbox.test` });
const secretFor = (id: string): TokenSecret => ({ ...secret, accessToken: `AT-${id}`, refreshToken: `RT-${id}` });

describe('Vault concurrent writes', () => {
  it('keeps both secrets when two saves overlap and the first one’s encryption finishes last', async () => {
    const cipher = gatedCipher(aesKeyFileCipher(join(dir, 'vault.key')));
    const vault = open(cipher);
    const first = vault.save(recordFor('c1'), secretFor('c1'));
    const second = vault.save(recordFor('c2'), secretFor('c2'));
    await cipher.started;
    cipher.pending[1]!();
    cipher.pending[0]!();
    await Promise.all([first, second]);
    const reopened = open(aesKeyFileCipher(join(dir, 'vault.key')));
    expect(reopened.list().map((r) => r.id).sort()).toEqual(['c1', 'c2']);
    expect(await reopened.readSecret('c1')).toEqual(secretFor('c1'));
    expect(await reopened.readSecret('c2')).toEqual(secretFor('c2'));
  });

  it('loses no connection, secret or history entry when many saves race a slow cipher', async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const vault = open(slowCipher(aesKeyFileCipher(join(dir, 'vault.key')), random));
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    await Promise.all(
      ids.flatMap((id) => [
        vault.save(recordFor(id), secretFor(id), [{ id: `h-${id}`, connectionId: id, providerId: 'sandbox', providerName: 'Sandbox', account: id, at: record.connectedAt, kind: 'connected', scopes: [], message: 'Connected.' }]),
        vault.appendHistory([{ id: `h2-${id}`, connectionId: id, providerId: 'sandbox', providerName: 'Sandbox', account: id, at: record.connectedAt, kind: 'granted', scopes: [], message: 'Granted.' }]),
      ]),
    );
    const reopened = open();
    expect(reopened.list().map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(await reopened.readSecret(id)).toEqual(secretFor(id));
      expect(reopened.history(id).map((h) => h.id).sort()).toEqual([`h-${id}`, `h2-${id}`].sort());
    }
  });

  it('commits saves of the same connection in the order they were made, whatever the cipher’s timing', async () => {
    const cipher = gatedCipher(aesKeyFileCipher(join(dir, 'vault.key')));
    const vault = open(cipher);
    const older = vault.save(recordFor('c1'), { ...secret, refreshToken: 'RT-old' });
    const newer = vault.save(recordFor('c1'), { ...secret, refreshToken: 'RT-rotated' });
    await cipher.started;
    cipher.pending[1]!();
    cipher.pending[0]!();
    await Promise.all([older, newer]);
    expect((await open().readSecret('c1')).refreshToken).toBe('RT-rotated');
  });

  it('keeps writing after a write failed', async () => {
    const failing: SecretCipher = { ...aesKeyFileCipher(join(dir, 'vault.key')), encrypt: async () => Promise.reject(new Error('keyring went away')) };
    const vault = open(failing);
    await expect(vault.save(recordFor('c1'), secret)).rejects.toThrow('keyring went away');
    await vault.save(recordFor('c2'), null);
    expect(open().list().map((r) => r.id)).toEqual(['c2']);
  });
});

describe('Vault files that are not what they should be', () => {
  it.each([
    ['an array', '[1,2,3]'],
    ['null', 'null'],
    ['a string', '"hello"'],
    ['a number', '42'],
  ])('moves a file holding %s aside, reports it as recovered, and never saves over it', async (_shape, content) => {
    writeFileSync(join(dir, 'vault.json'), content);
    const vault = open();
    const status = await vault.status();
    expect(status.state).toBe('ready');
    expect(status.recovered?.reason).toBe('the file does not hold a JSON object');
    expect(status.recovered?.fileName).toBe('vault.json.corrupt-2026-11-22T10-00-00-000Z');
    expect(readFileSync(join(dir, status.recovered!.fileName), 'utf8')).toBe(content);
    await vault.save(record, secret);
    expect(readFileSync(join(dir, status.recovered!.fileName), 'utf8')).toBe(content);
    expect(open().list()).toEqual([record]);
  });

  it('does not quote the broken file in the reason it reports', async () => {
    writeFileSync(join(dir, 'vault.json'), '{"account": "alex@private.example", broken');
    const status = await open().status();
    expect(status.recovered?.reason).toMatch(/^the file is not valid JSON/);
    expect(status.recovered?.reason).not.toContain('private.example');
  });

  it('removes temporary files an interrupted write left behind, and nothing else', async () => {
    await open().save(record, secret);
    writeFileSync(join(dir, 'vault.json.tmp-1764410000a1b2c3'), '{"half": ');
    writeFileSync(join(dir, 'vault.json.tmp-1764410001ffffff'), '');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const vault = open();
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(vault.list()).toEqual([record]);
  });
});

describe('migrate', () => {
  it('runs each step from the stored version up to the current one', () => {
    const steps = { 1: (d: Record<string, unknown>) => ({ ...d, b: 1 }), 2: (d: Record<string, unknown>) => ({ ...d, c: 2 }) };
    expect(migrate({ schemaVersion: 1, a: 0 }, steps, 3)).toEqual({
      kind: 'migrated',
      from: 1,
      document: { schemaVersion: 3, a: 0, b: 1, c: 2 },
    });
    expect(migrate({ schemaVersion: 2 }, {}, 3)).toEqual({ kind: 'invalid', reason: 'no migration from schema version 2' });
  });

  it('tells empty, current, newer and invalid documents apart', () => {
    expect(migrate({ schemaVersion: 0.5 }).kind).toBe('invalid');
    expect(migrate(undefined).kind).toBe('empty');
    expect(migrate({ schemaVersion: 2, connections: {}, secrets: {}, providers: {}, history: [], settings: {} }).kind).toBe('current');
    expect(migrate({ schemaVersion: 3 })).toEqual({ kind: 'newer', version: 3 });
    expect(migrate(['not', 'an', 'object']).kind).toBe('invalid');
  });
});

describe('Vault schema migration', () => {
  it('upgrades a version 1 file in place and keeps its connections', async () => {
    await open().save(record, secret);
    const { providers: _providers, history: _history, settings: _settings, ...current } = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    const { grantedAt: _grantedAt, state: _state, ...v1Record } = record;
    const v1 = { ...current, schemaVersion: 1, connections: { c1: v1Record } };
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(v1));
    const vault = open();
    expect(vault.list()).toEqual([record]);
    expect(await vault.readSecret('c1')).toEqual(secret);
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, providers: {}, history: [], settings: {} });
  });
});
