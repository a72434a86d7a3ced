import { randomUUID } from 'node:crypto';
import type { ConnectionView, RemovalAction, RemovalItem, RemovalResult, RemoveAllOutcome, RemoveAllPlan } from '../../../shared/ipc/contract';
import { ScopekeeperError, toAppError } from '../../../shared/ipc/errors';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import type { ChangeService } from './changes';
import type { Connections } from './connections';
import type { PlanDraft, PlanStrategy } from './plan';

const PLAN_LIFETIME_MS = 10 * 60_000;

/** A saved connection as Remove all sees it. */
export interface RemovalSubject {
  connection: Pick<ConnectionView, 'id' | 'providerId' | 'providerName' | 'account'>;
  /**
   * What Remove connection does for it (`planDisconnect`, the one home of that knowledge), or why
   * it cannot be done from this computer (no client or provider here, a record that cannot be shown).
   */
  disconnect: Pick<PlanDraft, 'strategy' | 'steps' | 'providerRemembers'> | { unavailable: string };
}

/** A planned removal and the path that carries it out: Remove connection, or Forget. */
export type PlannedRemoval = RemovalItem & { via: 'disconnect' | 'forget' };

/** What a disconnect plan's strategy does at the provider, as Remove all names it. */
export function removalAction(strategy: PlanStrategy): RemovalAction {
  if (strategy === 'revoke-all') return 'revoke';
  if (strategy === 'console-only') return 'open-console';
  return 'remove-here';
}

/**
 * Remove all, planned: for each connection what happens at its provider (revoked through its API,
 * its page opened because it has none, or removed here only) in the words of its disconnect plan.
 * Grouped by provider, in the order given within one. Pure: nothing is asked or removed.
 */
export function planRemoveAll(subjects: readonly RemovalSubject[]): PlannedRemoval[] {
  const items = subjects.map(({ connection, disconnect }): PlannedRemoval => {
    const base = { connectionId: connection.id, providerId: connection.providerId, providerName: connection.providerName, account: connection.account };
    if ('unavailable' in disconnect) {
      return {
        ...base,
        action: 'remove-here',
        via: 'forget',
        description: `Removed here only. ${disconnect.unavailable} ${connection.providerName} keeps the grant until you remove it in its own settings.`,
      };
    }
    const sentences = [disconnect.providerRemembers, ...disconnect.steps.map((s) => s.description)].filter((s) => s !== undefined);
    return { ...base, action: removalAction(disconnect.strategy), via: 'disconnect', description: sentences.join(' ') };
  });
  return items.sort((a, b) => a.providerName.localeCompare(b.providerName));
}

interface StoredRemoval {
  items: PlannedRemoval[];
  expiresAt: number;
}

/**
 * Remove all: a plan shown first, then each connection removed in turn through the usual Remove
 * connection (or Forget where that is all this computer can do), each with its own result. A
 * failure leaves that connection saved and the run goes on; what was removed stays removed.
 */
export class RemoveAll {
  private readonly plans = new Map<string, StoredRemoval>();
  private running = false;

  constructor(
    private readonly connections: Pick<Connections, 'views' | 'forget'>,
    private readonly changes: Pick<ChangeService, 'disconnectDraft' | 'planDisconnect' | 'apply'>,
    private readonly clock: Clock,
    private readonly emit: Emit,
  ) {}

  /** Every connection (or one provider's) and what removing it does; nothing is removed. */
  async plan(providerId?: string): Promise<RemoveAllPlan> {
    const views = this.connections.views().filter((c) => providerId === undefined || c.providerId === providerId);
    const items = planRemoveAll(await Promise.all(views.map((view) => this.subject(view))));
    const now = this.clock.now().getTime();
    for (const [id, stored] of this.plans) if (stored.expiresAt < now) this.plans.delete(id);
    const planId = randomUUID();
    this.plans.set(planId, { items, expiresAt: now + PLAN_LIFETIME_MS });
    return { planId, ...(providerId !== undefined ? { providerId } : {}), items: items.map(({ via: _via, ...item }) => item) };
  }

  /** Carries out a confirmed plan once, one connection after the other; a second run waits for none: it is refused. */
  async apply(planId: string): Promise<RemoveAllOutcome> {
    // Checked and set before anything awaits, so two clicks cannot both start a run.
    if (this.running) {
      throw new ScopekeeperError('CHANGE_REFUSED', 'Remove all is already running.', { reason: 'removal-running' });
    }
    const plan = this.plans.get(planId);
    this.plans.delete(planId);
    if (!plan || plan.expiresAt < this.clock.now().getTime()) {
      throw new ScopekeeperError('PLAN_STALE', 'This removal was not confirmed in time. Review it again.');
    }
    this.running = true;
    try {
      const results: RemovalResult[] = [];
      const of = plan.items.length;
      for (const [index, item] of plan.items.entries()) {
        this.emit('grants:remove-all-progress', { planId, index, of, connectionId: item.connectionId, state: 'running' });
        const result = await this.removeOne(item);
        results.push(result);
        this.emit('grants:remove-all-progress', { planId, index, of, connectionId: item.connectionId, state: result.state, result });
      }
      return { planId, results };
    } finally {
      this.running = false;
    }
  }

  private async removeOne(item: PlannedRemoval): Promise<RemovalResult> {
    try {
      if (item.via === 'forget') {
        await this.connections.forget(item.connectionId);
        return { connectionId: item.connectionId, state: 'removed', message: `Removed here only. ${item.providerName} still has the grant.` };
      }
      const change = await this.changes.planDisconnect(item.connectionId);
      // What happens at the provider must be what the person confirmed.
      if (removalAction(change.strategy) !== item.action) {
        throw new ScopekeeperError('PLAN_STALE', 'This connection changed after you confirmed; it was not removed. Review it again.');
      }
      const outcome = await this.changes.apply(change.planId);
      return { connectionId: item.connectionId, state: 'removed', message: outcome.message };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'CONNECTION_NOT_FOUND') {
        return { connectionId: item.connectionId, state: 'removed', message: 'It was no longer saved here when its turn came: it had been removed another way.' };
      }
      return { connectionId: item.connectionId, state: 'failed', message: appError.message, error: appError };
    }
  }

  private async subject(view: ConnectionView): Promise<RemovalSubject> {
    if (view.damaged) return { connection: view, disconnect: { unavailable: view.damaged.reason } };
    try {
      return { connection: view, disconnect: (await this.changes.disconnectDraft(view.id)).draft };
    } catch (error) {
      // No provider or client for it here: this computer can only forget it. Anything else is a real failure.
      if (error instanceof ScopekeeperError && error.code === 'PROVIDER_UNKNOWN') return { connection: view, disconnect: { unavailable: error.message } };
      throw error;
    }
  }
}
