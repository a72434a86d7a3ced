import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

/**
 * Import boundaries: who may import what. The folders are the layers (README.md, "Layout"):
 * shared/ is imported by both sides and imports nothing platform-specific; the renderer is a
 * sandboxed web page that reaches the main process only through window.scopekeeper; electron/core
 * is what every host runs (electron/main, electron/headless, electron/cli) and imports none of them
 * or the UI; only electron/main and electron/preload import 'electron'; and tests import the
 * product, never the other way round.
 *
 * Folder rules use import-x/no-restricted-paths, which resolves each import to the file it loads,
 * so no spelling of a relative path ('../../renderer/x', './../../renderer/x') gets past them.
 * Package names (Node built-ins, 'electron', React) have no file in the repo: no-restricted-imports
 * keeps those out.
 */
const root = import.meta.dirname;
const inRepo = (glob) => `${root}/${glob}`;

/** Product code: what the app, the `scopekeeper` command, the Sandbox and the build's first frame run. */
const productDirs = ['electron', 'renderer', 'shared', 'bin', 'scripts/vite'];
/** Unit tests and the helpers only tests use (the testing/ folders: fakes, fixtures); e2e/ is test code too. */
const testFiles = ['**/*.test.*', '**/testing/**'];

/** no-restricted-imports options from lists of forbidden package names and name patterns. */
const packages = (...lists) => [
  'error',
  { paths: lists.flatMap((list) => list.paths), patterns: lists.flatMap((list) => list.patterns) },
];
const forbid = (names, message) => ({
  paths: names.map((name) => ({ name, message })),
  patterns: [{ group: names.map((name) => `${name}/*`), message }],
});
const noElectron = forbid(['electron'], "Only electron/main and electron/preload may import 'electron'.");
const noNode = (message) => ({
  paths: builtinModules.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*'], message }],
});
const noUi = forbid(['react', 'react-dom'], 'shared/ is free of UI code.');
/**
 * Packages main loads when first needed, not at start (electron/core/lazyModule.ts): what main
 * starts with (core, its hosts, shared) imports their types only. A package's value import is
 * checked by @typescript-eslint's rule, which alone tells `import type` apart.
 */
const deferredPackages = ['openid-client', '@modelcontextprotocol/sdk', 'papaparse'];
const deferredMessage = 'Loaded when first needed, not at start: `import type` only, and the module through its loader (electron/core/lazyModule.ts; oauth/openidClient.ts, remoteMcp/mcpSdk.ts, grants/export.ts).';
const loadedWhenNeeded = [
  'error',
  {
    paths: deferredPackages.map((name) => ({ name, message: deferredMessage, allowTypeImports: true })),
    patterns: [{ group: deferredPackages.map((name) => `${name}/*`), message: deferredMessage, allowTypeImports: true }],
  },
];

/** electron/core ↛ the UI and the Electron shell, in product code and in its tests alike. */
const coreIsNotUi = {
  target: 'electron/core',
  from: ['renderer', 'electron/main', 'electron/preload'],
  message: 'electron/core runs without Electron and without the window: the UI and the Electron shell build on it, not the other way round.',
};
/** electron/core ↛ its hosts and the Sandbox (core's tests run core against them, so only product code). */
const coreIsNotAHost = {
  target: 'electron/core',
  from: ['electron/headless', 'electron/sandbox', 'electron/cli'],
  message: 'electron/core is what every host runs: the headless host, the CLI and the Sandbox build on it, not the other way round.',
};
const rendererIsNotElectron = {
  target: 'renderer',
  from: 'electron',
  message: 'The renderer reaches the main process only through window.scopekeeper; code both sides need lives in shared/.',
};
/** The renderer's tests run in a DOM like the renderer itself (product code is kept from e2e/ by productIsNotTests). */
const rendererTestsAreNotE2e = {
  target: 'renderer',
  from: 'e2e',
  message: "The renderer's tests run in a DOM, like the renderer: e2e/ is Playwright and Node code.",
};
const sharedImportsOnlyShared = {
  target: 'shared',
  from: '**',
  except: [inRepo('shared/**'), inRepo('node_modules/**')],
  message: 'shared/ is imported by the main process and the renderer alike: it imports only shared/ and packages.',
};
const productIsNotTests = {
  target: productDirs,
  from: ['e2e/**', ...testFiles],
  message: 'Product code does not import e2e/, a testing/ folder or a *.test.* file: tests import the product, never the reverse.',
};

