import { describe, expect, it } from 'vitest';
import { ScopekeeperError } from '../../shared/ipc/errors';
import { lazyModule } from './lazyModule';

/** An importer whose answers the test gives, one per call, counting its calls. */
function importer<M>() {
  const pending: { resolve: (module: M) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<M>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

describe('a module loaded when first needed', () => {
  it('is not loaded until asked, then loaded once however many ask at once', async () => {
    const source = importer<{ answer: number }>();
    const lazy = lazyModule('the answer', source.load);
    expect(source.pending).toHaveLength(0);
    expect(lazy.loaded()).toBeUndefined();
    expect(() => lazy.get()).toThrow('the answer was used before it was loaded.');
    const burst = Array.from({ length: 20 }, () => lazy.load());
    expect(source.pending).toHaveLength(1);
    source.pending[0]!.resolve({ answer: 42 });
    expect(new Set(await Promise.all(burst)).size).toBe(1);
    expect(lazy.get()).toEqual({ answer: 42 });
    expect(lazy.loaded()).toBe(lazy.get());
    await lazy.load();
    expect(source.pending).toHaveLength(1);
  });

  it('a failed load is a typed error naming the module, and the next use tries again', async () => {
    const source = importer<{ answer: number }>();
    const lazy = lazyModule('the answer', source.load);
    const first = lazy.load();
    const alsoFirst = lazy.load();
    source.pending[0]!.reject(new Error("Cannot find package 'answer'"));
    for (const failed of [first, alsoFirst]) {
      const error = await failed.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ScopekeeperError);
      expect(error).toMatchObject({ code: 'INTERNAL', details: { reason: 'module-unavailable', module: 'the answer' } });
      expect((error as Error).message).toBe("Scopekeeper could not load the answer (Cannot find package 'answer'): try again, or reinstall Scopekeeper if this keeps happening.");
    }
    expect(lazy.loaded()).toBeUndefined();
    const again = lazy.load();
    expect(source.pending).toHaveLength(2);
    source.pending[1]!.resolve({ answer: 7 });
    expect(await again).toEqual({ answer: 7 });
  });

  it('loading soon starts one load after the current work, leaves a failure to the next use, and is not repeated while loading', async () => {
    const source = importer<{ answer: number }>();
    const lazy = lazyModule('the answer', source.load);
    lazy.loadSoon();
    lazy.loadSoon();
    expect(source.pending).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.pending).toHaveLength(1);
    lazy.loadSoon();
    // No unhandled rejection: vitest fails the run on one.
    source.pending[0]!.reject(new Error('disk error'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lazy.loaded()).toBeUndefined();
    const next = lazy.load();
    expect(source.pending).toHaveLength(2);
    source.pending[1]!.resolve({ answer: 1 });
    expect(await next).toEqual({ answer: 1 });
  });
});
