import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The command's source entry, run through tsx as `npm run` would run it from source. */
export const CLI_ENTRY = join(import.meta.dirname, '..', 'cli', 'main.ts');

/** Node's arguments that run the command from source: add the command's own after them. */
export const CLI_NODE_ARGS = ['--import', 'tsx', CLI_ENTRY] as const;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scopekeeper …args` as a real child process with exactly `env`, and what it printed. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI_NODE_ARGS, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
