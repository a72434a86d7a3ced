import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSecretStore, KEYCHAIN_SERVICE, systemKeychain, type Keychain } from './secretStore';
import { SecretFile } from './toolSession';

const SECRET = 'b'.repeat(43);

/** An OS keychain in memory; `broken` fails as @napi-rs/keyring does on Linux without a Secret Service. */
function keychain(broken: 'never' | 'always' | 'on-write' = 'never'): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const fail = () => Promise.reject(new Error('Platform failure: DBus error: no Secret Service'));
  return {
    entries,
    get: (service, account) => (broken === 'always' ? fail() : Promise.resolve(entries.get(`${service}/${account}`))),
    set: (service, account, secret) => (broken === 'never' ? Promise.resolve(void entries.set(`${service}/${account}`, secret)) : fail()),
  };
}

const folder = () => join(mkdtempSync(join(tmpdir(), 'sk-store-')), 'tools');

describe('where a tool keeps its secret', () => {
  it('in the OS keychain when there is one, and not in the file', async () => {
    const dir = folder();
    const os = keychain();
    const store = chooseSecretStore(new SecretFile(dir), os);
    expect(await store.get('my-agent')).toBeUndefined();
    expect(store.kind).toBe('keychain');
    await store.set('my-agent', SECRET);
    expect(await store.get('my-agent')).toBe(SECRET);
    expect(store.kind).toBe('keychain');
    expect([...os.entries.keys()]).toEqual(['Scopekeeper/my-agent']);
    expect(new SecretFile(dir).get('my-agent')).toBeUndefined();
  });

  it('in the 0600 file when the keychain cannot be reached (Linux without a Secret Service), or there is none', async () => {
    for (const os of [keychain('always'), undefined]) {
      const dir = folder();
      const store = chooseSecretStore(new SecretFile(dir), os);
      expect(await store.get('my-agent')).toBeUndefined();
      expect(store.kind).toBe('file');
      await store.set('my-agent', SECRET);
      expect(await store.get('my-agent')).toBe(SECRET);
      if (process.platform !== 'win32') expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('in the file when the keychain refuses the write, and found there next time', async () => {
    const dir = folder();
    const os = keychain('on-write');
    const store = chooseSecretStore(new SecretFile(dir), os);
    expect(await store.get('my-agent')).toBeUndefined();
    expect(store.kind).toBe('keychain');
    await store.set('my-agent', SECRET);
    expect(store.kind).toBe('file');
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'my-agent': SECRET });
    const next = chooseSecretStore(new SecretFile(dir), os);
    expect(await next.get('my-agent')).toBe(SECRET);
    expect(next.kind).toBe('file');
  });

  it('a secret kept in the file before the keychain came is still found, and said to be in the file', async () => {
    const dir = folder();
    new SecretFile(dir).set('my-agent', SECRET);
    const store = chooseSecretStore(new SecretFile(dir), keychain());
    expect(await store.get('my-agent')).toBe(SECRET);
    expect(store.kind).toBe('file');
  });
});

/** A D-Bus "session bus" that accepts connections and never answers: a Secret Service lookup waits on it forever. */
async function silentBus(): Promise<{ address: string; close(): Promise<void> }> {
  const path = join(mkdtempSync(join(tmpdir(), 'sk-bus-')), 'bus');
  const held = new Set<Socket>();
  const server = createServer((socket) => void held.add(socket));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    address: `unix:path=${path}`,
    close: () => new Promise<void>((resolve) => {
      for (const socket of held) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

describe('the system keychain inside the app’s own binary (scopekeeper --scopekeeper-command)', () => {
  it('is not used: process.execPath is the app there, and a keychain child would start the app, not Node', () => {
    const env = { ...process.env, SCOPEKEEPER_SECRET_STORE: undefined };
    expect(systemKeychain(env)).toBeDefined();
    const electronMain = process as { type?: string };
    electronMain.type = 'browser';
    try {
      expect(systemKeychain(env)).toBeUndefined();
    } finally {
      delete electronMain.type;
    }
  });
});

describe.runIf(process.platform === 'linux')('the system keychain (@napi-rs/keyring) on Linux without a Secret Service', () => {
  it('is installed, says no Secret Service answers, and the secret goes to the 0600 file', async () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, XDG_RUNTIME_DIR: _runtime, ...noBus } = process.env;
    const os = systemKeychain(noBus);
    expect(os).toBeDefined();
    await expect(os!.get(KEYCHAIN_SERVICE, 'my-agent')).rejects.toThrow(/cannot be used: .*DBus/);
    // Refused, not kept in the kernel keyring (the package's own fallback, gone with the session).
    const account = `sk-test-${process.pid}`;
    await expect(os!.set(KEYCHAIN_SERVICE, account, SECRET)).rejects.toThrow(/cannot be used/);
    expect(readFileSync('/proc/keys', 'utf8')).not.toContain(`${account}@${KEYCHAIN_SERVICE}`);
    const dir = folder();
    const store = chooseSecretStore(new SecretFile(dir), os);
    expect(await store.get('my-agent')).toBeUndefined();
    await store.set('my-agent', SECRET);
    expect(store.kind).toBe('file');
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'my-agent': SECRET });
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('never waits on a bus that does not answer: it gives up within its bound and the file is used', async () => {
    const bus = await silentBus();
    try {
      const os = systemKeychain({ ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address }, { timeoutMs: 1_000 });
      const started = Date.now();
      await expect(os!.get(KEYCHAIN_SERVICE, 'my-agent')).rejects.toThrow(/did not answer within 1 s/);
      expect(Date.now() - started).toBeLessThan(5_000);
      const dir = folder();
      const store = chooseSecretStore(new SecretFile(dir), os);
      new SecretFile(dir).set('my-agent', SECRET);
      expect(await store.get('my-agent')).toBe(SECRET);
      expect(store.kind).toBe('file');
    } finally {
      await bus.close();
    }
  });

  it('is not asked at all when the person keeps tool secrets in the file (SCOPEKEEPER_SECRET_STORE=file)', () => {
    expect(systemKeychain({ ...process.env, SCOPEKEEPER_SECRET_STORE: 'file' })).toBeUndefined();
  });
});
