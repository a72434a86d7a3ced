// `npm run preview:browser`: the sandbox, the headless host and the built renderer, for UI work
// in an ordinary browser tab without Electron. Sign-in pages open in the system browser.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startSandbox } from '../sandbox/server';
import { isSafeExternalUrl } from '../core/security/urls';
import { startHeadlessHost } from './host';
import { machinePolicyPath } from '../core/policy/policyFiles';
import { toolSetup } from '../core/broker/toolSetup';
import { whereToolsFindTheApp } from '../../shared/mcpConfig';

const root = resolve(import.meta.dirname, '..', '..');
const sandbox = await startSandbox(Number(process.env.SANDBOX_PORT ?? 4890));

function openInSystemBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  spawn(command!, args, { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

// Its own folder, never the app's: the preview seals tokens with a key file, the app with the system's keychain.
const dataDir = resolve(process.env.SCOPEKEEPER_DATA_DIR ?? join(root, '.scopekeeper-dev'));
const host = await startHeadlessHost({
  outDir: join(root, 'out'),
  dataDir,
  sandboxIssuer: sandbox.issuer,
  port: Number(process.env.PREVIEW_PORT ?? 5180),
  // The preview reads the machine's policy where the app would.
  ...(machinePolicyPath(process.platform, process.env) ? { machinePolicy: machinePolicyPath(process.platform, process.env)! } : {}),
  browser: {
    open: async (url) => {
      if (!isSafeExternalUrl(url)) throw new Error('Refusing to open a URL that is neither https nor loopback http.');
      console.log(`Sign in here: ${url}`);
      openInSystemBrowser(url);
    },
  },
});

console.log(`Sandbox authorization server: ${sandbox.issuer}`);
// The address carries this launch's one-time token: the first tab to open it is the window,
// nothing else on the machine can use the preview's IPC (electron/headless/launchGate.ts).
console.log(`Scopekeeper (browser preview), open this address once: ${host.url}`);
// Tools look in the app's folder unless told: say where this one is, and how to tell them.
for (const line of whereToolsFindTheApp(dataDir, toolSetup({}, dataDir).dataDirMoved)) console.log(line);

const stop = async (): Promise<void> => {
  await host.close();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
