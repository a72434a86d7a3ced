// Storage figures for `npm run bench`: vault open, one write and the connection list at 100 /
// 1,000 / 5,000 connections, each next to a floor measured in the same run on the same files:
//   open  vs JSON.parse of the same vault file (read + parse),
//   write vs a plain append of one history line + fsync,
//   list  vs the least a list can do: one pass over the records with each one's history from a Map.
// Targets (issue 7): write ≤ 3× its floor at every size, open ≤ 1.5× its floor, list linear.
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/createCore';
import { aesKeyFileCipher, confVault } from '../../electron/headless/adapters';
import { Vault } from '../../electron/core/vault/vault';
import { VAULT_SCHEMA_VERSION, type ConnectionRecord, type HistoryEntry, type TokenSecret } from '../../electron/core/vault/schema';
import type { SecretCipher } from '../../electron/core/ports';

const SIZES = (process.env.BENCH_STORAGE_SIZES ?? '100,1000,5000').split(',').map(Number);
const HISTORY_PER_CONNECTION = 4;
const WRITES = Number(process.env.BENCH_STORAGE_WRITES ?? 30);
const OPENS = 9;
const LISTS = 7;

const clock = { now: () => new Date() };
const SCOPES = [
  'openid',
  'email',
  'profile',
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/drive.file',
];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function record(i: number, at: string): ConnectionRecord {
  return {
    id: `conn-${String(i).padStart(6, '0')}`,
    providerId: 'google',
    issuer: 'https://accounts.google.com',
    subject: String(100_000_000 + i),
    account: `person${i}@example.com`,
    requestedScopes: SCOPES,
    grantedScopes: SCOPES,
    connectedAt: at,
    updatedAt: at,
    grantedAt: Object.fromEntries(SCOPES.map((s) => [s, at])),
    state: 'connected',
  };
}

function secret(i: number): TokenSecret {
  return { accessToken: `ya29.${'a'.repeat(160)}${i}`, refreshToken: `1//${'r'.repeat(100)}${i}`, tokenType: 'Bearer', expiresAt: 1_900_000_000 };
}

function entry(r: ConnectionRecord, n: number, at: string): HistoryEntry {
  return {
    id: `${r.id}-h${n}`,
    connectionId: r.id,
    providerId: r.providerId,
    providerName: 'Google',
    account: r.account,
    at,
    kind: n === 0 ? 'connected' : 'granted',
    scopes: SCOPES,
    message: n === 0 ? `Connected with ${SCOPES.length} permissions.` : 'Signed in again with 6 permissions.',
  };
}

