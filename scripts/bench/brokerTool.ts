// The tool's side of the broker bench, in a process of its own as a real tool is: the same
// sandbox API call made directly with the connection's access token and through the broker's
// socket, alternating which goes first, warmed alike. Prints one JSON line of samples (ms).
import { performance } from 'node:perf_hooks';
import { BrokerClient } from '../../electron/cli/client';
import type { CallResult } from '../../electron/core/broker/protocol';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const endpoint = need('BENCH_BROKER');
const secret = need('BENCH_SECRET');
const connectionId = need('BENCH_CONNECTION');
const accessToken = need('BENCH_TOKEN');
const api = need('BENCH_API');
const runs = Number(need('BENCH_RUNS'));
const warmup = Number(need('BENCH_WARMUP'));

const client = await BrokerClient.connect(endpoint);
await client.send('hello', { tool: 'bench-agent', secret });
const direct = async (): Promise<void> => {
  const response = await fetch(`${api}/files`, { headers: { Authorization: `Bearer ${accessToken}` } });
  if (response.status !== 200) throw new Error(`direct call: HTTP ${response.status}`);
  await response.text();
};
const brokered = async (): Promise<void> => {
  const result = await client.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
  if (result.status !== 200) throw new Error(`broker call: HTTP ${result.status}`);
};
// Both paths warmed alike until the JIT has compiled them (a long-running app is in that state).
for (let i = 0; i < warmup; i++) {
  await direct();
  await brokered();
}
const samples = { direct: [] as number[], broker: [] as number[] };
for (let i = 0; i < runs; i++) {
  for (const [name, work] of i % 2 === 0 ? ([['direct', direct], ['broker', brokered]] as const) : ([['broker', brokered], ['direct', direct]] as const)) {
    const start = performance.now();
    await work();
    samples[name].push(performance.now() - start);
  }
}
client.close();
process.stdout.write(`${JSON.stringify(samples)}\n`);
