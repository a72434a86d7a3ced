// `npm run bench`: figures for the flows and the scope explanations, printed, not asserted.
// Runs against a real local authorization server (the sandbox) with a scripted consent page;
// the browser itself is not part of the figures.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getProvider } from '../shared/catalog';
import { explainScopes } from '../electron/core/grants/explain';
import { createCore } from '../electron/core/createCore';
import { aesKeyFileCipher, confVault } from '../electron/headless/adapters';
import { consentingBrowser } from '../e2e/sandbox/codeFlow';
import { startSandbox } from '../e2e/sandbox/server';
import { benchStorage } from './bench/storage';
import { benchBroker } from './bench/broker';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function summary(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(`${label.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms   p90 ${at(0.9).toFixed(1).padStart(7)} ms   (n=${samples.length})`);
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

// Each part prints its own table next to floors it measures in the same run.
await benchStorage();
console.log('\nOAuth flows and explanations');

const sandbox = await startSandbox(0);
const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-bench-'));
const core = createCore(
  {
    cipher: aesKeyFileCipher(join(dataDir, 'vault.key')),
    records: confVault(dataDir),
    browser: consentingBrowser(),
    clock: { now: () => new Date() },
    fetch: globalThis.fetch,
    config: { sandboxIssuer: sandbox.issuer },
  },
  () => undefined,
);
const h = core.handlers;

const connect: number[] = [];
const revokeAndReconsent: number[] = [];
const list: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let id = '';
  connect.push(await time(async () => (id = (await h['grants:connect']({ providerId: 'sandbox' })).id)));
  revokeAndReconsent.push(
    await time(async () => {
      const plan = await h['grants:plan-change']({ connectionId: id, add: [], remove: ['webhooks:write'] });
      await h['grants:apply-plan']({ planId: plan.planId });
    }),
  );
  list.push(await time(async () => h['grants:list'](undefined)));
}
summary('connect (discovery, PKCE, consent, exchange, save)', connect);
summary('take back one scope (revoke + re-consent)', revokeAndReconsent);
summary('list connections (explained view model)', list);

const google = getProvider('google')!;
const many = Array.from({ length: 5_000 }, (_, i) => (i % 3 === 0 ? google.scopes[i % google.scopes.length]!.scope : `https://www.googleapis.com/auth/unknown${i}.readonly`));
summary('explain 5,000 scopes (catalog + inferred)', await Promise.all(Array.from({ length: 10 }, () => time(async () => explainScopes(google, many, many.slice(0, 200))))));

console.log(`vault file: ${join(dataDir, 'vault.json')}`);
await core.dispose();
await sandbox.close();

await benchBroker();
