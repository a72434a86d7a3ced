import { join } from 'node:path';
import { aesKeyFileCipher } from '../electron/headless/adapters';
import { CHANGES_FILE, readVaultFiles } from '../electron/core/vault/changeLog';
import type { TokenSecret } from '../electron/core/vault/schema';

/**
 * The vault as it is on disk: what a test may check without going through the app. `vault.json`
 * with the changes logged since it was last written whole applied; `raw` is both files' text.
 */
export function readVaultFile(dataDir: string): { raw: string; connections: Record<string, unknown>; secrets: Record<string, string> } {
  const { document, raw } = readVaultFiles(join(dataDir, 'vault.json'), join(dataDir, CHANGES_FILE));
  const parsed = document as { connections?: Record<string, unknown>; secrets?: Record<string, string> };
  return { raw, connections: parsed.connections ?? {}, secrets: parsed.secrets ?? {} };
}

/** The tokens the app sealed for a connection, opened with the headless host's key file. */
export async function readTokens(dataDir: string, connectionId?: string): Promise<TokenSecret> {
  const { secrets } = readVaultFile(dataDir);
  const id = connectionId ?? Object.keys(secrets)[0];
  const sealed = id === undefined ? undefined : secrets[id];
  if (sealed === undefined) throw new Error(`No sealed tokens for ${connectionId ?? 'any connection'} in the vault`);
  return JSON.parse(await aesKeyFileCipher(join(dataDir, 'vault.key')).decrypt(sealed)) as TokenSecret;
}
