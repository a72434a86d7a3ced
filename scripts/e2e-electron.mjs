// `npm run test:e2e:electron`: the Playwright specs against the real app (E2E_TARGET=electron),
// on Linux under a virtual display (xvfb-run). Extra arguments go to Playwright (`-- --grep @connect`).
// Without Electron's binary it stops at once, before building anything, and says so.
import { spawnSync } from 'node:child_process';
import { hasElectronBinary } from './electronBinary.mjs';

const NO_BINARY =
  'E2E_TARGET=electron needs the Electron binary, which is not installed here and could not be downloaded; run the headless target with `npm run test:e2e` instead.';
const NO_XVFB = 'On Linux the Electron target runs under xvfb-run, which is not installed (Debian: `apt-get install xvfb`).';

const windows = process.platform === 'win32';
const run = (command, args, env = process.env) => spawnSync(command, args, { stdio: 'inherit', env, shell: windows }).status ?? 1;

if (!hasElectronBinary()) {
  console.error(NO_BINARY);
  process.exit(1);
}
const linux = process.platform === 'linux';
if (linux && spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) {
  console.error(NO_XVFB);
  process.exit(1);
}
const built = run('npm', ['run', 'build']);
if (built !== 0) process.exit(built);
const playwright = ['playwright', 'test', ...process.argv.slice(2)];
const env = { ...process.env, E2E_TARGET: 'electron' };
process.exit(linux ? run('xvfb-run', ['--auto-servernum', 'npx', ...playwright], env) : run('npx', playwright, env));
