// The broker's overhead: the same sandbox API call made directly with the connection's access
// token, and through the broker's socket and proxy, interleaved in one run. Target: the broker
// call takes at most 1.5× the direct one (median).
import { performance } from 'node:perf_hooks';
import { startBrokerHarness } from '../../e2e/brokerHarness';
import { startSandbox } from '../../e2e/sandbox/server';
import { readTokens } from '../../e2e/vaultFile';
import type { CallResult } from '../../electron/core/broker/protocol';

function stats(samples: number[]): { median: number; p90: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9) };
}

const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);

export async function benchBroker(runs = Number(process.env.BENCH_RUNS ?? 200)): Promise<void> {
  const sandbox = await startSandbox(0);
  const h = await startBrokerHarness(sandbox, { countTraffic: false });
  try {
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('bench-agent');
    await h.approve(agent, { connectionId, actions: ['read-files'] });
    const { accessToken } = await readTokens(h.dataDir, connectionId);
    const direct = async (): Promise<void> => {
      const response = await fetch(`${sandbox.apiBase}/files`, { headers: { Authorization: `Bearer ${accessToken}` } });
      if (response.status !== 200) throw new Error(`direct call: HTTP ${response.status}`);
      await response.text();
    };
    const brokered = async (): Promise<void> => {
      const result = await agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
      if (result.status !== 200) throw new Error(`broker call: HTTP ${result.status}`);
    };
    // Both paths warmed alike until the JIT has compiled them: a long-running app is in that state
    // from its second minute on, and the first calls' compile time is not the broker's overhead.
    for (let i = 0; i < WARMUP; i++) {
      await direct();
      await brokered();
    }
    const times = { direct: [] as number[], broker: [] as number[] };
    for (let i = 0; i < runs; i++) {
      // Alternating which goes first keeps warm caches from favouring one side.
      for (const [name, work] of i % 2 === 0 ? ([['direct', direct], ['broker', brokered]] as const) : ([['broker', brokered], ['direct', direct]] as const)) {
        const start = performance.now();
        await work();
        times[name].push(performance.now() - start);
      }
    }
    const d = stats(times.direct);
    const b = stats(times.broker);
    const line = (label: string, s: { median: number; p90: number }) =>
      console.log(`${label.padEnd(44)} median ${s.median.toFixed(2).padStart(7)} ms   p90 ${s.p90.toFixed(2).padStart(7)} ms   (n=${runs})`);
    line('sandbox API GET /api/files, direct fetch', d);
    line('same call through the broker socket + proxy', b);
    const ratio = b.median / d.median;
    console.log(`broker overhead: ${ratio.toFixed(2)}× the direct call (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
  } finally {
    await h.dispose();
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBroker();
