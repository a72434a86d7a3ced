import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    setupFiles: ['renderer/src/testing/preloadViews.setup.ts'],
    // electron-store imports 'electron': inline it so the tests' vi.mock('electron') reaches it.
    server: { deps: { inline: ['electron-store'] } },
  },
});
