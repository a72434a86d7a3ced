import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, 'main.ts');
const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No broker anywhere: --version must not need the app.
    const env = { ...process.env, SCOPEKEEPER_BROKER: join(import.meta.dirname, 'no-such-broker.sock') };
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('scopekeeper --version', () => {
  it.each([['--version'], ['-v']])('%s prints the version from package.json and exits 0 without the app', { timeout: 60_000 }, async (flag) => {
    const result = await run([flag]);
    expect(result).toEqual({ code: 0, stdout: `scopekeeper ${VERSION}\n`, stderr: '' });
  });

  it('wins over a command, so a script can check the version before anything connects', { timeout: 60_000 }, async () => {
    expect(await run(['mcp', '--version'])).toEqual({ code: 0, stdout: `scopekeeper ${VERSION}\n`, stderr: '' });
  });
});
