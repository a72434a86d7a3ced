import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

  it('the launchers use the app binary only if the RunAsNode fuse lets it run the file (SECURITY.md item 19)', () => {
    const marker = config.electronFuses.runAsNode ? 'RUN_WITH_APP_BINARY=yes' : 'RUN_WITH_APP_BINARY=no';
    expect(readFileSync(LAUNCHER, 'utf8')).toContain(marker);
    expect(readFileSync(LAUNCHER_CMD, 'utf8')).toContain(marker);
    expect(readFileSync(LAUNCHER, 'utf8')).not.toContain('ELECTRON_RUN_AS_NODE');
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
  /** A shipped folder: the launcher and a stand-in for the built file that prints what it was given. */
  function shipped(): string {
    const dir = mkdtempSync(join(tmpdir(), 'sk-launcher-'));
    mkdirSync(join(dir, 'opt', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'opt', 'cli', 'scopekeeper'), readFileSync(LAUNCHER));
    chmodSync(join(dir, 'opt', 'cli', 'scopekeeper'), 0o755);
    writeFileSync(join(dir, 'opt', 'cli', 'scopekeeper.mjs'), 'console.log(JSON.stringify({ file: import.meta.filename, args: process.argv.slice(2) }));\n');
    return dir;
  }

  it('runs the file beside it through a chain of links, passing arguments untouched', () => {
    const dir = shipped();
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'usr-bin'));
    symlinkSync(join(dir, 'opt', 'cli', 'scopekeeper'), join(dir, 'usr-bin', 'scopekeeper'));
    symlinkSync(join('..', 'usr-bin', 'scopekeeper'), join(dir, 'bin', 'scopekeeper'));
    const out = execFileSync(join(dir, 'bin', 'scopekeeper'), ['call', 'sandbox', 'send-messages', '--data', '{"text":"a b  c"}', '$HOME'], {
      env: { PATH: process.env.PATH, SCOPEKEEPER_NODE: process.execPath },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ file: join(dir, 'opt', 'cli', 'scopekeeper.mjs'), args: ['call', 'sandbox', 'send-messages', '--data', '{"text":"a b  c"}', '$HOME'] });
  });

  it('says what it needs, and fails, without Node 20 or later', () => {
    const dir = shipped();
    // An old Node: fails the version check like Node 18 would.
    writeFileSync(join(dir, 'node18'), `#!${BASH}\nexit 1\n`, { mode: 0o755 });
    for (const node of [join(dir, 'no-such-node'), join(dir, 'node18')]) {
      const run = spawnSync(join(dir, 'opt', 'cli', 'scopekeeper'), ['--version'], { env: { PATH: process.env.PATH, SCOPEKEEPER_NODE: node }, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('scopekeeper needs Node.js 20 or later: install it (https://nodejs.org), or set SCOPEKEEPER_NODE to its path.\n');
    }
    expect(existsSync(join(dir, 'opt', 'cli', 'scopekeeper.mjs'))).toBe(true);
  });
});
