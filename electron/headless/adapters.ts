import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Conf from 'conf';
import { confRecordStore } from '../core/vault/confRecordStore';
import type { RecordStore, SecretCipher } from '../core/ports';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'aes256gcm-v1';

/**
 * The key, read from the key file. A missing file is made (owner-only) only to seal: opening a
 * sealed secret without its key can only fail, and a new key would hide why. An empty or
 * wrong-sized file is reported as such and never replaced. What the window reads names the file,
 * never its folder's path.
 */
function readKey(keyPath: string, forSealing: boolean): Buffer {
  const name = basename(keyPath);
  let key: Buffer;
  try {
    key = readFileSync(keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The key file ${name} in Scopekeeper’s data folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: error });
    }
    if (!forSealing) throw new Error(`The key file ${name} is missing from Scopekeeper’s data folder, so saved tokens cannot be opened.`, { cause: error });
    key = randomBytes(KEY_BYTES);
    writeFileSync(keyPath, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
  if (key.length === 0) throw new Error(`The key file ${name} in Scopekeeper’s data folder is empty, so saved tokens cannot be opened or sealed.`);
  if (key.length !== KEY_BYTES) {
    throw new Error(`The key file ${name} in Scopekeeper’s data folder is damaged (${key.length} bytes instead of ${KEY_BYTES}), so saved tokens cannot be opened or sealed.`);
  }
  return key;
}

/**
 * The headless stand-in for safeStorage: AES-256-GCM with a random key kept in a file beside the
 * vault. Used by tests and the browser preview only; the app uses the OS keyring. A key file that
 * is there but unusable locks the vault with that reason (`unavailableReason`).
 */
export function aesKeyFileCipher(keyPath: string): SecretCipher {
  let key: Buffer | undefined;
  const getKey = (forSealing: boolean): Buffer => (key ??= readKey(keyPath, forSealing));
  return {
    unavailableReason: async () => {
      if (key !== undefined || !existsSync(keyPath)) return null;
      try {
        getKey(false);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
    encrypt: async (plain) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(true), iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
    },
    decrypt: async (sealed) => {
      const [format, iv, tag, body] = sealed.split('.');
      if (format !== FORMAT || !iv || !tag || body === undefined) throw new Error('not a sealed secret of this format');
      const decipher = createDecipheriv('aes-256-gcm', getKey(false), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** The vault document through conf, the library electron-store wraps: same atomic writes, mode 0600. */
export function confVault(directory: string): RecordStore {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  return confRecordStore(join(directory, 'vault.json'), () =>
    new Conf<Record<string, unknown>>({ cwd: directory, configName: 'vault', configFileMode: 0o600, watch: false }),
  );
}

/**
 * The vault's two files in a data folder, as the headless host keeps them: the records through
 * conf (`vault.json`) and the AES key beside them (`vault.key`). One place for what the host,
 * tests and benches open.
 */
export function dataFolderStores(directory: string): { cipher: SecretCipher; records: RecordStore } {
  return { cipher: aesKeyFileCipher(join(directory, 'vault.key')), records: confVault(directory) };
}
