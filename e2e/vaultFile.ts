import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aesKeyFileCipher } from '../electron/headless/adapters';
import type { TokenSecret } from '../electron/core/vault/schema';

/** The vault file as it is on disk: what a test may check without going through the app. */
export function readVaultFile(dataDir: string): { raw: string; connections: Record<string, unknown>; secrets: Record<string, string> } {
  const path = join(dataDir, 'vault.json');
  if (!existsSync(path)) return { raw: '', connections: {}, secrets: {} };
  const raw = readFileSync(path, 'utf8');
  const parsed = JSON.parse(raw) as { connections?: Record<string, unknown>; secrets?: Record<string, string> };
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
