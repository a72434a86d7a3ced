import { describe, expect, it, vi } from 'vitest';
import type { EventChannel, InvokeChannel } from './channels';
import type { IpcTransport } from './api';
import { listAskedEarly } from './early';

/** A transport whose answers are numbered by ask, with events pushed by hand. */
function transport(): IpcTransport & { asks: [InvokeChannel, unknown][]; push(channel: EventChannel): void; listeners(): number } {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const asks: [InvokeChannel, unknown][] = [];
  return {
    asks,
    invoke: vi.fn(async (channel: InvokeChannel, payload: unknown) => {
      asks.push([channel, payload]);
      return { ok: true, value: { answer: asks.length } };
    }),
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set.add(listener));
      return () => void set.delete(listener);
    },
    push(channel) {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({});
    },
    listeners: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

const FIRST = { withFirstDetail: true } as const;
const early: [InvokeChannel, unknown] = ['grants:list', FIRST];

describe('the list asked early', () => {
  it('is asked at once with the first detail, and the first such ask takes that answer instead of asking again', async () => {
    const ipc = transport();
    const list = listAskedEarly(ipc);
    expect(ipc.asks).toEqual([early]);
    await expect(list(FIRST)).resolves.toEqual({ ok: true, value: { answer: 1 } });
    expect(ipc.asks).toEqual([early]);
    expect(ipc.listeners()).toBe(0);
  });

  it('is not given to an ask for something else (the list alone), and is dropped then', async () => {
    const ipc = transport();
    const list = listAskedEarly(ipc);
    await expect(list()).resolves.toEqual({ ok: true, value: { answer: 2 } });
    expect(ipc.asks).toEqual([early, ['grants:list', undefined]]);
    await expect(list(FIRST)).resolves.toEqual({ ok: true, value: { answer: 3 } });
  });

  it('is taken once: every later ask goes to main', async () => {
    const ipc = transport();
    const list = listAskedEarly(ipc);
    await list(FIRST);
    await expect(list(FIRST)).resolves.toEqual({ ok: true, value: { answer: 2 } });
    await expect(list()).resolves.toEqual({ ok: true, value: { answer: 3 } });
  });

  it('is dropped when main says the connections changed before the window asked: the window gets a fresh answer', async () => {
    const ipc = transport();
    const list = listAskedEarly(ipc);
    ipc.push('grants:changed');
    expect(ipc.listeners()).toBe(0);
    await expect(list(FIRST)).resolves.toEqual({ ok: true, value: { answer: 2 } });
    expect(ipc.asks).toEqual([early, early]);
  });

  it('is not dropped by other events', async () => {
    const ipc = transport();
    const list = listAskedEarly(ipc);
    ipc.push('broker:changed');
    await expect(list(FIRST)).resolves.toEqual({ ok: true, value: { answer: 1 } });
  });

  it('leaves no unhandled rejection when it fails and nobody takes it', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const ipc = transport();
      vi.mocked(ipc.invoke).mockRejectedValueOnce(new Error('main went away'));
      const list = listAskedEarly(ipc);
      ipc.push('grants:changed');
      await expect(list(FIRST)).resolves.toEqual({ ok: true, value: { answer: 1 } });
      await new Promise((done) => setImmediate(done));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
