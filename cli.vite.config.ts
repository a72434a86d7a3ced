import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The `scopekeeper` command (CLI and MCP server) as ONE self-contained ES module,
 * out/cli/scopekeeper.mjs: every package bundled in, so it runs from any folder with no
 * node_modules, under plain Node >= 20 or the app's own binary with ELECTRON_RUN_AS_NODE=1.
 * `npm run build` makes it after the app; electron-builder ships it (electron-builder.json).
 *
 * The one thing not bundled is the OS keychain binding (@napi-rs/keyring, a native module per
 * platform): electron/cli/secretStore.ts looks for it at run time next to the file
 * (node_modules/@napi-rs/keyring beside it, as the packages ship it) and uses the 0600 file when
 * it is not there. The entry is the command's own (electron/cli/main.ts), imported by nothing else.
 */
export default defineConfig({
  root: import.meta.dirname,
  // No public/ copying, no .env reading: nothing but the bundle.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(import.meta.dirname, 'electron/cli/main.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: {
        format: 'esm',
        entryFileNames: 'scopekeeper.mjs',
        codeSplitting: false,
        banner: '#!/usr/bin/env node',
      },
    },
  },
  // Bundle every dependency (an SSR build leaves them external by default).
  ssr: { noExternal: true, target: 'node' },
});
