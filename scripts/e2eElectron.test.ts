import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

describe('npm run test:e2e:electron (scripts/e2e-electron.mjs)', () => {
  it('without an Electron binary stops at once, before building, with one sentence', async () => {
    // The electron package looks for its binary in ELECTRON_OVERRIDE_DIST_PATH: an empty folder here.
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'e2e-electron.mjs')], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'scopekeeper-no-electron-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((done) => child.on('close', done));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'E2E_TARGET=electron needs the Electron binary, which is not installed here and could not be downloaded; run the headless target with `npm run test:e2e` instead.\n',
    );
  });
});
