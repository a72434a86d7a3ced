import { safeStorage, shell } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { encryptionRefusal } from '../core/desktop/tokenEncryption';
import type { BrowserOpener, RecordStore, SecretCipher } from '../core/ports';
import { isSafeExternalUrl } from '../core/security/urls';
import { confRecordStore } from '../core/vault/confRecordStore';

/** safeStorage's async API; on Linux the `basic_text` backend is refused unless the person opts in. */
export function safeStorageCipher(allowWeak: boolean): SecretCipher {
  return {
    unavailableReason: async () =>
      encryptionRefusal({
        asyncAvailable: await safeStorage.isAsyncEncryptionAvailable(),
        platform: process.platform,
        ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
        allowWeak,
      }),
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

/**
 * The only call of shell.openExternal (security checklist #15): https anywhere, plain http only to
 * this machine (the local Sandbox's sign-in page, RFC 8252 §7.3); everything else is refused.
 */
export async function openInBrowser(url: string): Promise<void> {
  if (!isSafeExternalUrl(url)) throw new Error('Refusing to open a URL that is neither https nor loopback http.');
  await shell.openExternal(url);
}

/** The person's own browser (RFC 8252 §4.1): never an embedded window. */
export const systemBrowser: BrowserOpener = { open: openInBrowser };
