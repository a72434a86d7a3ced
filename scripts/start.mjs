// `npm start`: the sandbox authorization server and the app in development, together.
// Stopping either stops both.
import { spawn } from 'node:child_process';

const port = process.env.SANDBOX_PORT ?? '4890';
const env = { ...process.env, SANDBOX_PORT: port, SCOPEKEEPER_SANDBOX_ISSUER: `http://127.0.0.1:${port}` };
const run = (args) => spawn('npm', args, { stdio: 'inherit', env, shell: process.platform === 'win32' });

const children = [run(['run', 'sandbox']), run(['exec', '--', 'electron-vite', 'dev'])];
let exiting = false;
const stopAll = (code) => {
  if (exiting) return;
  exiting = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code ?? 0;
};
for (const child of children) child.on('exit', (code) => stopAll(code));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
