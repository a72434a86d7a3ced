/**
 * `npm run sandbox`: the local authorization server and its workspace API, so a person can try
 * Scopekeeper without an account anywhere. Listens on SANDBOX_PORT (default 4890) until Ctrl+C or
 * SIGTERM, and keeps its grants and data in SANDBOX_DATA_DIR (default `.sandbox-data/`), so the
 * app's connections survive a restart.
 */
import { resolve } from 'node:path';
import { startSandbox } from './server';

const DEFAULT_PORT = 4890;

function portFromEnvironment(): number {
  const value = process.env.SANDBOX_PORT ?? String(DEFAULT_PORT);
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number, not "${value}".`);
  }
  return port;
}

const dataDir = resolve(process.env.SANDBOX_DATA_DIR ?? '.sandbox-data');
const sandbox = await startSandbox(portFromEnvironment(), { dataDir });
console.log(`Sandbox authorization server: ${sandbox.issuer} (client ID ${sandbox.clientId}); workspace API ${sandbox.apiBase}; data in ${dataDir}`);
console.log(
  `To practise "Use your own OAuth app": client ID ${sandbox.ownApp.clientId}, client secret ${sandbox.ownApp.clientSecret} (new every run).`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sandbox.close().then(
      () => console.log('Sandbox authorization server stopped.'),
      (error: unknown) => {
        console.error('Sandbox authorization server did not stop cleanly:', error);
        process.exitCode = 1;
      },
    );
  });
}
