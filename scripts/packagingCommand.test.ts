import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * How the packages ship the `scopekeeper` command: the built file (out/cli/scopekeeper.mjs), a
 * launcher per platform, the keychain binding beside them, and on deb/rpm the /usr/bin link made
 * by our after-install script. Read from electron-builder.json and run on real temporary folders;
 * `npm run dist` itself cannot run here (it downloads Electron).
 */
const ROOT = resolve(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'));
const LAUNCHER = join(ROOT, 'resources', 'cli', 'scopekeeper');
const LAUNCHER_CMD = join(ROOT, 'resources', 'cli', 'scopekeeper.cmd');
const BASH = '/bin/bash';

/** electron-builder's own macro expansion of a deb/rpm script (app-builder-lib FpmTarget writeConfigFile). */
function render(template: string): string {
  const macros: Record<string, string> = { executable: config.linux.executableName, sanitizedProductName: config.productName };
  return readFileSync(join(ROOT, template), 'utf8').replace(/\${([a-zA-Z]+)}/g, (_match, name: string) => {
    if (!(name in macros)) throw new Error(`Macro ${name} is not defined`);
    return macros[name]!;
  });
}

/**
 * Runs a rendered script with PATH holding only recording stand-ins for the commands it calls,
 * so it changes nothing on this machine; returns the calls, one line each.
 */
function runRecorded(script: string, args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sk-pkg-script-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  for (const name of ['update-alternatives', 'ln', 'rm', 'chmod', 'readlink', 'unshare', 'cp']) {
    writeFileSync(join(bin, name), `#!${BASH}\necho "${name} $*" >> '${log}'\n`, { mode: 0o755 });
  }
  writeFileSync(join(dir, 'script.sh'), script);
  const run = spawnSync(BASH, [join(dir, 'script.sh'), ...args], { env: { PATH: bin }, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('the scopekeeper command in the packages', () => {
  it('every platform ships the built file and the keychain binding in resources/cli', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'out/cli/scopekeeper.mjs', to: 'cli/scopekeeper.mjs' },
        { from: 'node_modules/@napi-rs', to: 'cli/node_modules/@napi-rs', filter: ['keyring/**', 'keyring-*/**'] },
      ]),
    );
    // The build's packaging step follows `npm run build`, which makes the file.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.dist).toMatch(/^npm run build && /);
    // The binding and this platform's prebuilt binary are what the filter picks.
    const picked = readdirSync(join(ROOT, 'node_modules', '@napi-rs')).filter((name) => /^keyring(-|$)/.test(name));
    expect(picked).toContain('keyring');
    expect(picked.length).toBeGreaterThan(1);
  });

  it('each platform adds its launcher beside the file', () => {
    expect(config.linux.extraResources).toEqual([{ from: 'resources/cli/scopekeeper', to: 'cli/scopekeeper' }]);
    expect(config.mac.extraResources).toEqual([{ from: 'resources/cli/scopekeeper', to: 'cli/scopekeeper' }]);
    expect(config.win.extraResources).toEqual([{ from: 'resources/cli/scopekeeper.cmd', to: 'cli/scopekeeper.cmd' }]);
    expect(statSync(LAUNCHER).mode & 0o755).toBe(0o755);
    const cmd = readFileSync(LAUNCHER_CMD, 'utf8');
    expect(cmd.split('\r\n').length).toBe(cmd.split('\n').length);
    expect(cmd).toContain('"%SK_NODE%" "%~dp0scopekeeper.mjs" %*');
  });

  it('the launchers run the app binary only through its command entry, never as Node: the fuses that would let it run other code stay off (SECURITY.md item 19)', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
    for (const launcher of [readFileSync(LAUNCHER, 'utf8'), readFileSync(LAUNCHER_CMD, 'utf8')]) {
      expect(launcher).toContain('RUN_WITH_APP_BINARY=command-only');
      expect(launcher).not.toContain('ELECTRON_RUN_AS_NODE');
      expect(launcher).not.toContain('NODE_OPTIONS');
    }
    // The app binary's names as electron-builder makes them: Linux executableName, macOS and Windows productName.
    const sh = readFileSync(LAUNCHER, 'utf8');
    expect(sh).toContain(`"$here/../../${config.linux.executableName}" "$here/../../MacOS/${config.productName}"`);
    expect(sh).toContain('exec "$app" --scopekeeper-command "$@"');
    expect(readFileSync(LAUNCHER_CMD, 'utf8')).toContain(`"%~dp0..\\..\\${config.productName}.exe" --scopekeeper-command %*`);
  });

  it('deb and rpm link /usr/bin/scopekeeper to the command, replacing the link to the app earlier packages made', () => {
    for (const target of [config.deb, config.rpm]) {
      expect(target).toMatchObject({ afterInstall: 'resources/linux/after-install.tpl', afterRemove: 'resources/linux/after-remove.tpl' });
    }
    const calls = runRecorded(render('resources/linux/after-install.tpl'), ['configure']);
    expect(calls).toEqual(
      expect.arrayContaining([
        'chmod 0755 /opt/Scopekeeper/resources/cli/scopekeeper',
        'update-alternatives --remove scopekeeper /opt/Scopekeeper/scopekeeper',
        'update-alternatives --install /usr/bin/scopekeeper scopekeeper /opt/Scopekeeper/resources/cli/scopekeeper 100',
      ]),
    );
    // electron-builder's own steps are kept: the Chromium sandbox helper's mode.
    expect(calls.some((call) => call.startsWith('chmod') && call.endsWith('/opt/Scopekeeper/chrome-sandbox'))).toBe(true);
  });

  it('removing the package removes the link; an upgrade (dpkg "upgrade", rpm "1") leaves it alone', () => {
    const script = render('resources/linux/after-remove.tpl');
    expect(runRecorded(script, ['remove'])).toEqual(['update-alternatives --remove scopekeeper /opt/Scopekeeper/resources/cli/scopekeeper']);
    expect(runRecorded(script, ['0'])).toEqual(['update-alternatives --remove scopekeeper /opt/Scopekeeper/resources/cli/scopekeeper']);
    expect(runRecorded(script, ['upgrade'])).toEqual([]);
    expect(runRecorded(script, ['1'])).toEqual([]);
  });
});

