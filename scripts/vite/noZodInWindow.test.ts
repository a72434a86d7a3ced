import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { noZodInWindow } from './noZodInWindow';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Builds a two-module page: main.js imports `{ LIMIT }` from values.js, whose other lines are `valuesBody`. */
async function buildPage(valuesBody: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scopekeeper-nozod-'));
  writeFileSync(join(dir, 'values.js'), `import { z } from 'zod';\nexport const LIMIT = 3;\n${valuesBody}\n`);
  writeFileSync(join(dir, 'main.js'), `import { LIMIT } from './values.js';\ndocument.title = String(LIMIT);\n`);
  await build({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    resolve: { alias: { zod: join(ROOT, 'node_modules', 'zod') } },
    plugins: [noZodInWindow()],
    build: { write: false, lib: { entry: join(dir, 'main.js'), formats: ['es'], fileName: 'main' } },
  });
}

describe('noZodInWindow', () => {
  it('fails the build when a constant is imported from a module that builds schemas, naming that module', async () => {
    await expect(buildPage('export const schema = z.object({ n: z.number().max(LIMIT) });')).rejects.toThrow(/zod is in the window's chunk .*values\.js/);
  });

  it('passes when zod is imported but nothing of it is kept', async () => {
    await expect(buildPage('export const unused = () => z;')).resolves.toBeUndefined();
  });
});
