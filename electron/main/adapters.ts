import { BrowserWindow, safeStorage, shell, type WebContents } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import type { BrowserOpener, RecordStore, SecretCipher } from '../core/ports';
import { confRecordStore } from '../core/vault/confRecordStore';
import { isSafeExternalUrl } from '../core/security/urls';

const WEAK_BACKEND_REFUSED =
  'No system keyring (such as GNOME Keyring or KWallet) is available, so saved tokens could only be hidden with a fixed key that any program on this computer can undo. Scopekeeper will not save tokens that way. Unlock or install a keyring and restart, or start Scopekeeper with --allow-weak-token-encryption if you accept that risk.';

/** safeStorage's async API; on Linux the `basic_text` backend is refused unless the person opts in. */
export function safeStorageCipher(allowWeakBackend: boolean): SecretCipher {
  return {
    unavailableReason: async () => {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        return 'This computer offers Scopekeeper no way to encrypt saved tokens, so it cannot save connections.';
      }
      const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
      return weak && !allowWeakBackend ? WEAK_BACKEND_REFUSED : null;
    },
    encrypt: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}

/** The vault document through electron-store: atomic writes, owner-only file. */
export function electronStoreVault(userData: string): RecordStore {
  return confRecordStore(join(userData, 'vault.json'), () =>
    new Store<Record<string, unknown>>({ cwd: userData, name: 'vault', configFileMode: 0o600, watch: false }),
  );
}

/** The person's own browser (RFC 8252 §4.1): never an embedded window. */
export const systemBrowser: BrowserOpener = {
  open: async (url) => {
    if (!isSafeExternalUrl(url)) throw new Error('Refusing to open a URL that is neither https nor loopback http.');
    await shell.openExternal(url);
  },
};

/**
 * E2E_TARGET=electron only: Playwright cannot drive the system browser, so the authorization
 * page opens in a plain sandboxed window the test picks up with `waitForEvent('window')`.
 */
const testAuthContents = new WeakSet<WebContents>();

/** The test windows navigate through the provider's pages; the app's own windows never may. */
export function isTestAuthWindow(contents: WebContents): boolean {
  return testAuthContents.has(contents);
}

export const testWindowBrowser: BrowserOpener = {
  open: async (url) => {
    if (!isSafeExternalUrl(url)) throw new Error('Refusing to open a URL that is neither https nor loopback http.');
    const window = new BrowserWindow({ width: 600, height: 700, webPreferences: { sandbox: true, contextIsolation: true } });
    testAuthContents.add(window.webContents);
    await window.loadURL(url);
  },
};