describe('resources/cli/scopekeeper (the launcher)', () => {
  type Layout = 'linux' | 'mac' | 'copy';
  /**
   * A shipped folder laid out like a package: the launcher, a stand-in for the built file that
   * prints what it was given, app.asar beside cli/, and a stand-in app binary that prints its
   * arguments and exits 7. 'copy' is the launcher copied out of the app (an AppImage's copy in the
   * data folder), with an executable `scopekeeper` where a package's app binary would be.
   */
  function shipped(layout: Layout): { dir: string; launcher: string; app: string } {
    const dir = mkdtempSync(join(tmpdir(), 'sk-launcher-'));
    const base = { linux: join(dir, 'opt', 'Scopekeeper'), mac: join(dir, 'Scopekeeper.app', 'Contents'), copy: join(dir, 'config') }[layout];
    const resources = { linux: join(base, 'resources'), mac: join(base, 'Resources'), copy: join(base, 'Scopekeeper') }[layout];
    const app = layout === 'mac' ? join(base, 'MacOS', 'Scopekeeper') : join(base, 'scopekeeper');
    mkdirSync(join(resources, 'cli'), { recursive: true });
    mkdirSync(dirname(app), { recursive: true });
    const launcher = join(resources, 'cli', 'scopekeeper');
    writeFileSync(launcher, readFileSync(LAUNCHER), { mode: 0o755 });
    writeFileSync(join(resources, 'cli', 'scopekeeper.mjs'), 'console.log(JSON.stringify({ file: import.meta.filename, args: process.argv.slice(2) }));\n');
    if (layout !== 'copy') writeFileSync(join(resources, 'app.asar'), '');
    writeFileSync(app, `#!/bin/sh\nprintf 'ran:%s\\n' "$0"\nfor a in "$@"; do printf 'arg:%s\\n' "$a"; done\nexit 7\n`, { mode: 0o755 });
    return { dir, launcher, app };
  }

  /** A PATH with the few commands the launcher uses and, when given, `node`: nothing else of this machine. */
  function pathWith(node?: string): string {
    const bin = mkdtempSync(join(tmpdir(), 'sk-path-'));
    for (const tool of ['dirname', 'readlink']) symlinkSync(execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    if (node) symlinkSync(node, join(bin, 'node'));
    return bin;
  }

  it('runs the file beside it through a chain of links, passing arguments untouched', () => {
    const { dir, launcher } = shipped('linux');
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'usr-bin'));
    symlinkSync(launcher, join(dir, 'usr-bin', 'scopekeeper'));
    symlinkSync(join('..', 'usr-bin', 'scopekeeper'), join(dir, 'bin', 'scopekeeper'));
    const out = execFileSync(join(dir, 'bin', 'scopekeeper'), ['call', 'sandbox', 'send-messages', '--data', '{"text":"a b  c"}', '$HOME'], {
      env: { PATH: process.env.PATH, SCOPEKEEPER_NODE: process.execPath },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ file: join(dirname(launcher), 'scopekeeper.mjs'), args: ['call', 'sandbox', 'send-messages', '--data', '{"text":"a b  c"}', '$HOME'] });
  });

  it('prefers Node 20 or later on PATH when there is one (the faster start), not the app binary', () => {
    const { launcher } = shipped('linux');
    const run = spawnSync(launcher, ['--version'], { env: { PATH: pathWith(process.execPath) }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ file: join(dirname(launcher), 'scopekeeper.mjs'), args: ['--version'] });
  });

  it('without Node 20 it runs the app binary as `--scopekeeper-command <arguments>`, through links, and exits with its status (Linux and macOS layouts)', () => {
    for (const layout of ['linux', 'mac'] as const) {
      const { dir, launcher, app } = shipped(layout);
      // An old Node: fails the version check like Node 18 would.
      writeFileSync(join(dir, 'node18'), `#!${BASH}\nexit 1\n`, { mode: 0o755 });
      symlinkSync(launcher, join(dir, 'scopekeeper-link'));
      const args = ['call', 'sandbox', 'send-messages', '--data', '{"text":"a b  c"}', '$HOME', ''];
      for (const env of [{ PATH: pathWith() }, { PATH: pathWith(), SCOPEKEEPER_NODE: join(dir, 'node18') }, { PATH: pathWith(join(dir, 'node18')) }]) {
        const run = spawnSync(join(dir, 'scopekeeper-link'), args, { env, encoding: 'utf8' });
        expect(run.status, `${layout} ${JSON.stringify(env)} ${run.stderr}`).toBe(7);
        const ran = `${dirname(launcher)}/../../${layout === 'mac' ? 'MacOS/Scopekeeper' : 'scopekeeper'}`;
        expect(run.stdout.split('\n').filter(Boolean)).toEqual([`ran:${ran}`, ...['--scopekeeper-command', ...args].map((arg) => `arg:${arg}`)]);
        expect(statSync(app).isFile()).toBe(true);
      }
    }
  });

  it('a copy outside the app (no app.asar beside it) never runs a `scopekeeper` it finds nearby; without Node it says what it needs and fails', () => {
    const { dir, launcher } = shipped('copy');
    writeFileSync(join(dir, 'node18'), `#!${BASH}\nexit 1\n`, { mode: 0o755 });
    for (const env of [{ PATH: pathWith() }, { PATH: pathWith(), SCOPEKEEPER_NODE: join(dir, 'no-such-node') }, { PATH: pathWith(join(dir, 'node18')) }]) {
      const run = spawnSync(launcher, ['--version'], { env, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'scopekeeper needs Node.js 20 or later, or the Scopekeeper app it came with: install Node.js (https://nodejs.org), or set SCOPEKEEPER_NODE to its path.\n',
      );
    }
  });
});
