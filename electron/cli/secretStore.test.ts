import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSecretStore, type Keychain } from './secretStore';
import { SecretFile } from './toolSession';

const SECRET = 'b'.repeat(43);

/** An OS keychain in memory; `broken` throws as @napi-rs/keyring does on Linux without a Secret Service. */
function keychain(broken: 'never' | 'always' | 'on-write' = 'never'): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const fail = () => {
    throw new Error('Platform secure storage failure: no Secret Service');
  };
  return {
    entries,
    get: (service, account) => (broken === 'always' ? fail() : entries.get(`${service}/${account}`)),
    set: (service, account, secret) => (broken === 'never' ? void entries.set(`${service}/${account}`, secret) : fail()),
  };
}

const folder = () => join(mkdtempSync(join(tmpdir(), 'sk-store-')), 'tools');

describe('where a tool keeps its secret', () => {
  it('in the OS keychain when there is one, and not in the file', () => {
    const dir = folder();
    const os = keychain();
    const store = chooseSecretStore(new SecretFile(dir), os);
    expect(store.kind).toBe('keychain');
    store.set('my-agent', SECRET);
    expect(store.get('my-agent')).toBe(SECRET);
    expect([...os.entries.keys()]).toEqual(['scopekeeper-tools/my-agent']);
    expect(new SecretFile(dir).get('my-agent')).toBeUndefined();
  });

  it('in the 0600 file when the keychain cannot be reached (Linux without a Secret Service), or there is none', () => {
    for (const os of [keychain('always'), undefined]) {
      const dir = folder();
      const store = chooseSecretStore(new SecretFile(dir), os);
      expect(store.kind).toBe('file');
      store.set('my-agent', SECRET);
      expect(store.get('my-agent')).toBe(SECRET);
      if (process.platform !== 'win32') expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('in the file when the keychain refuses the write, and found there next time', () => {
    const dir = folder();
    const os = keychain('on-write');
    const store = chooseSecretStore(new SecretFile(dir), os);
    store.set('my-agent', SECRET);
    expect(store.kind).toBe('file');
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'my-agent': SECRET });
    expect(chooseSecretStore(new SecretFile(dir), os).get('my-agent')).toBe(SECRET);
  });

  it('a secret kept in the file before the keychain came is still found', () => {
    const dir = folder();
    new SecretFile(dir).set('my-agent', SECRET);
    expect(chooseSecretStore(new SecretFile(dir), keychain()).get('my-agent')).toBe(SECRET);
  });
});
