import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderStores } from '../headless/adapters';
import { createCore } from './createCore';
import { createIpcBinding } from './ipc/binding';

const usageLine = (at: string): string =>
  JSON.stringify({ at, toolId: 't', tool: 'my-agent', connectionId: 'c', action: 'read-files', method: 'GET', host: 'h', path: '/', outcome: 'ok', durationMs: 1 });

describe('damaged log lines, as the window hears of them', () => {
  it('app:status names each log, how many lines were set aside and where, once per damaged line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sk-set-aside-'));
    writeFileSync(join(dataDir, 'broker-usage.jsonl'), `${usageLine('2026-11-30T10:00:00.000Z')}\n{"torn":\n\u0000\u0000\n${usageLine('2026-11-30T10:00:01.000Z')}\n`);
    writeFileSync(join(dataDir, 'history.jsonl'), 'not an entry\n');
    const start = () => {
      const core = createCore({ ...dataFolderStores(dataDir), browser: { open: async () => undefined }, clock: { now: () => new Date() }, fetch: globalThis.fetch, config: {} }, () => undefined);
      return { core, invoke: createIpcBinding(core.handlers, () => true) };
    };
    const { core, invoke } = start();
    const status = await invoke('app:status', undefined, { url: 'app://window', isMainFrame: true });
    expect(status).toMatchObject({
      ok: true,
      value: {
        setAside: [
          { log: 'history', lines: 1, fileName: 'history.damaged.jsonl' },
          { log: 'tool-calls', lines: 2, fileName: 'broker-usage.damaged.jsonl' },
        ],
      },
    });
    expect(JSON.stringify(status)).not.toContain(dataDir);
    expect(readFileSync(join(dataDir, 'broker-usage.damaged.jsonl'), 'utf8')).toBe('{"torn":\n\u0000\u0000\n');
    // Asked again in the same run: the same report, not doubled.
    expect(await invoke('app:status', undefined, { url: 'app://window', isMainFrame: true })).toEqual(status);
    await core.dispose();

    // The next start finds the logs clean: nothing to say.
    const again = start();
    const next = await again.invoke('app:status', undefined, { url: 'app://window', isMainFrame: true });
    expect(next).toMatchObject({ ok: true });
    expect(next.ok && (next.value as { setAside?: unknown }).setAside).toBeUndefined();
    await again.core.dispose();
  });
});
