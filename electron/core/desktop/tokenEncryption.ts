/** What the vault shows when the computer offers no encryption at all. */
export const NO_ENCRYPTION =
  'This computer offers Scopekeeper no way to encrypt saved tokens, so it cannot save connections.';

/** What the vault shows on Linux when safeStorage could only use its fixed, well-known key. */
export const WEAK_BACKEND_REFUSED =
  'No system keyring (such as GNOME Keyring or KWallet) is available, so saved tokens could only be hidden with a fixed key that any program on this computer can undo. Scopekeeper will not save tokens that way. Unlock or install a keyring and restart, or start Scopekeeper with --allow-weak-token-encryption if you accept that risk.';

/** The command-line switch by which a person accepts `basic_text`. */
export const ALLOW_WEAK_SWITCH = 'allow-weak-token-encryption';

export interface EncryptionState {
  /** `safeStorage.isAsyncEncryptionAvailable()`. */
  asyncAvailable: boolean;
  platform: NodeJS.Platform;
  /** `safeStorage.getSelectedStorageBackend()`; asked on Linux only. */
  linuxBackend?: string;
  /** The person started Scopekeeper with --allow-weak-token-encryption. */
  allowWeak: boolean;
}

/** Null when tokens may be saved; otherwise the sentence the locked vault shows. */
export function encryptionRefusal(state: EncryptionState): string | null {
  if (!state.asyncAvailable) return NO_ENCRYPTION;
  const weak = state.platform === 'linux' && state.linuxBackend === 'basic_text';
  return weak && !state.allowWeak ? WEAK_BACKEND_REFUSED : null;
}