/** A data folder as the app leaves it after `n` connections, written directly (not n saves). */
async function seed(n: number, cipher: SecretCipher): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `scopekeeper-bench-storage-${n}-`));
  const at = new Date('2026-01-01T00:00:00.000Z').toISOString();
  const records = Array.from({ length: n }, (_, i) => record(i, at));
  const secrets = await Promise.all(records.map((r, i) => cipher.encrypt(JSON.stringify(secret(i)))));
  confVault(dir).write({
    schemaVersion: VAULT_SCHEMA_VERSION,
    connections: Object.fromEntries(records.map((r) => [r.id, r])),
    secrets: Object.fromEntries(records.map((r, i) => [r.id, secrets[i]!])),
    providers: {},
    settings: {},
  });
  const lines = records.flatMap((r) => Array.from({ length: HISTORY_PER_CONNECTION }, (_, k) => JSON.stringify(entry(r, k, at))));
  writeFileSync(join(dir, 'history.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
  return dir;
}

interface Row {
  n: number;
  fileMb: number;
  open: number;
  openFloor: number;
  write: number;
  writeMax: number;
  writeFloor: number;
  firstList: number;
  list: number;
  listFloor: number;
}

async function measure(n: number): Promise<Row> {
  const keyDir = mkdtempSync(join(tmpdir(), 'scopekeeper-bench-key-'));
  const cipher = aesKeyFileCipher(join(keyDir, 'vault.key'));
  const dir = await seed(n, cipher);
  const vaultPath = join(dir, 'vault.json');
  const fileMb = readFileSync(vaultPath).length / 1e6;

  // Open, next to reading and parsing the same file.
  // Untimed rounds of each first, until about 5,000 records have been checked (steady state: the
  // JIT compiles the vault's checks and zod its schemas; JSON.parse is native and always warm; at
  // 100 connections three rounds left the checks half-compiled), then the two alternate so a
  // noisy moment falls on both sides alike. The app opens the vault once, cold: a few ms more.
  const parseFile = (): unknown => JSON.parse(readFileSync(vaultPath, 'utf8'));
  const openVault = (): unknown => Vault.open(confVault(dir), cipher, clock);
  for (let i = 0; i < Math.max(3, Math.ceil(5000 / n)); i += 1) {
    parseFile();
    openVault();
  }
  const openFloorSamples: number[] = [];
  const openSamples: number[] = [];
  for (let i = 0; i < OPENS; i += 1) {
    openFloorSamples.push(time(parseFile));
    openSamples.push(time(openVault));
  }
  const openFloor = median(openFloorSamples);
  const open = median(openSamples);

  // One write (a connection's tokens rotated, with its history line), next to a plain append + fsync.
  const vault = Vault.open(confVault(dir), cipher, clock);
  const target = vault.list()[Math.floor(n / 2)]!;
  const line = `${JSON.stringify(entry(target, 99, clock.now().toISOString()))}\n`;
  const floorPath = join(dir, 'floor.jsonl');
  const fd = openSync(floorPath, 'a', 0o600);
  const writeFloorSamples: number[] = [];
  const writeSamples: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    writeFloorSamples.push(
      time(() => {
        writeSync(fd, line);
        fsyncSync(fd);
      }),
    );
    const at = clock.now().toISOString();
    writeSamples.push(await timeAsync(() => vault.save({ ...target, updatedAt: at }, secret(i), [entry(target, 100 + i, at)])));
  }
  closeSync(fd);

  // The list the window starts with (summaries; explanations once per provider, no history), first call and later ones,
  // next to one pass over the same records with each one's history from a prebuilt Map.
  const core = createCore(
    {
      cipher,
      records: confVault(dir),
      browser: { open: async () => undefined },
      clock,
      fetch: globalThis.fetch,
      config: {},
    },
    () => undefined,
  );
  const list = core.handlers['grants:list'];
  const firstList = await timeAsync(async () => list(undefined));
  const listSamples: number[] = [];
  for (let i = 0; i < LISTS; i++) listSamples.push(await timeAsync(async () => list(undefined)));
  core.dispose();
  const reopened = Vault.open(confVault(dir), cipher, clock);
  const records = reopened.list();
  const byConnection = new Map<string, HistoryEntry[]>();
  for (const h of reopened.history()) byConnection.set(h.connectionId, [...(byConnection.get(h.connectionId) ?? []), h]);
  const listFloor = median(
    Array.from({ length: LISTS }, () =>
      time(() => records.map((r) => ({ ...r, history: (byConnection.get(r.id) ?? []).map(({ at, kind, scopes, message }) => ({ at, kind, scopes, message })) }))),
    ),
  );

  rmSync(dir, { recursive: true, force: true });
  rmSync(keyDir, { recursive: true, force: true });
  return {
    n,
    fileMb,
    open,
    openFloor,
    write: median(writeSamples),
    writeMax: Math.max(...writeSamples),
    writeFloor: median(writeFloorSamples),
    firstList,
    list: median(listSamples),
    listFloor,
  };
}

const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 1).padStart(8);
const ratio = (value: number, floor: number): string => `${(value / floor).toFixed(2)}×`.padStart(7);

export async function benchStorage(): Promise<void> {
  const rows: Row[] = [];
  for (const n of SIZES) rows.push(await measure(n));
  console.log('\nStorage (medians in ms; ratio = measured / floor from the same run)');
  console.log(
    [
      'connections'.padStart(11),
      'file MB'.padStart(8),
      'open'.padStart(8),
      'parse'.padStart(8),
      'ratio'.padStart(7),
      'write'.padStart(8),
      'w max'.padStart(8),
      'append'.padStart(8),
      'ratio'.padStart(7),
      '1st list'.padStart(8),
      'list'.padStart(8),
      'floor'.padStart(8),
      'µs/conn'.padStart(8),
    ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        String(r.n).padStart(11),
        r.fileMb.toFixed(2).padStart(8),
        ms(r.open),
        ms(r.openFloor),
        ratio(r.open, r.openFloor),
        ms(r.write),
        ms(r.writeMax),
        ms(r.writeFloor),
        ratio(r.write, r.writeFloor),
        ms(r.firstList),
        ms(r.list),
        ms(r.listFloor),
        ((r.list * 1000) / r.n).toFixed(1).padStart(8),
      ].join(' '),
    );
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  console.log(
    `list growth ${first.n} → ${last.n} connections (×${last.n / first.n}): list ×${(last.list / first.list).toFixed(1)}, floor ×${(last.listFloor / first.listFloor).toFixed(1)}`,
  );
  console.log('targets: write ≤ 3× append, open ≤ 1.5× parse, list growing like its floor');
}
