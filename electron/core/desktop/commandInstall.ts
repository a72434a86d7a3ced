import { accessSync, constants, cpSync, existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join, relative, sep, win32 } from 'node:path';
import type { CommandInstall } from '../../../shared/ipc/appSchemas';
import type { ShippedCommand } from '../ports';

/**
 * The command as a packaged app ships it, in resources/cli (none when unpackaged: no
 * `resourcesPath`). An AppImage (APPIMAGE set, Linux) runs from a mount that goes away with it,
 * so its command is kept in a copy under the app's data folder.
 */
export function shippedCommand(
  resourcesPath: string | undefined,
  where: { platform: NodeJS.Platform; home: string; userData: string; env: Readonly<Record<string, string | undefined>> },
): ShippedCommand | undefined {
  if (!resourcesPath) return undefined;
  const { platform, home, userData, env } = where;
  return {
    launcher: (platform === 'win32' ? win32.join : join)(resourcesPath, 'cli', platform === 'win32' ? 'scopekeeper.cmd' : 'scopekeeper'),
    platform,
    home,
    path: env.PATH ?? '',
    ...(platform === 'linux' && env.APPIMAGE ? { keepDir: join(userData, 'cli') } : {}),
  };
}

/**
 * Settings › Install the command: links the launcher the app ships (resources/cli/scopekeeper)
 * into a folder on the person's PATH where that needs no administrator, else says what to run.
 *
 * - A folder of the person's own that is on PATH (~/.local/bin first, then ~/bin, then any other
 *   inside home); on Linux with none, ~/.local/bin is made (most systems put it on PATH at login).
 * - macOS: with none of those, /usr/local/bin if the person may write there, else the `sudo` lines.
 * - Windows: no links; the PowerShell line that adds the launcher's folder to the user PATH.
 * - Only a missing file or Scopekeeper's own link (…/cli/scopekeeper, e.g. the app moved) is
 *   replaced; any other `scopekeeper` is left alone and named.
 * - From an AppImage the launcher's folder vanishes when the app quits: it is copied to `keepDir`
 *   first (again on each install, so a newer image refreshes it).
 */
export function installCommand(shipped: ShippedCommand | undefined): CommandInstall {
  if (!shipped) {
    return { outcome: 'unavailable', message: 'This copy of Scopekeeper does not include the command (a development build): run `npm link` in its source folder instead.' };
  }
  if (shipped.platform === 'win32') return windowsPath(shipped);
  const launcher = shipped.keepDir ? keepCopy(shipped.launcher, shipped.keepDir) : shipped.launcher;
  const shown = (path: string) => (path.startsWith(shipped.home + sep) ? `~${path.slice(shipped.home.length)}` : path);
  const folder = folderOnPath(shipped);
  if (!folder) {
    const systemBin = shipped.systemBin ?? '/usr/local/bin';
    return {
      outcome: 'needs-admin',
      message: `Linking the command into ${systemBin} needs an administrator. Run this in Terminal, then try \`scopekeeper --version\`:`,
      command: `sudo mkdir -p ${shellQuote(systemBin)} && sudo ln -sf ${shellQuote(launcher)} ${shellQuote(join(systemBin, 'scopekeeper'))}`,
    };
  }
  mkdirSync(folder.dir, { recursive: true, mode: 0o755 });
  const link = join(folder.dir, 'scopekeeper');
  const existing = linkTarget(link);
  if (existing === launcher) return { outcome: 'already-installed', message: `Already installed: ${shown(link)} runs the Scopekeeper command.` };
  if (existing === null || (existing !== undefined && !isOurs(existing))) {
    return { outcome: 'conflict', message: `${shown(link)} already exists and is not Scopekeeper’s: it was left as it is. Remove or rename it, then try again.` };
  }
  // A new link under a temporary name, renamed over the old one: never a moment without a command.
  const temporary = `${link}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  symlinkSync(launcher, temporary);
  renameSync(temporary, link);
  const installed = `Installed: ${shown(link)} runs the Scopekeeper command.`;
  if (folder.onPath) return { outcome: 'installed', message: `${installed} Try \`scopekeeper --version\` in a new terminal.` };
  return {
    outcome: 'installed',
    message: `${installed} ${shown(folder.dir)} is not on your PATH yet: most systems add it when you next log in; otherwise add this line to ~/.profile.`,
    command: 'export PATH="$HOME/.local/bin:$PATH"',
  };
}

/** What a link points at; undefined when nothing is there, null when something that is not a link is. */
function linkTarget(path: string): string | null | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A link this button made before: to a launcher in a `cli` folder of an app (or of its AppImage copy). */
function isOurs(target: string): boolean {
  return basename(target) === 'scopekeeper' && basename(dirname(target)) === 'cli';
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function folderOnPath(shipped: ShippedCommand): { dir: string; onPath: boolean } | undefined {
  const inHome = (dir: string) => isAbsolute(dir) && !relative(shipped.home, dir).startsWith('..') && relative(shipped.home, dir) !== '';
  const entries = shipped.path.split(delimiter).filter((dir) => inHome(dir) && writable(dir));
  const preferred = [join(shipped.home, '.local', 'bin'), join(shipped.home, 'bin')].find((dir) => entries.includes(dir));
  const dir = preferred ?? entries[0];
  if (dir) return { dir, onPath: true };
  if (shipped.platform === 'darwin') {
    const systemBin = shipped.systemBin ?? '/usr/local/bin';
    return existsSync(systemBin) && writable(systemBin) ? { dir: systemBin, onPath: true } : undefined;
  }
  return { dir: join(shipped.home, '.local', 'bin'), onPath: false };
}

function keepCopy(launcher: string, keepDir: string): string {
  mkdirSync(dirname(keepDir), { recursive: true, mode: 0o700 });
  cpSync(dirname(launcher), keepDir, { recursive: true, force: true });
  return join(keepDir, basename(launcher));
}

function windowsPath(shipped: ShippedCommand): CommandInstall {
  const folder = win32.dirname(shipped.launcher);
  // Inside PowerShell's single quotes, a quote is doubled.
  const quoted = folder.replaceAll("'", "''");
  return {
    outcome: 'manual',
    message: `Add ${folder} to your PATH: run this in PowerShell, then open a new terminal and try \`scopekeeper --version\`.`,
    command: `[Environment]::SetEnvironmentVariable('Path', [Environment]::GetEnvironmentVariable('Path', 'User') + ';${quoted}', 'User')`,
  };
}

/** A POSIX shell word: single quotes, an inner quote as '\''. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
