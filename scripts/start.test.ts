import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs the real scripts/start.mjs with fake sides (SCOPEKEEPER_START_APP_COMMAND /
 * SCOPEKEEPER_START_SANDBOX_COMMAND) and a fake or missing Electron binary
 * (ELECTRON_OVERRIDE_DIST_PATH, which the electron package itself honours). Every process it
 * starts inherits a marker in its environment, so the test can see whether any is left.
 */
const ROOT = resolve(import.meta.dirname, '..');
const START = join(ROOT, 'scripts', 'start.mjs');
const NO_BINARY =
  'The Electron binary is not installed here and could not be downloaded, so `npm start` cannot open the app; run `npm run preview:browser` to use Scopekeeper in a browser tab instead.';

const fixtures = mkdtempSync(join(tmpdir(), 'scopekeeper-start-'));
const fixture = (name: string, source: string): string => {
  writeFileSync(join(fixtures, name), source);
  return `"${process.execPath}" "${join(fixtures, name)}"`;
};
/** Writes a file to say it ran, then runs until stopped. */
const forever = (name: string): string =>
  fixture(`${name}.mjs`, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(fixtures, `${name}.ran`))}, '');\nconsole.log('${name} ready', process.pid);\nsetInterval(() => {}, 1 << 30);\n`);
/** Waits until the Sandbox listens on SANDBOX_PORT, then fails the way a broken app start does. */
const failingApp = fixture(
  'failing-app.mjs',
  `import { connect } from 'node:net';
const attempt = () => {
  const socket = connect(Number(process.env.SANDBOX_PORT), '127.0.0.1');
  socket.on('connect', () => { console.error('fake app: cannot start'); process.exit(3); });
  socket.on('error', () => setTimeout(attempt, 50));
};
attempt();
`,
);

/** An "Electron binary" where the electron package will look for it, or none. */
function electronDist(withBinary: boolean): string {
  const dist = mkdtempSync(join(tmpdir(), 'scopekeeper-electron-dist-'));
  if (withBinary) {
    const pathTxt = join(ROOT, 'node_modules', 'electron', 'path.txt');
    const executable = join(dist, existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron');
    mkdirSync(dirname(executable), { recursive: true });
    writeFileSync(executable, '');
  }
  return dist;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

interface Run {
  child: ChildProcess;
  marker: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout has a line matching the pattern. */
  printed(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function runStart(env: Record<string, string>): Run {
  const marker = randomUUID();
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { ...process.env, ...env, SCOPEKEEPER_START_TEST_MARKER: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return {
    child,
    marker,
    stdout: () => out,
    stderr: () => err,
    exited,
    printed: (pattern) =>
      new Promise((done, fail) => {
        const check = (): void => {
          const match = out.match(pattern);
          if (match) {
            waiters.splice(waiters.indexOf(check), 1);
            done(match);
          }
        };
        waiters.push(check);
        check();
        void exited.then(() => fail(new Error(`start.mjs exited before printing ${pattern}: ${out}${err}`)));
      }),
  };
}

/** Processes (not yet-to-be-reaped zombies) whose environment carries the run's marker. */
function leftovers(marker: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
      return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`SCOPEKEEPER_START_TEST_MARKER=${marker}`);
    } catch {
      return false; // gone while we looked
    }
  });
}

const refused = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.on('error', () => done(true));
  });

describe('npm start (scripts/start.mjs)', () => {
  it('without an Electron binary says so in one sentence, pointing to preview:browser, and starts nothing', async () => {
    const run = runStart({
      ELECTRON_OVERRIDE_DIST_PATH: electronDist(false),
      SCOPEKEEPER_START_APP_COMMAND: forever('app-1'),
      SCOPEKEEPER_START_SANDBOX_COMMAND: forever('sandbox-1'),
    });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe(`${NO_BINARY}\n`);
    expect(run.stdout()).toBe('');
    expect(existsSync(join(fixtures, 'app-1.ran'))).toBe(false);
    expect(existsSync(join(fixtures, 'sandbox-1.ran'))).toBe(false);
    expect(leftovers(run.marker)).toEqual([]);
  });

  it('when the app side fails to start, stops the real Sandbox server and leaves no process behind', async () => {
    const port = await freePort();
    const run = runStart({
      ELECTRON_OVERRIDE_DIST_PATH: electronDist(true),
      SANDBOX_PORT: String(port),
      SCOPEKEEPER_START_APP_COMMAND: failingApp,
    });
    expect(await run.exited).toBe(3);
    expect(run.stderr()).toContain('fake app: cannot start');
    expect(run.stderr()).toContain('The app stopped (exit code 3), so the Sandbox server was stopped too.');
    expect(run.stdout()).toContain(`Sandbox authorization server: http://127.0.0.1:${port}`);
    expect(await refused(port)).toBe(true);
    expect(leftovers(run.marker)).toEqual([]);
  }, 60_000);

  it('when the Sandbox side stops, stops the app', async () => {
    const run = runStart({
      ELECTRON_OVERRIDE_DIST_PATH: electronDist(true),
      SCOPEKEEPER_START_APP_COMMAND: forever('app-3'),
      SCOPEKEEPER_START_SANDBOX_COMMAND: forever('sandbox-3'),
    });
    await run.printed(/app-3 ready/);
    const [, sandboxPid] = await run.printed(/sandbox-3 ready (\d+)/);
    process.kill(Number(sandboxPid), 'SIGTERM');
    expect(await run.exited).not.toBe(0);
    expect(run.stderr()).toMatch(/^The Sandbox server stopped \(exit code \d+\), so the app was stopped too\.$/m);
    expect(leftovers(run.marker)).toEqual([]);
  });

  it('Ctrl+C stops both sides', async () => {
    const run = runStart({
      ELECTRON_OVERRIDE_DIST_PATH: electronDist(true),
      SCOPEKEEPER_START_APP_COMMAND: forever('app-4'),
      SCOPEKEEPER_START_SANDBOX_COMMAND: forever('sandbox-4'),
    });
    await run.printed(/app-4 ready/);
    await run.printed(/sandbox-4 ready/);
    expect(leftovers(run.marker).length).toBeGreaterThanOrEqual(2);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(leftovers(run.marker)).toEqual([]);
  });
});
