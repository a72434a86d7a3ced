import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const OUT_DIR = resolve(import.meta.dirname, '..', 'out');

/** Fails fast, with the fix in the message, instead of thirty timeouts. */
export default function globalSetup(): void {
  if (!['preload/index.cjs', 'renderer/index.html', 'cli/scopekeeper.mjs'].every((file) => existsSync(resolve(OUT_DIR, file)))) {
    throw new Error('The app is not built: run `npm run build` first (`npm run test:e2e` does it for you).');
  }
  if (process.env.E2E_TARGET === 'electron') {
    try {
      createRequire(import.meta.url)('electron');
    } catch (error) {
      throw new Error(
        `E2E_TARGET=electron needs the Electron binary, and it is not installed here (${(error as Error).message.split('\n')[0]}). ` +
          'Run the default headless target (`npm run test:e2e`), or install Electron on a machine that can download it.',
        { cause: error },
      );
    }
  }
}
