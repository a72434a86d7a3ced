import { describe, expect, it, vi } from 'vitest';
import type { AppError, Result } from '../../../shared/ipc/errors';
import { latestRequestLoader } from './latestRequest';

/** A request the test answers by hand, in whatever order it likes. */
function deferred<T>(): { promise: Promise<Result<T>>; answer(result: Result<T>): void } {
  let answer!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => {
    answer = resolve;
  });
  return { promise, answer };
}

function harness() {
  const pending: ReturnType<typeof deferred<string>>[] = [];
  const statuses: string[] = [];
  const loaded: string[] = [];
  const reportError = vi.fn<(error: AppError) => void>();
  const loader = latestRequestLoader(() => ({ reportError }), {
    request: () => {
      const next = deferred<string>();
      pending.push(next);
      return next.promise;
    },
    setStatus: (status) => statuses.push(status),
    loaded: (value) => loaded.push(value),
  });
  return { loader, pending, statuses, loaded, reportError };
}

const failure: AppError = { code: 'INTERNAL', message: 'broken' };

describe('latestRequestLoader', () => {
  it('marks the load as started and takes its answer in', async () => {
    const { loader, pending, statuses, loaded } = harness();
    const load = loader.load();
    expect(statuses).toEqual(['loading']);
    pending[0]!.answer({ ok: true, value: 'first' });
    await load;
    expect(loaded).toEqual(['first']);
  });

  it('drops an earlier answer that arrives after a newer request was asked', async () => {
    const { loader, pending, loaded } = harness();
    const first = loader.load();
    const second = loader.load();
    pending[1]!.answer({ ok: true, value: 'newer' });
    await second;
    pending[0]!.answer({ ok: true, value: 'older' });
    await first;
    expect(loaded).toEqual(['newer']);
  });

  it('drops an earlier failure too, and reports only the newest one', async () => {
    const { loader, pending, statuses, loaded, reportError } = harness();
    const first = loader.load();
    const second = loader.load();
    pending[0]!.answer({ ok: false, error: failure });
    await first;
    expect(reportError).not.toHaveBeenCalled();
    pending[1]!.answer({ ok: false, error: failure });
    await second;
    expect(statuses).toEqual(['loading', 'loading', 'error']);
    expect(reportError).toHaveBeenCalledExactlyOnceWith(failure);
    expect(loaded).toEqual([]);
  });

  it('drops the answers still on their way once superseded', async () => {
    const { loader, pending, loaded } = harness();
    const load = loader.load();
    loader.supersede();
    pending[0]!.answer({ ok: true, value: 'stale' });
    await load;
    expect(loaded).toEqual([]);
  });

  it('reports a request that throws as an internal error', async () => {
    const reportError = vi.fn<(error: AppError) => void>();
    const statuses: string[] = [];
    const loader = latestRequestLoader(() => ({ reportError }), {
      request: () => Promise.reject(new Error('no bridge')),
      setStatus: (status) => statuses.push(status),
      loaded: () => undefined,
    });
    await loader.load();
    expect(statuses).toEqual(['loading', 'error']);
    expect(reportError).toHaveBeenCalledExactlyOnceWith({ code: 'INTERNAL', message: 'no bridge' });
  });
});
