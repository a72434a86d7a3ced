import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { NO_ENCRYPTION, WEAK_BACKEND_REFUSED } from '../core/desktop/tokenEncryption';
import type * as Fake from '../testing/fakeElectron';
import { electronNotifier, electronStoreVault, openInBrowser, safeStorageCipher, systemBrowser } from './adapters';

vi.mock('electron', () => import('../testing/fakeElectron'));
const fake = electron as unknown as typeof Fake;

beforeEach(() => fake.resetFakeElectron());
afterEach(() => vi.restoreAllMocks());

const onPlatform = (platform: NodeJS.Platform): void => {
  vi.spyOn(process, 'platform', 'get').mockReturnValue(platform);
};

describe('the safeStorage cipher', () => {
  it('seals with the async API and opens what it sealed', async () => {
    const cipher = safeStorageCipher(false);
    const sealed = await cipher.encrypt('{"access_token":"at-1"}');
    expect(sealed).not.toContain('at-1');
    expect(await cipher.decrypt(sealed)).toBe('{"access_token":"at-1"}');
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    expect(fake.safeStorage.decryptStringAsync).toHaveBeenCalledTimes(1);
  });

  it('a sealed value that does not open is an error, not a wrong secret', async () => {
    await expect(safeStorageCipher(false).decrypt(Buffer.from('tampered').toString('base64'))).rejects.toThrow(/decrypt/);
  });

  it('is usable with a keyring', async () => {
    onPlatform('linux');
    expect(await safeStorageCipher(false).unavailableReason()).toBeNull();
  });

  it('on Linux refuses basic_text with the sentence the vault shows, unless the person opted in', async () => {
    onPlatform('linux');
    fake.safeStorage.backend = 'basic_text';
    expect(await safeStorageCipher(false).unavailableReason()).toBe(WEAK_BACKEND_REFUSED);
    expect(WEAK_BACKEND_REFUSED).toContain('--allow-weak-token-encryption');
    expect(await safeStorageCipher(true).unavailableReason()).toBeNull();
  });

  it('asks for the Linux backend on Linux only', async () => {
    onPlatform('darwin');
    fake.safeStorage.backend = 'basic_text';
    expect(await safeStorageCipher(false).unavailableReason()).toBeNull();
    expect(fake.safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('says so when the computer offers no encryption at all, with or without the switch', async () => {
    fake.safeStorage.asyncAvailable = false;
    expect(await safeStorageCipher(false).unavailableReason()).toBe(NO_ENCRYPTION);
    expect(await safeStorageCipher(true).unavailableReason()).toBe(NO_ENCRYPTION);
  });
});

describe('the electron-store record store', () => {
  it('writes vault.json in the data folder, owner-only, and reads it back in a new store', () => {
    const userData = mkdtempSync(join(tmpdir(), 'scopekeeper-store-'));
    const store = electronStoreVault(userData);
    expect(store.path).toBe(join(userData, 'vault.json'));
    store.write({ schemaVersion: 1, connections: { a: { id: 'a' } } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ schemaVersion: 1, connections: { a: { id: 'a' } } });
    expect(electronStoreVault(userData).read()).toEqual({ schemaVersion: 1, connections: { a: { id: 'a' } } });
  });

  it('opens the file on first use, so a corrupt file fails read() rather than start-up', () => {
    const userData = mkdtempSync(join(tmpdir(), 'scopekeeper-store-'));
    const store = electronStoreVault(userData);
    store.write({ ok: true });
    writeFileSync(join(userData, 'vault.json'), '{not json');
    const reopened = electronStoreVault(userData);
    expect(() => reopened.read()).toThrow();
  });
});

describe('the one openExternal helper', () => {
  it('hands https, and http to this machine, to the person’s browser', async () => {
    await openInBrowser('https://accounts.example.com/authorize?x=1');
    await systemBrowser.open('http://127.0.0.1:4890/auth');
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://accounts.example.com/authorize?x=1'], ['http://127.0.0.1:4890/auth']]);
  });

  it('refuses everything else before reaching the shell', async () => {
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'scopekeeper://app/', 'smb://host/share', 'https://user:pw@example.com/', '', 'not a url']) {
      await expect(openInBrowser(url), url).rejects.toThrow('Refusing to open a URL that is neither https nor loopback http.');
    }
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('system notifications', () => {
  const ended = { kind: 'grant-ended', title: 'Sandbox access ended', body: 'Sandbox no longer accepts <b>alex</b>’s access.', opens: { connectionId: 'c1' } } as const;

  it('shows each as a system notification and hands its click over with what it was about', () => {
    onPlatform('darwin');
    const clicked = vi.fn();
    electronNotifier(clicked).show(ended);
    const [shown] = fake.Notification.instances;
    expect(shown?.options).toEqual({ title: 'Sandbox access ended', body: 'Sandbox no longer accepts <b>alex</b>’s access.' });
    expect(shown?.show).toHaveBeenCalledTimes(1);
    expect(clicked).not.toHaveBeenCalled();
    shown!.emit('click');
    expect(clicked).toHaveBeenCalledWith(ended);
  });

  it('on Linux the body is read, not rendered as markup', () => {
    onPlatform('linux');
    electronNotifier(() => undefined).show(ended);
    expect(fake.Notification.instances[0]?.options.body).toBe('Sandbox no longer accepts &lt;b&gt;alex&lt;/b&gt;’s access.');
  });

  it('shows nothing where the system has no notifications', () => {
    fake.Notification.supported = false;
    electronNotifier(() => undefined).show(ended);
    expect(fake.Notification.instances).toEqual([]);
  });
});
