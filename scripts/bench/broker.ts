// The broker's overhead, measured as a tool meets it. Three processes, as in real use: the
// Sandbox (the provider), Scopekeeper's core with the broker's socket (this process), and a tool
// that makes the same sandbox API call directly with the connection's access token and through
// the broker's socket and proxy, interleaved in one run (scripts/bench/brokerTool.ts).
// Target: the broker call takes at most 1.5× the direct one (median).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startBrokerHarness } from '../../e2e/brokerHarness';
import { readTokens } from '../../e2e/vaultFile';
import { compare } from './report';

const ROOT = join(import.meta.dirname, '..', '..');
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);

/** Runs a TypeScript file under tsx in its own Node process. */
function node(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, file)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The first stdout line of `child` that matches `pattern`. */
function line(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (text) => {
      const match = pattern.exec(text);
      if (match) {
        lines.close();
        resolve(match);
      }
    });
    child.once('exit', (code) => reject(new Error(`${String(child.spawnargs.at(-1))} exited (${code}) before printing ${pattern}`)));
  });
}

export async function benchBroker(runs = Number(process.env.BENCH_RUNS ?? 200)): Promise<void> {
  console.log('\nBroker: a tool’s call through the socket + proxy next to its direct call (three processes)');
  const provider = node('electron/sandbox/cli.ts', { SANDBOX_PORT: '0', SANDBOX_DATA_DIR: mkdtempSync(join(tmpdir(), 'sk-bench-sandbox-')) });
  try {
    const [, issuer] = await line(provider, /^Sandbox authorization server: (http:\/\/\S+) /);
    const h = await startBrokerHarness({ issuer: issuer! }, { countTraffic: false });
    try {
      const connectionId = await h.connectSandbox(['files:read']);
      const owner = await h.tool('bench-agent');
      const { result } = await h.approve(owner, { connectionId, actions: ['read-files'] });
      const { accessToken } = await readTokens(h.dataDir, connectionId);
      const tool = node('scripts/bench/brokerTool.ts', {
        BENCH_BROKER: h.endpoint,
        BENCH_SECRET: result.secret!,
        BENCH_CONNECTION: connectionId,
        BENCH_TOKEN: accessToken,
        BENCH_API: `${issuer}/api`,
        BENCH_RUNS: String(runs),
        BENCH_WARMUP: String(WARMUP),
      });
      const [json] = await line(tool, /^\{.*\}$/);
      const samples = JSON.parse(json!) as { direct: number[]; broker: number[] };
      const ratio = compare('GET /api/files through the broker', samples.broker, samples.direct, 'direct fetch, same token');
      console.log(`broker overhead: ${ratio.toFixed(2)}× the direct call (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
    } finally {
      await h.dispose();
    }
  } finally {
    provider.kill('SIGTERM');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBroker();