/**
 * Inside electron/core the folders are layers, listed bottom first: a folder imports only from the
 * layers below its own, never a sibling of its own layer, so core has no cycles between folders.
 */
const coreLayers = [
  ['ports.ts', 'lazyModule.ts'],
  ['security', 'files'],
  ['schedule'],
  ['vault', 'oauth', 'clients', 'ipc'],
  ['notify', 'policy', 'remoteMcp'],
  ['grants', 'desktop'],
  ['broker'],
  ['review'],
  ['ipcHandlers.ts'],
  ['createCore.ts'],
];
const coreLayering = coreLayers.flatMap((layer, index) =>
  layer.map((part) => ({
    target: `electron/core/${part}`,
    from: coreLayers.slice(index).flat().filter((other) => other !== part).map((other) => `electron/core/${other}`),
    message: `electron/core/${part} builds only on the core layers below it (eslint.config.js, coreLayers): move what both need down.`,
  })),
).filter((zone) => zone.from.length > 0);

/**
 * The renderer's features in one order: a feature imports only features after its own (and ui/,
 * store/, shared/); what two features share lives in renderer/src/ui. ui/ and store/ import no feature.
 */
const featureOrder = ['connections', 'settings', 'broker', 'review', 'shell', 'clients', 'providers', 'changes', 'flow', 'history', 'notices', 'vault'];
const featureLayering = [
  ...featureOrder.slice(1).map((feature, index) => ({
    target: `renderer/src/features/${feature}`,
    from: featureOrder.slice(0, index + 1).map((earlier) => `renderer/src/features/${earlier}`),
    message: `renderer/src/features/${feature} comes after these features (eslint.config.js, featureOrder): share through renderer/src/ui instead.`,
  })),
  {
    target: ['renderer/src/ui', 'renderer/src/store'],
    from: 'renderer/src/features',
    message: 'renderer/src/ui and store are what the features build on: they import no feature.',
  },
];

const resolver = createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'] });
/** One config for a set of files carries all its zones: a later config's options replace, not add to, an earlier one's. */
const importBoundaries = (zones) => ({
  plugins: { 'import-x': importX },
  settings: { 'import-x/resolver-next': [resolver] },
  rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: productDirs.map((dir) => `${dir}/**`),
    ignores: testFiles,
    ...importBoundaries([coreIsNotUi, coreIsNotAHost, rendererIsNotElectron, sharedImportsOnlyShared, productIsNotTests, ...coreLayering, ...featureLayering]),
  },
  {
    // One concern a file, and a function that fits on a screen; the catalog's provider data is data.
    files: productDirs.map((dir) => `${dir}/**/*.{ts,tsx,js,mjs}`),
    ignores: [...testFiles, '**/*.d.ts', 'shared/catalog/{atlassian,generic,github,google,microsoft,oidc,sandbox,slack}.ts'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    files: testFiles,
    ...importBoundaries([coreIsNotUi, rendererIsNotElectron, rendererTestsAreNotE2e, sharedImportsOnlyShared]),
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': packages(noElectron, noNode('shared/ runs in the renderer too: no Node built-ins.'), noUi) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': packages(noElectron, noNode('The renderer is a sandboxed web page: no Node built-ins.')),
    },
  },
  {
    files: ['electron/headless/browserShim.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['electron/{core,headless,sandbox,cli,testing}/**/*.ts', 'bin/**/*.js', 'scripts/vite/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': packages(noElectron) },
  },
  {
    // What the app's main process (and the headless host) loads at start.
    files: ['electron/{core,main,headless}/**/*.ts', 'shared/**/*.ts'],
    ignores: testFiles,
    rules: { '@typescript-eslint/no-restricted-imports': loadedWhenNeeded },
  },
);
