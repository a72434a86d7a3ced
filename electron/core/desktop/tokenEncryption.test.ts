import { describe, expect, it } from 'vitest';
import { encryptionRefusal, NO_ENCRYPTION, WEAK_BACKEND_REFUSED } from './tokenEncryption';

describe('encryptionRefusal', () => {
  it('refuses Linux basic_text unless the person opted in', () => {
    expect(encryptionRefusal({ asyncAvailable: true, platform: 'linux', linuxBackend: 'basic_text', allowWeak: false })).toBe(WEAK_BACKEND_REFUSED);
    expect(encryptionRefusal({ asyncAvailable: true, platform: 'linux', linuxBackend: 'basic_text', allowWeak: true })).toBeNull();
  });

  it('accepts a keyring, and other platforms', () => {
    for (const linuxBackend of ['gnome_libsecret', 'kwallet5', 'kwallet6']) {
      expect(encryptionRefusal({ asyncAvailable: true, platform: 'linux', linuxBackend, allowWeak: false })).toBeNull();
    }
    expect(encryptionRefusal({ asyncAvailable: true, platform: 'darwin', allowWeak: false })).toBeNull();
    expect(encryptionRefusal({ asyncAvailable: true, platform: 'win32', allowWeak: false })).toBeNull();
  });

  it('no encryption at all cannot be opted into', () => {
    expect(encryptionRefusal({ asyncAvailable: false, platform: 'linux', linuxBackend: 'basic_text', allowWeak: true })).toBe(NO_ENCRYPTION);
  });
});
