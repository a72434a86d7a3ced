import { Notification, safeStorage, shell } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { encryptionRefusal } from '../core/desktop/tokenEncryption';
import { notificationText } from '../core/desktop/notificationText';
import type { AppNotification, BrowserOpener, Notifier, RecordStore, SecretCipher } from '../core/ports';
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

/** Notifications kept until clicked or closed: one collected by the garbage collector no longer reports its click. */
const KEPT_NOTIFICATIONS = 20;

/**
 * The system's notifications (Electron's Notification): shown as notificationText says, and a click
 * handed to `onClick` with what it was about (the host brings the window forward at it). Where the
 * system has none, nothing is shown.
 */
export function electronNotifier(onClick: (notification: AppNotification) => void): Notifier {
  const kept = new Set<Notification>();
  return {
    show(notification) {
      if (!Notification.isSupported()) return;
      const system = new Notification(notificationText(notification, process.platform));
      const forget = (): boolean => kept.delete(system);
      system.on('click', () => {
        forget();
        onClick(notification);
      });
      system.on('close', forget);
      kept.add(system);
      // The oldest goes first: a system that never says "closed" does not grow this without end.
      if (kept.size > KEPT_NOTIFICATIONS) kept.delete(kept.values().next().value!);
      system.show();
    },
  };
}
