import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { aesKeyFileCipher, confVault } from '../../headless/adapters';
import type { SecretCipher } from '../ports';
import { CHANGES_FILE, readVaultFiles } from './changeLog';
import { migrate, MIGRATIONS } from './migrations';
import { catalogActionIds } from '../../../shared/catalog';
import fc from 'fast-check';
import { connectionRecordSchema, isStoredConnectionRecord, parseVaultDocument, vaultDocumentSchema, type ConnectionRecord, type HistoryEntry, type TokenSecret } from './schema';
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

const onDisk = (): ReturnType<typeof readVaultFiles> => readVaultFiles(join(dir, 'vault.json'), join(dir, CHANGES_FILE));
const recordFor = (id: string): ConnectionRecord => ({ ...record, id, account: `${id}@sandbox.test` });
const secretFor = (id: string): TokenSecret => ({ ...secret, accessToken: `AT-${id}`, refreshToken: `RT-${id}` });
const entry = (id: string, connectionId: string, kind: HistoryEntry['kind'], at: string): HistoryEntry => ({
  id,
  connectionId,
  providerId: 'sandbox',
  providerName: 'Sandbox',
  account: `${connectionId}@sandbox.test`,
  at,
  kind,
  scopes: [],
  message: `${kind}.`,
});

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

  it('decrypts a connection’s tokens once while they are unchanged; a new secret or a removal is seen at once', async () => {
    const inner = aesKeyFileCipher(join(dir, 'vault.key'));
    let decrypts = 0;
    const counting: SecretCipher = { ...inner, decrypt: async (sealed) => (decrypts++, inner.decrypt(sealed)) };
    const vault = open(counting);
    await vault.save(record, secret);
    expect(await vault.readSecret('c1')).toEqual(secret);
    expect(await vault.readSecret('c1')).toEqual(secret);
    expect(decrypts).toBe(1);
    const renewed = { ...secret, accessToken: 'AT-renewed' };
    await vault.save(record, renewed);
    expect(await vault.readSecret('c1')).toEqual(renewed);
    expect(decrypts).toBe(2);
    await vault.remove('c1');
    await expect(vault.readSecret('c1')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
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

  it('tightens a vault file someone made group- or world-readable back to owner-only when it opens', async () => {
    await open().save(record, secret);
    const file = join(dir, 'vault.json');
    for (const loose of [0o644, 0o640, 0o604, 0o666]) {
      chmodSync(file, loose);
      const vault = open();
      expect(statSync(file).mode & 0o777, loose.toString(8)).toBe(0o600);
      expect(vault.get('c1')?.account).toBe('alex@sandbox.test');
    }
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

  it('removes a connection together with its secret, and keeps its history', async () => {
    const vault = open();
    await vault.save(record, secret, [entry('h1', 'c1', 'connected', '2026-11-22T10:00:00.000Z')]);
    await vault.remove('c1', [entry('h2', 'c1', 'removed', '2026-11-22T11:00:00.000Z')]);
    expect(onDisk().document).toEqual({ schemaVersion: 5, connections: {}, secrets: {}, providers: {}, clients: {}, mcpServers: {}, registeredClients: {}, settings: {} });
    await expect(vault.remove('c1')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    const reopened = open();
    expect(reopened.list()).toEqual([]);
    expect(reopened.history('c1').map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(reopened.removedConnections()).toEqual([
      { connectionId: 'c1', providerId: 'sandbox', providerName: 'Sandbox', account: 'c1@sandbox.test', removedAt: '2026-11-22T11:00:00.000Z', history: reopened.history('c1') },
    ]);
  });

  it('lists as removed only connections that are gone, most recently removed first', async () => {
    const vault = open();
    for (const id of ['a', 'b', 'c']) await vault.save(recordFor(id), null, [entry(`${id}1`, id, 'connected', '2026-11-22T10:00:00.000Z')]);
    await vault.remove('c', [entry('c2', 'c', 'removed', '2026-11-22T12:00:00.000Z')]);
    await vault.remove('a', [entry('a2', 'a', 'removed', '2026-11-22T13:00:00.000Z')]);
    expect(vault.removedConnections().map((r) => r.connectionId)).toEqual(['a', 'c']);
    expect(vault.history().map((h) => h.id)).toEqual(['a1', 'b1', 'c1', 'c2', 'a2']);
  });
});

describe('Vault change log', () => {
  const changeLines = (): string[] => readFileSync(join(dir, CHANGES_FILE), 'utf8').split('\n').filter(Boolean);

  it('writes a change as one line of the log, not by rewriting the document, and never a token in clear', async () => {
    const vault = open();
    await vault.save(record, secret);
    const document = readFileSync(join(dir, 'vault.json'), 'utf8');
    await vault.save(recordFor('c2'), secretFor('c2'));
    await vault.save({ ...record, account: 'renamed@sandbox.test' }, secret);
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(document);
    expect(changeLines()).toHaveLength(2);
    expect(statSync(join(dir, CHANGES_FILE)).mode & 0o777).toBe(0o600);
    expect(onDisk().raw).not.toContain('AT-c2');
    expect(onDisk().raw).not.toContain(secret.refreshToken);
    const reopened = open();
    expect(reopened.list().map((r) => r.account)).toEqual(['renamed@sandbox.test', 'c2@sandbox.test']);
    expect(await reopened.readSecret('c2')).toEqual(secretFor('c2'));
  });

  it('folds the log into the document once it grows past its threshold', async () => {
    const vault = Vault.open(confVault(dir), aesKeyFileCipher(join(dir, 'vault.key')), clock, { compactMinBytes: 2_000 });
    for (let i = 0; i < 8; i++) await vault.save(recordFor(`c${i}`), secretFor(`c${i}`));
    await vault.flush();
    expect(changeLines().length).toBeLessThan(8);
    const document = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as { connections: Record<string, unknown> };
    expect(Object.keys(document.connections).length + changeLines().length).toBeGreaterThanOrEqual(8);
    const reopened = open();
    expect(reopened.list()).toHaveLength(8);
    for (let i = 0; i < 8; i++) expect(await reopened.readSecret(`c${i}`)).toEqual(secretFor(`c${i}`));
  });

  it('replays a change that is already in the document without harm (a crash between fold and truncate)', async () => {
    const vault = open();
    await vault.save(record, secret);
    await vault.save(recordFor('c2'), secretFor('c2'));
    await vault.remove('c1');
    await vault.save({ ...recordFor('c2'), account: 'later@sandbox.test' }, secretFor('c2'));
    await vault.flush();
    expect(changeLines()).toHaveLength(3);
    // A fold that wrote the whole document and died before emptying the log.
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(onDisk().document));
    const reopened = open();
    expect(reopened.list().map((r) => [r.id, r.account])).toEqual([['c2', 'later@sandbox.test']]);
    expect(await reopened.readSecret('c2')).toEqual(secretFor('c2'));
    expect(await reopened.status()).toEqual({ state: 'ready' });
  });

  it('ignores a last line cut short by a crash and goes on writing', async () => {
    const vault = open();
    await vault.save(record, secret);
    await vault.save(recordFor('c2'), secretFor('c2'));
    writeFileSync(join(dir, CHANGES_FILE), `${readFileSync(join(dir, CHANGES_FILE), 'utf8')}{"schemaVersion":3,"connections":{"c3":`);
    const reopened = open();
    expect(await reopened.status()).toEqual({ state: 'ready' });
    expect(reopened.list().map((r) => r.id)).toEqual(['c1', 'c2']);
    await reopened.save(recordFor('c4'), secretFor('c4'));
    const again = open();
    expect(again.list().map((r) => r.id)).toEqual(['c1', 'c2', 'c4']);
    expect(await again.status()).toEqual({ state: 'ready' });
  });

  it('keeps what it can read of a damaged log, reports it, and moves the log aside', async () => {
    const vault = open();
    await vault.save(record, secret);
    await vault.save(recordFor('c2'), secretFor('c2'));
    writeFileSync(join(dir, CHANGES_FILE), `not json\n${readFileSync(join(dir, CHANGES_FILE), 'utf8')}`);
    const reopened = open();
    const status = await reopened.status();
    expect(status.recovered?.reason).toBe('1 saved change(s) could not be read; the rest were kept');
    expect(readFileSync(join(dir, status.recovered!.fileName), 'utf8')).toContain('not json');
    expect(reopened.list().map((r) => r.id)).toEqual(['c1', 'c2']);
    expect(open().list().map((r) => r.id)).toEqual(['c1', 'c2']);
  });

  it('moves the log aside with a document it cannot read', async () => {
    const vault = open();
    await vault.save(record, secret);
    await vault.save(recordFor('c2'), secretFor('c2'));
    writeFileSync(join(dir, 'vault.json'), '[]');
    const reopened = open();
    expect(reopened.list()).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.startsWith(`${CHANGES_FILE}.corrupt-`))).toHaveLength(1);
    await reopened.save(recordFor('c5'), null);
    expect(open().list().map((r) => r.id)).toEqual(['c5']);
  });
});

describe('Vault history log', () => {
  it('writes history to its own owner-only file, never into the records document', async () => {
    await open().save(record, secret, [entry('history-entry-one', 'c1', 'connected', '2026-11-22T10:00:00.000Z')]);
    expect(onDisk().raw).not.toContain('history-entry-one');
    const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['history-entry-one']);
    expect(statSync(join(dir, 'history.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('appends history without rewriting the records document', async () => {
    const vault = open();
    await vault.save(record, secret);
    const before = readFileSync(join(dir, 'vault.json'), 'utf8');
    writeFileSync(join(dir, 'vault.json'), `${before}\n`);
    await vault.appendHistory([entry('h1', 'c1', 'granted', '2026-11-22T10:00:00.000Z')]);
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(`${before}\n`);
    expect(open().history('c1').map((h) => h.id)).toEqual(['h1']);
  });
});

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

describe('Vault: own OAuth clients', () => {
  const at = '2026-11-22T10:00:00.000Z';

  it('seals the client secret: the file holds the client ID in clear and the secret only encrypted', async () => {
    const vault = open();
    await vault.save(record, secret);
    // The second write goes to the change log: both files are checked.
    await vault.saveOwnClient('google', { clientId: 'my-google-app', clientSecret: 'GOCSPX-very-secret', redirectPort: 47123 }, at);
    const { raw } = onDisk();
    expect(raw).toContain('my-google-app');
    expect(raw).not.toContain('GOCSPX-very-secret');
    const reopened = open();
    expect(reopened.ownClient('google')).toEqual({ clientId: 'my-google-app', hasSecret: true, redirectPort: 47123 });
    expect(await reopened.ownClientSecret('google')).toBe('GOCSPX-very-secret');
  });

  it('keeps the secret for the same client ID when none is given; drops it for another ID or on null', async () => {
    const vault = open();
    await vault.saveOwnClient('github', { clientId: 'a', clientSecret: 's1' }, at);
    await vault.saveOwnClient('github', { clientId: 'a' }, at);
    expect(await vault.ownClientSecret('github')).toBe('s1');
    await vault.saveOwnClient('github', { clientId: 'b' }, at);
    expect(vault.ownClient('github')).toEqual({ clientId: 'b', hasSecret: false, redirectPort: undefined });
    await vault.saveOwnClient('github', { clientId: 'b', clientSecret: 's2' }, at);
    await vault.saveOwnClient('github', { clientId: 'b', clientSecret: null }, at);
    expect(await vault.ownClientSecret('github')).toBeUndefined();
  });

  it('reads a custom server’s client ID kept in its record by older versions, and forgets it on removal', async () => {
    const vault = open();
    await vault.saveCustomProvider({ id: 'custom-1', name: 'Acme', issuer: 'https://login.acme.test', clientId: 'legacy-id', addedAt: at });
    expect(vault.ownClient('custom-1')).toEqual({ clientId: 'legacy-id', hasSecret: false });
    await vault.removeOwnClient('custom-1');
    expect(vault.ownClient('custom-1')).toBeUndefined();
    expect(open().customProviders()[0]).toEqual({ id: 'custom-1', name: 'Acme', issuer: 'https://login.acme.test', addedAt: at });
  });

  it('does not treat inherited names as saved clients', () => {
    expect(open().ownClient('__proto__')).toBeUndefined();
    expect(open().ownClient('constructor')).toBeUndefined();
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
    expect(migrate({ schemaVersion: 5, connections: {}, secrets: {}, providers: {}, settings: {} }).kind).toBe('current');
    expect(migrate({ schemaVersion: 6 })).toEqual({ kind: 'newer', version: 6 });
    expect(migrate(['not', 'an', 'object']).kind).toBe('invalid');
    expect(migrate(null).kind).toBe('invalid');
    expect(migrate('hello').kind).toBe('invalid');
  });
});

describe('parseVaultDocument', () => {
  const valid = { schemaVersion: 5, connections: { c1: { ...record, extra: 'dropped' } }, secrets: { c1: 'sealed' }, providers: {}, mcpServers: {}, registeredClients: {}, settings: { sandboxIssuer: 'http://127.0.0.1:4890' } };

  it('accepts what the zod schema accepts, with the same output', () => {
    const fast = parseVaultDocument(valid);
    expect(fast).toEqual({ success: true, data: vaultDocumentSchema.parse(valid) });
  });

  it.each([
    ['a record of the wrong shape', { ...valid, connections: { c1: { ...record, grantedAt: { openid: 'yesterday' } } } }],
    ['a secret that is not a string', { ...valid, secrets: { c1: 7 } }],
    ['connections that are a list', { ...valid, connections: [] }],
    ['a provider with neither an issuer nor endpoints', { ...valid, providers: { p: { id: 'p', name: 'P', clientId: 'x', addedAt: record.connectedAt } } }],
    ['settings that are not an object', { ...valid, settings: 'none' }],
    ['another schema version', { ...valid, schemaVersion: 2 }],
    ['an MCP server whose id is not an mcp- one', { ...valid, mcpServers: { x: { id: 'custom-1', name: 'X', url: 'https://mcp.example.com/mcp', addedAt: record.connectedAt } } }],
    ['a registered client without its client ID', { ...valid, registeredClients: { 'https://as.example.com': { issuer: 'https://as.example.com', registeredAt: record.connectedAt } } }],
  ])('refuses %s, as the zod schema does', (_case, document) => {
    expect(parseVaultDocument(document).success).toBe(false);
    expect(vaultDocumentSchema.safeParse(document).success).toBe(false);
  });
});

const valid = (): Record<string, unknown> => ({ schemaVersion: 5, connections: {}, secrets: { c1: 'sealed' }, providers: {}, mcpServers: {}, registeredClients: {}, settings: {} });

describe('isStoredConnectionRecord (the no-copy check at open)', () => {
  const full: ConnectionRecord = {
    ...record,
    sites: ['acme'],
    restoreScopes: ['openid'],
    revokedAtProvider: { at: '2026-11-23T10:00:00Z', reason: 'invalid_grant' },
    timeBox: { until: '2026-11-24T10:00:00Z', chosen: '1d' },
    scopeTimeBoxes: { openid: { until: '2026-11-23T11:00:00Z', chosen: '1h' } },
    sessionOnly: true,
    takeBackAsked: { at: '2026-11-23T10:00:00Z', scopes: ['openid'], url: 'https://example.com', reason: 'Expired' },
    scopeMode: 'fixed',
    fixedScopes: ['openid'],
    knownActions: ['read-files'],
  };
  const hostile = fc.oneof(
    fc.constantFrom<unknown>(undefined, null, 0, 7, '', 'x', true, [], {}, ['a', 1], [''], { a: 1 }, Object.create(null)),
    fc.constantFrom('2026-02-29T00:00:00Z', '2028-02-29T00:00:00Z', '2026-11-31T10:00:00Z', '2026-11-22T24:00:00Z', '2026-11-22T10:00:00+01:00', '2026-11-22T10:00Z', '2026-11-22', ' 2026-11-22T10:00:00Z'),
    fc.anything(),
  );

  it('lets through every record the app writes, with all optional fields', () => {
    expect(isStoredConnectionRecord(record)).toBe(true);
    expect(isStoredConnectionRecord(JSON.parse(JSON.stringify(full)))).toBe(true);
  });

  it('never accepts what zod refuses, and what it accepts zod returns unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(full) as (keyof ConnectionRecord)[]), 'extra', 'grantedAt.openid', 'revokedAtProvider.at', 'revokedAtProvider.extra', 'timeBox.until', 'timeBox.chosen', 'timeBox.extra', 'scopeTimeBoxes.openid', 'takeBackAsked.scopes', 'takeBackAsked.extra'),
        hostile,
        (path, value) => {
          const candidate = JSON.parse(JSON.stringify(full)) as Record<string, Record<string, unknown>>;
          const [head, tail] = path.split('.') as [string, string | undefined];
          if (tail === undefined) (candidate as Record<string, unknown>)[head] = value;
          else candidate[head]![tail] = value;
          const zod = connectionRecordSchema.safeParse(candidate);
          if (isStoredConnectionRecord(candidate)) expect(zod).toEqual({ success: true, data: candidate });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('checks dates with the same pattern as z.iso.datetime()', () => {
    fc.assert(
      fc.property(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)), (at) => {
        const candidate = { ...record, updatedAt: at };
        expect(isStoredConnectionRecord(candidate)).toBe(connectionRecordSchema.safeParse(candidate).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('opens a document whose maps are all as written without copying them, and copies (stripped) when one is not', () => {
    const written = JSON.parse(JSON.stringify({ ...valid(), connections: { c1: record } })) as { connections: Record<string, unknown> };
    const kept = parseVaultDocument(written);
    expect(kept.success && kept.data.connections).toBe(written.connections);
    const withExtra = { ...written, connections: { c1: { ...record, extra: 'dropped' }, c2: { ...record, id: 'c2' } } };
    const copied = parseVaultDocument(withExtra);
    expect(copied).toEqual({ success: true, data: vaultDocumentSchema.parse(withExtra) });
  });
});

describe('Vault schema migration', () => {
  it('upgrades a version 1 file in place and keeps its connections', async () => {
    await open().save(record, secret);
    const { providers: _providers, settings: _settings, ...current } = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    const { grantedAt: _grantedAt, state: _state, ...v1Record } = record;
    const v1 = { ...current, schemaVersion: 1, connections: { c1: v1Record } };
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(v1));
    const vault = open();
    const migrated = { ...record, scopeMode: 'follow', knownActions: catalogActionIds('sandbox') };
    expect(vault.list()).toEqual([migrated]);
    expect(await vault.readSecret('c1')).toEqual(secret);
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))).toEqual({ ...current, schemaVersion: 5, connections: { c1: migrated }, providers: {}, settings: {} });
  });

  it('brings version 3 connections and their pending change-log lines to version 4: they follow their actions and know the catalog’s actions', async () => {
    await open().save(record, secret);
    const document = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ ...document, schemaVersion: 3 }));
    // A change the version 3 app made after its last full write.
    const later = { ...record, id: 'c2', updatedAt: '2026-11-23T10:00:00.000Z' };
    writeFileSync(join(dir, 'vault.changes.jsonl'), `${JSON.stringify({ schemaVersion: 3, connections: { c2: later } })}\n`);
    const vault = open();
    const known = catalogActionIds('sandbox');
    expect(known).toContain('read-files');
    expect(vault.get('c1')).toEqual({ ...record, scopeMode: 'follow', knownActions: known });
    expect(vault.get('c2')).toEqual({ ...later, scopeMode: 'follow', knownActions: known });
    expect((await vault.status()).recovered).toBeUndefined();
  });

  it('keeps a version 3 app off a version 4 file: it would drop a Fixed list at its next write', () => {
    expect(migrate({ schemaVersion: 4, connections: {}, secrets: {}, providers: {}, settings: {} }, MIGRATIONS, 3)).toEqual({ kind: 'newer', version: 4 });
  });

  /** A version 2 file: history inside the records document. */
  async function writeVersion2(history: HistoryEntry[]): Promise<void> {
    await open().save(record, secret);
    const current = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ ...current, schemaVersion: 2, history }));
  }

  it('moves version 2 history out of the records document into the log', async () => {
    const history = [entry('h1', 'c1', 'connected', '2026-11-01T10:00:00.000Z'), entry('h2', 'gone', 'removed', '2026-11-02T10:00:00.000Z')];
    await writeVersion2(history);
    const vault = open();
    expect(vault.history()).toEqual(history);
    expect(vault.removedConnections().map((r) => r.connectionId)).toEqual(['gone']);
    const document = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    expect(document).toMatchObject({ schemaVersion: 5 });
    expect(document).not.toHaveProperty('history');
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(await vault.readSecret('c1')).toEqual(secret);
  });

  it('does not copy history twice when a migration is interrupted before the document is rewritten', async () => {
    const history = [entry('h1', 'c1', 'connected', '2026-11-01T10:00:00.000Z'), entry('h2', 'c1', 'granted', '2026-11-02T10:00:00.000Z')];
    await writeVersion2(history);
    const version2 = readFileSync(join(dir, 'vault.json'), 'utf8');
    open();
    // As if the process died after the history landed and before the document was replaced.
    writeFileSync(join(dir, 'vault.json'), version2);
    expect(open().history().map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(open().history().map((h) => h.id)).toEqual(['h1', 'h2']);
  });
});
