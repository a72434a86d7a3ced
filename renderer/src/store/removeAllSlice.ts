import type { RemovalItem, RemovalResult, RemoveAllPlan, RemoveAllProgress } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

/** A Remove all run the person confirmed: its connections, the one being removed, and each result so far. */
export interface RemoveAllRun {
  planId: string;
  /** Set when the run covers one provider's connections. */
  providerId?: string;
  items: RemovalItem[];
  /** The index of the connection being removed; null between connections and once finished. */
  current: number | null;
  results: Record<string, RemovalResult>;
  finished: boolean;
}

export interface RemoveAllSlice {
  /** The plan shown for confirmation; null otherwise. Nothing is removed while it is shown. */
  removeAllPlan: RemoveAllPlan | null;
  /** The latest run, kept after it finished so its failures stay visible. */
  removeAllRun: RemoveAllRun | null;
  planningRemoveAll: boolean;
  /** Every connection, or one provider's, with what removing it does at the provider. */
  planRemoveAll(providerId?: string): Promise<void>;
  /** Drops the plan unapplied (Keep them, Escape): nothing changes. */
  cancelRemoveAll(): void;
  /** Runs the plan the person confirmed; a second call while a run goes does nothing. */
  confirmRemoveAll(): Promise<void>;
  applyRemoveAllProgress(progress: RemoveAllProgress): void;
}

/** True while a confirmed Remove all is still removing connections. */
export function isRemoveAllRunning(state: { removeAllRun: RemoveAllRun | null }): boolean {
  return state.removeAllRun !== null && !state.removeAllRun.finished;
}

export const createRemoveAllSlice: SliceCreator<RemoveAllSlice> = (set, get) => ({
  removeAllPlan: null,
  removeAllRun: null,
  planningRemoveAll: false,

  async planRemoveAll(providerId) {
    if (get().planningRemoveAll || get().removeAllPlan !== null || isRemoveAllRunning(get())) return;
    set({ planningRemoveAll: true });
    const result = await call(() => getBridge().grants.planRemoveAll(providerId === undefined ? {} : { providerId }));
    set({ planningRemoveAll: false });
    if (!result.ok) {
      get().reportError(result.error, undefined, 'change', PLACES.removeAll);
      return;
    }
    if (result.value.items.length === 0) {
      get().showNotice('There are no connections to remove.', PLACES.removeAll);
      void get().loadConnections();
      return;
    }
    set({ removeAllPlan: result.value, error: null, errorProviderName: null, errorDuring: null, notice: null });
  },

  cancelRemoveAll() {
    set({ removeAllPlan: null });
  },

  async confirmRemoveAll() {
    const plan = get().removeAllPlan;
    if (plan === null || isRemoveAllRunning(get())) return;
    const { planId, providerId, items } = plan;
    set({ removeAllPlan: null, removeAllRun: { planId, ...(providerId !== undefined ? { providerId } : {}), items, current: null, results: {}, finished: false } });
    const result = await call(() => getBridge().grants.applyRemoveAll({ planId }));
    const run = get().removeAllRun;
    if (run?.planId !== planId) return;
    const results = result.ok ? Object.fromEntries(result.value.results.map((r) => [r.connectionId, r])) : {};
    set({ removeAllRun: { ...run, current: null, results: { ...run.results, ...results }, finished: true } });
    if (!result.ok) get().reportError(result.error, undefined, 'change', PLACES.removeAll);
    void get().loadConnections();
    void get().loadRemovedConnections();
  },

  applyRemoveAllProgress(progress) {
    const run = get().removeAllRun;
    if (run?.planId !== progress.planId || run.finished) return;
    const { result } = progress;
    set({
      removeAllRun: {
        ...run,
        current: progress.state === 'running' ? progress.index : null,
        results: result ? { ...run.results, [result.connectionId]: result } : run.results,
      },
    });
  },
});
