/**
 * Where a tool keeps the secret Scopekeeper issued it: the OS keychain where there is one (macOS
 * Keychain, Windows Credential Manager, the Secret Service on Linux), else the 0600 `secrets.json`
 * (toolSession.ts). Either way a process of the same user can read it: the keychain keeps it out
 * of files that backups, sync folders and careless `cat`s pick up; it is not a wall between
 * programs of one user (see the broker's peer check, electron/core/broker/peer.ts).
 */

/** What an OS keychain binding gives (the shape of @napi-rs/keyring's `Entry`, one call each). */
export interface Keychain {
  get(service: string, account: string): string | undefined;
  set(service: string, account: string, secret: string): void;
}

export interface ToolSecretStore {
  /** Where the secrets are now; 'file' after a keychain write failed. */
  readonly kind: 'keychain' | 'file';
  get(tool: string): string | undefined;
  set(tool: string, secret: string): void;
}

const SERVICE = 'scopekeeper-tools';

/**
 * The keychain when it answers (a read of nothing is an answer; a thrown error, as without a
 * Secret Service, is not), else the file. A keychain that refuses a write falls back to the file
 * for good; a secret kept in the file earlier is still found.
 */
export function chooseSecretStore(file: Pick<ToolSecretStore, 'get' | 'set'>, keychain: Keychain | undefined): ToolSecretStore {
  if (!keychain || !answers(keychain)) return { kind: 'file', get: (tool) => file.get(tool), set: (tool, secret) => file.set(tool, secret) };
  let kind: 'keychain' | 'file' = 'keychain';
  return {
    get kind() {
      return kind;
    },
    get: (tool) => (kind === 'keychain' ? readOrUndefined(keychain, tool) : undefined) ?? file.get(tool),
    set: (tool, secret) => {
      if (kind === 'keychain') {
        try {
          keychain.set(SERVICE, tool, secret);
          return;
        } catch {
          kind = 'file';
        }
      }
      file.set(tool, secret);
    },
  };
}

function answers(keychain: Keychain): boolean {
  try {
    keychain.get(SERVICE, '(probe)');
    return true;
  } catch {
    return false;
  }
}

function readOrUndefined(keychain: Keychain, tool: string): string | undefined {
  try {
    return keychain.get(SERVICE, tool);
  } catch {
    return undefined;
  }
}

/**
 * The OS keychain binding, when one is installed. None is yet: adding `@napi-rs/keyring` (prebuilt
 * per platform, no download step) and returning `{ get: (s, a) => new Entry(s, a).getPassword() ??
 * undefined, set: (s, a, p) => new Entry(s, a).setPassword(p) }` here is the whole change.
 */
export function systemKeychain(): Keychain | undefined {
  return undefined;
}
