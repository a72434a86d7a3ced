import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCommand, shippedCommand } from './commandInstall';
import type { ShippedCommand } from '../ports';

/** A home folder and an installed app (resources/cli: the launcher and the built file) on real temporary folders. */
function machine(platform: NodeJS.Platform = 'linux') {
  const root = mkdtempSync(join(tmpdir(), 'sk-install-'));
  const home = join(root, 'home');
  const cli = join(root, 'opt', 'Scopekeeper', 'resources', 'cli');
  mkdirSync(home);
  mkdirSync(cli, { recursive: true });
  const launcher = join(cli, platform === 'win32' ? 'scopekeeper.cmd' : 'scopekeeper');
  writeFileSync(launcher, '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(cli, 'scopekeeper.mjs'), '// built\n');
  const shipped = (path: string, extra: Partial<ShippedCommand> = {}): ShippedCommand => ({ launcher, platform, home, path, ...extra });
  return { root, home, cli, launcher, shipped };
}

describe('installCommand (Settings › Install the command)', () => {
  it('links the launcher into ~/.local/bin when that folder is on PATH', () => {
    const m = machine();
    mkdirSync(join(m.home, '.local', 'bin'), { recursive: true });
    const result = installCommand(m.shipped(`/usr/bin:${m.home}/.local/bin`));
    expect(result).toEqual({ outcome: 'installed', message: 'Installed: ~/.local/bin/scopekeeper runs the Scopekeeper command. Try `scopekeeper --version` in a new terminal.' });
    expect(readlinkSync(join(m.home, '.local', 'bin', 'scopekeeper'))).toBe(m.launcher);
  });

  it('prefers a folder of the person’s own that is on PATH (~/bin) over creating one', () => {
    const m = machine();
    mkdirSync(join(m.home, 'bin'));
    expect(installCommand(m.shipped(`/usr/bin:${m.home}/bin`)).outcome).toBe('installed');
    expect(readlinkSync(join(m.home, 'bin', 'scopekeeper'))).toBe(m.launcher);
    expect(existsSync(join(m.home, '.local'))).toBe(false);
  });

  it('on Linux with no folder of its own on PATH, makes ~/.local/bin and says how to put it on PATH', () => {
    const m = machine();
    const result = installCommand(m.shipped('/usr/local/bin:/usr/bin'));
    expect(result).toEqual({
      outcome: 'installed',
      message: 'Installed: ~/.local/bin/scopekeeper runs the Scopekeeper command. ~/.local/bin is not on your PATH yet: most systems add it when you next log in; otherwise add this line to ~/.profile.',
      command: 'export PATH="$HOME/.local/bin:$PATH"',
    });
    expect(readlinkSync(join(m.home, '.local', 'bin', 'scopekeeper'))).toBe(m.launcher);
  });

  it('a second click finds it installed and changes nothing', () => {
    const m = machine();
    mkdirSync(join(m.home, 'bin'));
    installCommand(m.shipped(`${m.home}/bin`));
    const before = lstatSync(join(m.home, 'bin', 'scopekeeper')).ino;
    expect(installCommand(m.shipped(`${m.home}/bin`))).toEqual({ outcome: 'already-installed', message: 'Already installed: ~/bin/scopekeeper runs the Scopekeeper command.' });
    expect(lstatSync(join(m.home, 'bin', 'scopekeeper')).ino).toBe(before);
  });

  it('replaces its own stale link (the app moved) but never another program called scopekeeper', () => {
    const m = machine();
    mkdirSync(join(m.home, 'bin'));
    symlinkSync('/old/place/resources/cli/scopekeeper', join(m.home, 'bin', 'scopekeeper'));
    expect(installCommand(m.shipped(`${m.home}/bin`)).outcome).toBe('installed');
    expect(readlinkSync(join(m.home, 'bin', 'scopekeeper'))).toBe(m.launcher);

    const other = machine();
    mkdirSync(join(other.home, 'bin'));
    writeFileSync(join(other.home, 'bin', 'scopekeeper'), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    expect(installCommand(other.shipped(`${other.home}/bin`))).toEqual({
      outcome: 'conflict',
      message: '~/bin/scopekeeper already exists and is not Scopekeeper’s: it was left as it is. Remove or rename it, then try again.',
    });
    expect(readFileSync(join(other.home, 'bin', 'scopekeeper'), 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('skips PATH entries it cannot use: relative, outside home, home itself, missing, read-only', () => {
    const m = machine();
    mkdirSync(join(m.home, 'ro'));
    chmodSync(join(m.home, 'ro'), 0o555);
    mkdirSync(join(m.home, 'tools', 'bin'), { recursive: true });
    const path = ['relative/bin', join(m.root, 'elsewhere'), m.home, join(m.home, 'missing'), join(m.home, 'ro'), join(m.home, 'tools', 'bin')].join(':');
    // Root may write into a 0555 folder, so there the read-only one is usable.
    const expected = process.getuid?.() === 0 ? join(m.home, 'ro') : join(m.home, 'tools', 'bin');
    expect(installCommand(m.shipped(path)).outcome).toBe('installed');
    expect(readlinkSync(join(expected, 'scopekeeper'))).toBe(m.launcher);
    expect(existsSync(join(m.home, 'missing'))).toBe(false);
    expect(existsSync(join(m.home, 'scopekeeper'))).toBe(false);
  });

  it('on macOS without a folder of the person’s own on PATH or a writable /usr/local/bin, gives the admin command instead', () => {
    const m = machine('darwin');
    const systemBin = join(m.root, 'usr-local-bin');
    const result = installCommand(m.shipped('/usr/bin:/bin', { systemBin }));
    expect(result).toEqual({
      outcome: 'needs-admin',
      message: `Linking the command into ${systemBin} needs an administrator. Run this in Terminal, then try \`scopekeeper --version\`:`,
      command: `sudo mkdir -p '${systemBin}' && sudo ln -sf '${m.launcher}' '${systemBin}/scopekeeper'`,
    });
    expect(existsSync(systemBin)).toBe(false);
  });

  it('on macOS links into /usr/local/bin where the person may write there (Homebrew on Intel)', () => {
    const m = machine('darwin');
    const systemBin = join(m.root, 'usr-local-bin');
    mkdirSync(systemBin);
    expect(installCommand(m.shipped('/usr/bin', { systemBin })).outcome).toBe('installed');
    expect(readlinkSync(join(systemBin, 'scopekeeper'))).toBe(m.launcher);
  });

  it('quotes a path with a quote in it for the shell', () => {
    const m = machine('darwin');
    const systemBin = join(m.root, "it's");
    expect(installCommand(m.shipped('/usr/bin', { systemBin, launcher: "/Applications/Bob's/Scopekeeper.app/Contents/Resources/cli/scopekeeper" })).command).toBe(
      `sudo mkdir -p '${m.root}/it'\\''s' && sudo ln -sf '/Applications/Bob'\\''s/Scopekeeper.app/Contents/Resources/cli/scopekeeper' '${m.root}/it'\\''s/scopekeeper'`,
    );
  });

  it('on Windows says how to add the command’s folder to the user PATH, and changes nothing itself', () => {
    const m = machine('win32');
    const launcher = "C:\\Users\\O'Neil\\AppData\\Local\\Programs\\Scopekeeper\\resources\\cli\\scopekeeper.cmd";
    expect(installCommand(m.shipped('C:\\Windows', { launcher }))).toEqual({
      outcome: 'manual',
      message: "Add C:\\Users\\O'Neil\\AppData\\Local\\Programs\\Scopekeeper\\resources\\cli to your PATH: run this in PowerShell, then open a new terminal and try `scopekeeper --version`.",
      command: "[Environment]::SetEnvironmentVariable('Path', [Environment]::GetEnvironmentVariable('Path', 'User') + ';C:\\Users\\O''Neil\\AppData\\Local\\Programs\\Scopekeeper\\resources\\cli', 'User')",
    });
    expect(existsSync(join(m.home, '.local'))).toBe(false);
  });

  it('from an AppImage, copies the command out of the image (gone when the app quits) first, and links the copy', () => {
    const m = machine();
    mkdirSync(join(m.home, 'bin'));
    const keepDir = join(m.root, 'data', 'cli');
    expect(installCommand(m.shipped(`${m.home}/bin`, { keepDir })).outcome).toBe('installed');
    expect(readlinkSync(join(m.home, 'bin', 'scopekeeper'))).toBe(join(keepDir, 'scopekeeper'));
    expect(readFileSync(join(keepDir, 'scopekeeper.mjs'), 'utf8')).toBe('// built\n');
    // Installing again from a newer image refreshes the copy in place.
    writeFileSync(join(m.cli, 'scopekeeper.mjs'), '// newer\n');
    expect(installCommand(m.shipped(`${m.home}/bin`, { keepDir })).outcome).toBe('already-installed');
    expect(readFileSync(join(keepDir, 'scopekeeper.mjs'), 'utf8')).toBe('// newer\n');
  });

  it('says so where the app ships no command (a development build)', () => {
    expect(installCommand(undefined)).toEqual({
      outcome: 'unavailable',
      message: 'This copy of Scopekeeper does not include the command (a development build): run `npm link` in its source folder instead.',
    });
  });
});

describe('shippedCommand (what the Electron entry passes)', () => {
  const where = { home: '/home/sam', userData: '/home/sam/.config/Scopekeeper', env: { PATH: '/usr/bin:/home/sam/.local/bin' } };

  it('is the launcher in resources/cli of a packaged app, none unpackaged', () => {
    expect(shippedCommand(undefined, { ...where, platform: 'linux' })).toBeUndefined();
    expect(shippedCommand('/opt/Scopekeeper/resources', { ...where, platform: 'linux' })).toEqual({
      launcher: '/opt/Scopekeeper/resources/cli/scopekeeper',
      platform: 'linux',
      home: '/home/sam',
      path: '/usr/bin:/home/sam/.local/bin',
    });
    expect(shippedCommand('C:\\Programs\\Scopekeeper\\resources', { ...where, platform: 'win32' })?.launcher).toBe('C:\\Programs\\Scopekeeper\\resources\\cli\\scopekeeper.cmd');
  });

  it('from an AppImage keeps a copy in the data folder', () => {
    const appImage = shippedCommand('/tmp/.mount_ScopekXYZ/resources', { ...where, platform: 'linux', env: { ...where.env, APPIMAGE: '/home/sam/Scopekeeper.AppImage' } });
    expect(appImage?.keepDir).toBe('/home/sam/.config/Scopekeeper/cli');
  });
});
