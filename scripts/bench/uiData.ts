// The data folders `bench:ui` opens the real host on: a vault as the app leaves it, written
// directly (records, sealed tokens, history lines), so the host builds the list itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getProvider, sandboxProvider } from '../../shared/catalog';
import type { ProviderInfo } from '../../shared/catalog';
import type { ConnectionRecord } from '../../electron/core/vault/schema';
import { connectedRecord, seedDataFolder } from '../../electron/testing/seedVault';

/** The Sandbox's issuer as the host is told it (nothing listens there: listing never asks it). */
export const SANDBOX_ISSUER = 'http://127.0.0.1:4890';
const PROVIDERS = ['google', 'microsoft', 'slack', 'github', 'atlassian', 'sandbox'] as const;

function provider(id: string): ProviderInfo {
  const info = id === 'sandbox' ? sandboxProvider(SANDBOX_ISSUER) : getProvider(id);
  if (info === undefined) throw new Error(`No catalog entry for ${id}`);
  return info;
}

function record(index: number, info: ProviderInfo, scopes: readonly string[]): ConnectionRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
  return connectedRecord(`bench-${String(index).padStart(4, '0')}`, info.id, scopes, at, {
    issuer: info.id === 'sandbox' ? SANDBOX_ISSUER : `https://${info.id}.example`,
    account: `person${index}@example.test`,
  });
}

async function writeFolder(name: string, records: readonly ConnectionRecord[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `scopekeeper-bench-ui-${name}-`));
  await seedDataFolder(dir, records, (providerId) => provider(providerId).name);
  return dir;
}

/** `count` connections over the six built-in providers, each with up to 14 of its catalog scopes. */
export function manyConnectionsFolder(count: number): Promise<string> {
  const records = Array.from({ length: count }, (_, i) => {
    const info = provider(PROVIDERS[i % PROVIDERS.length]!);
    return record(i, info, info.scopes.slice(0, 14).map((s) => s.scope));
  });
  return writeFolder('many', records);
}

/** One Google connection with `count` scopes: the catalog's, then ones it does not know (explained from their shape). */
export function oneHugeConnectionFolder(count: number): Promise<string> {
  const info = provider('google');
  const known = info.scopes.map((s) => s.scope);
  const unknown = Array.from({ length: Math.max(0, count - known.length) }, (_, i) => `https://www.googleapis.com/auth/bench.resource${i}.readonly`);
  return writeFolder('huge', [record(0, info, [...known, ...unknown].slice(0, count))]);
}
