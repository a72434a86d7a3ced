// The host `bench:ui` spawns: the real headless host (core, IPC binding, the built window) on a
// data folder, built by the bench like the app's main process (packages left to node_modules),
// so a cold start loads what the app's main process loads. Prints one JSON line when it serves.
import { startHeadlessHost } from '../../electron/headless/host';

const [outDir, dataDir, sandboxIssuer] = process.argv.slice(2);
if (outDir === undefined || dataDir === undefined) throw new Error('usage: ui-host <outDir> <dataDir> [sandboxIssuer]');
const host = await startHeadlessHost({ outDir, dataDir, ...(sandboxIssuer ? { sandboxIssuer } : {}), browser: { open: async () => undefined } });
process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
const stop = (): void => void host.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
