import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The vault file as it is on disk: what a test may check without going through the app. */
export function readVaultFile(dataDir: string): { raw: string; connections: Record<string, unknown>; secrets: Record<string, string> } {
  const path = join(dataDir, 'vault.json');
  if (!existsSync(path)) return { raw: '', connections: {}, secrets: {} };
  const raw = readFileSync(path, 'utf8');
  const parsed = JSON.parse(raw) as { connections?: Record<string, unknown>; secrets?: Record<string, string> };
  return { raw, connections: parsed.connections ?? {}, secrets: parsed.secrets ?? {} };
}
