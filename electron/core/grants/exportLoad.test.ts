import { describe, expect, it, vi } from 'vitest';

/** papaparse, recorded as it is imported: the CSV writer is loaded by the first export, not when main starts. */
const imported = vi.hoisted(() => ({ papaparse: 0 }));
vi.mock('papaparse', async (importOriginal) => {
  imported.papaparse += 1;
  return importOriginal();
});

describe('the CSV writer, loaded for the first export', () => {
  it('is not loaded by what main and the headless host load at start, and is by the first export', async () => {
    await import('../createCore');
    await import('../../headless/host');
    expect(imported.papaparse).toBe(0);
    const { csvWriter, exportPermissions } = await import('./export');
    expect(() => exportPermissions('csv', [], [], new Date(0))).toThrow(/used before it was loaded/);
    await csvWriter.load();
    expect(imported.papaparse).toBe(1);
    expect(exportPermissions('csv', [], [], new Date(0)).content.trim()).toBe('provider,account,scope,title,access_level,granted_at,source');
  });
});
