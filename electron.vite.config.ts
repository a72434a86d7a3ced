import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { prerenderShell } from './scripts/vite/prerenderShell';
import { noZodInWindow } from './scripts/vite/noZodInWindow';
import { BUNDLED_IN_MAIN } from './scripts/vite/bundledInMain';

/**
 * In `npm start` only, Vite's dev server injects an inline React Refresh script and inline
 * styles, which the page's strict CSP would block. Relax it for the dev server alone; the built
 * app keeps `script-src 'self'` and `style-src 'self'`.
 */
function devServerCsp(): Plugin {
  return {
    name: 'scopekeeper-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws:"),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: [...BUNDLED_IN_MAIN] },
      // The `scopekeeper` command is built on its own, self-contained: cli.vite.config.ts.
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything else into one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [
      react(),
      devServerCsp(),
      noZodInWindow(),
      prerenderShell({ root: resolve(import.meta.dirname, 'renderer'), shellModule: '/src/shell.tsx', plugins: [react()] }),
    ],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
        // Everything the first frame loads is one file: the modules the lazy views share with it
        // would otherwise be split into chunks of their own, each one more request before the
        // window's code can run. The lazy views stay chunks and import what they share from it.
        output: { codeSplitting: { groups: [{ name: 'window', tags: ['$initial'] }] } },
      },
    },
  },
});
