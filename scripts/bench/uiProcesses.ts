// The processes `bench:ui` starts: the real host on a data folder, and a static server for the
// reference page. Each is its own Node process, as the app's main process is, started the same way
// and timed from the spawn.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { BUNDLED_IN_MAIN } from '../vite/bundledInMain';

const ROOT = resolve(import.meta.dirname, '..', '..');
const HOST_DIR = join(ROOT, 'out', 'bench-ui');
const HOST_FILE = join(HOST_DIR, 'ui-host.mjs');
const STATIC_FILE = join(import.meta.dirname, 'uiStatic.mjs');

/** The app's dependencies main imports from node_modules: all but BUNDLED_IN_MAIN, as electron-vite's externalizeDeps. */
const EXTERNAL: readonly string[] = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies).filter(
  (name) => !(BUNDLED_IN_MAIN as readonly string[]).includes(name),
);
const fromNodeModules = (id: string): boolean => EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Builds the bench host (scripts/bench/uiHost.ts) as electron-vite builds the app's main
 * process: one ES module of the app's own code and the packages it loads at every start
 * (BUNDLED_IN_MAIN), every other package imported from node_modules.
 */
export async function buildHost(): Promise<void> {
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    envDir: false,
    build: {
      ssr: join(import.meta.dirname, 'uiHost.ts'),
      outDir: HOST_DIR,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { external: fromNodeModules, output: { format: 'esm', entryFileNames: 'ui-host.mjs' } },
    },
    // As electron-vite's externalizeDeps: the app's own dependencies are external (EXTERNAL), what
    // the bundled ones import in turn is bundled with them.
    ssr: { target: 'node', noExternal: true },
  });
  // The host serves the preload's shim from beside its own module.
  mkdirSync(HOST_DIR, { recursive: true });
  copyFileSync(join(ROOT, 'electron', 'headless', 'browserShim.js'), join(HOST_DIR, 'browserShim.js'));
}

export interface Spawned {
  /** Where the process serves (the host's one-time launch address). */
  url: string;
  /** performance.timeOrigin + performance.now() at the spawn, in epoch ms (the page's clock is the same). */
  spawnedAt: number;
  /** When its first line arrived: it serves. */
  servingAt: number;
  stop(): Promise<void>;
}

function start(args: string[]): Promise<Spawned> {
  const spawnedAt = performance.timeOrigin + performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolveStart, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`${args[0]} exited (${code}) before serving`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const servingAt = performance.timeOrigin + performance.now();
      resolveStart({ url: (JSON.parse(line) as { url: string }).url, spawnedAt, servingAt, stop });
    });
  });
}

/** The real host on `dataDir` (built by buildHost). */
export function spawnHost(dataDir: string, sandboxIssuer: string): Promise<Spawned> {
  return start([HOST_FILE, join(ROOT, 'out'), dataDir, sandboxIssuer]);
}

/** A static server on `dir`. */
export function spawnStatic(dir: string): Promise<Spawned> {
  return start([STATIC_FILE, dir]);
}
