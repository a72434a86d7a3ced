import { vi } from 'vitest';
import type { ConnectionView, RemovalItem, RemovalResult, RemoveAllOutcome, RemoveAllPlan, RemoveAllProgress, RequestOf } from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/ipc/errors';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * The fake main process's Remove all: every connection (or one provider's) is planned as revoked
 * through the API, and a run removes them one by one from `data.connections`, pushing progress.
 * `failures` makes a connection's removal fail (it stays); `holds` keeps a run waiting before removing a connection, by id.
 */
export function fakeRemoveAll(data: { connections: ConnectionView[] }) {
  const listeners = new Set<(payload: RemoveAllProgress) => void>();
  const plans = new Map<string, RemovalItem[]>();
  const failures = new Map<string, AppError>();
  const holds = new Map<string, Promise<void>>();
  let count = 0;
  const emit = (payload: RemoveAllProgress): void => listeners.forEach((listener) => listener(payload));

  async function removeOne(planId: string, item: RemovalItem, index: number, of: number): Promise<RemovalResult> {
    emit({ planId, index, of, connectionId: item.connectionId, state: 'running' });
    await holds.get(item.connectionId);
    const error = failures.get(item.connectionId);
    const result: RemovalResult = error
      ? { connectionId: item.connectionId, state: 'failed', message: error.message, error }
      : { connectionId: item.connectionId, state: 'removed', message: `${item.providerName} revoked Scopekeeper’s access; the connection is removed.` };
    if (!error) data.connections = data.connections.filter((c) => c.id !== item.connectionId);
    emit({ planId, index, of, connectionId: item.connectionId, state: result.state, result });
    return result;
  }

  return {
    failures,
    holds,
    planRemoveAll: vi.fn(async ({ providerId }: RequestOf<'grants:plan-remove-all'>): Promise<Result<RemoveAllPlan>> => {
      const items = data.connections
        .filter((c) => providerId === undefined || c.providerId === providerId)
        .map((c): RemovalItem => ({
          connectionId: c.id,
          providerId: c.providerId,
          providerName: c.providerName,
          account: c.account,
          action: 'revoke',
          description: `Scopekeeper asks ${c.providerName} to revoke all of its access.`,
        }));
      const planId = `removal-${++count}`;
      plans.set(planId, items);
      return ok({ planId, ...(providerId === undefined ? {} : { providerId }), items });
    }),
    applyRemoveAll: vi.fn(async ({ planId }: RequestOf<'grants:apply-remove-all'>): Promise<Result<RemoveAllOutcome>> => {
      const items = plans.get(planId) ?? [];
      plans.delete(planId);
      const results: RemovalResult[] = [];
      for (const [index, item] of items.entries()) results.push(await removeOne(planId, item, index, items.length));
      return ok({ planId, results });
    }),
    onRemoveAllProgress: vi.fn((listener: (payload: RemoveAllProgress) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
  };
}
