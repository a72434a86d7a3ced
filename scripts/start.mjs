// `npm start`: the Sandbox authorization server and the app in development, together.
// Stopping either side stops both, also when the app side fails to start; Ctrl+C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hasElectronBinary } from './electronBinary.mjs';

const NO_BINARY =
  'The Electron binary is not installed here and could not be downloaded, so `npm start` cannot open the app; run `npm run preview:browser` to use Scopekeeper in a browser tab instead.';

const port = process.env.SANDBOX_PORT ?? '4890';
const env = { ...process.env, SANDBOX_PORT: port, SCOPEKEEPER_SANDBOX_ISSUER: `http://127.0.0.1:${port}` };
// Tests put fake command lines here to check how the two sides stop each other.
const sides = [
  { name: 'The Sandbox server', command: process.env.SCOPEKEEPER_START_SANDBOX_COMMAND ?? 'npm run sandbox' },
  { name: 'The app', command: process.env.SCOPEKEEPER_START_APP_COMMAND ?? 'npm exec -- electron-vite dev' },
];
const windows = process.platform === 'win32';

if (!hasElectronBinary()) {
  console.error(NO_BINARY);
  process.exit(1);
}

// Each side in its own process group, so stopping it reaches npm, the shell and everything under them.
const children = sides.map((side) => ({ ...side, child: spawn(side.command, { shell: true, stdio: 'inherit', env, detached: !windows }) }));

function signalGroup(child, signal) {
  if (windows) spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
  else {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // nothing left in that group
    }
  }
}

/** Whether a process of the side's group still runs (an exited one waiting to be reaped does not count). */
function running(child) {
  if (windows) return false; // taskkill /T /F has already waited
  if (!existsSync('/proc/self/stat')) {
    try {
      return process.kill(-child.pid, 0);
    } catch {
      return false;
    }
  }
  return readdirSync('/proc').some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After "pid (name) ": state, parent, process group.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[2] === String(child.pid) && fields[0] !== 'Z';
    } catch {
      return false;
    }
  });
}

let stopping = false;
async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const { child } of children) signalGroup(child, 'SIGTERM');
  // Leave nothing behind: wait for both groups to empty; force whatever still runs after 10 s.
  const forceAt = Date.now() + 10_000;
  let forced = false;
  while (children.some(({ child }) => running(child))) {
    if (forced && Date.now() > forceAt + 5_000) {
      console.error('Some processes of `npm start` did not stop; check for them with your process list.');
      return;
    }
    if (!forced && Date.now() > forceAt) {
      forced = true;
      for (const { child } of children) signalGroup(child, 'SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const { name, child } of children) {
  child.on('exit', (code, signal) => {
    if (stopping) return;
    const how = code === 0 ? 'closed' : `stopped (${signal ?? `exit code ${code}`})`;
    const other = name === sides[0].name ? 'the app' : 'the Sandbox server';
    console.error(`${name} ${how}, so ${other} was stopped too.`);
    void stopAll(code === 0 ? 0 : (code ?? 1));
  });
}
process.on('SIGINT', () => void stopAll(130));
process.on('SIGTERM', () => void stopAll(143));
