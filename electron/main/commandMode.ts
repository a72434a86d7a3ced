import { app } from 'electron';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { COMMAND_SWITCH } from '../cli/commandSwitch';
import type { McpStdio } from '../cli/mcp';

/**
 * The app's own binary as the `scopekeeper` command, for people without Node.js:
 * `<app binary> --scopekeeper-command <command arguments>` (what resources/cli's launchers run
 * when no Node 20 is on PATH). RunAsNode stays off: the binary runs no script it is given, only
 * the command compiled into its own app.asar (electron/cli/command.ts, imported below by a fixed
 * path the build resolves), with the arguments as the command's own, which its strict parser checks.
 */
export { COMMAND_SWITCH };

/**
 * The command's arguments when COMMAND_SWITCH is the first argument given to the app, exactly;
 * undefined otherwise (then the app starts as always). An unpackaged run (`electron <folder> …`,
 * process.defaultApp) has the app's folder first.
 */
export function commandArguments(argv: readonly string[], defaultApp: boolean): string[] | undefined {
  const first = defaultApp ? 2 : 1;
  return argv[first] === COMMAND_SWITCH ? argv.slice(first + 1) : undefined;
}

/**
 * Runs the command and exits with its status; nothing of the app starts (no lock, window, broker,
 * tray or scheme). Called before `ready`, before anything else the entry does.
 */
export function runAsCommand(args: string[]): void {
  app.disableHardwareAcceleration();
  if (process.platform === 'darwin') app.dock?.hide();
  // Chromium's own files for this process stay out of the app's data folder (where the vault is).
  app.setPath('userData', join(app.getPath('userData'), 'command'));
  // Electron's default answer to an uncaught error is a dialog: a command prints it and fails.
  process.on('uncaughtException', (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    void exitWith(1);
  });
  void import('../cli/command')
    .then(({ runCommand }) => runCommand(args, commandStdio()))
    .then(exitWith, (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      return exitWith(1);
    });
}

/** Exits once what the command printed has reached stdout and stderr (app.exit does not wait). */
async function exitWith(status: number): Promise<void> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  app.exit(status);
}

/**
 * On Windows Electron replaces the main process's process.stdin with an empty stream (its
 * lib/common/init.ts), so `scopekeeper mcp` reads file descriptor 0 itself: the pipe an MCP host
 * hands the process. Elsewhere process.stdin works as in Node. No readable handle ends the input.
 */
function commandStdio(): McpStdio | undefined {
  if (process.platform !== 'win32') return undefined;
  const stdin = new PassThrough();
  createReadStream('', { fd: 0, autoClose: false })
    .on('error', () => stdin.end())
    .pipe(stdin);
  return { stdin, stdout: process.stdout };
}
