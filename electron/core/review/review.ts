import { reviewConnection, type ReviewedConnection } from '../../../shared/review/advisor';
import type { ReviewView } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { ToolStore } from '../broker/toolStore';
import type { UsageLog } from '../broker/usageLog';
import type { ProviderRegistry } from '../grants/providers';
import { newActionIds, newActionsOff } from '../grants/newActions';
import type { Clock } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { ReviewFile } from './reviewFile';

export interface ReviewSources {
  vault: Pick<Vault, 'list' | 'settings'>;
  providers: Pick<ProviderRegistry, 'get'>;
  toolStore: Pick<ToolStore, 'list'>;
  usageLog: Pick<UsageLog, 'uses'>;
  clock: Clock;
  file: ReviewFile;
}

/**
 * Review and tighten: the advisor's suggestions (shared/review/advisor.ts) computed now from the
 * vault, the broker's usage log and the tools' approvals, less those the person dismissed. Each
 * suggestion's button goes through the usual change plan in the window; nothing here changes a grant.
 */
export class ReviewService {
  constructor(private readonly sources: ReviewSources) {}

  list(): ReviewView {
    const { vault, clock, file } = this.sources;
    const now = clock.now().getTime();
    const days = file.days();
    const approved = this.approvedActions(now);
    const suggestions = vault
      .list()
      .flatMap((record) => reviewConnection(this.reviewed(record, approved.get(record.id) ?? []), now, days))
      .filter((s) => !file.isDismissed(s.id, now));
    return { unusedDays: days, suggestions, newActions: this.newActions() };
  }

  /** Per connection, the actions an update brought and the person has not reviewed. */
  private newActions(): NonNullable<ReviewView['newActions']> {
    const { vault, providers } = this.sources;
    return vault.list().flatMap((record) => {
      const info = providers.get(record.providerId)?.info;
      const fresh = info ? newActionIds(info, record) : [];
      if (!info || fresh.length === 0) return [];
      const off = newActionsOff(record, vault.settings());
      const actions = info.actions.filter((a) => fresh.includes(a.id)).map((a) => ({ id: a.id, title: a.title, off }));
      return [{ connectionId: record.id, providerName: info.name, account: record.account, actions }];
    });
  }

  /** Keeps a suggestion listed now away for 90 days; any other id is refused and nothing is written. */
  dismiss(suggestionId: string): ReviewView {
    if (!this.list().suggestions.some((s) => s.id === suggestionId)) {
      throw new ScopekeeperError('INVALID_REQUEST', 'There is no such suggestion to dismiss now; the list may have changed.');
    }
    this.sources.file.dismiss(suggestionId, this.sources.clock.now().getTime());
    return this.list();
  }

  setUnusedDays(days: number): ReviewView {
    this.sources.file.setDays(days);
    return this.list();
  }

  /** Per connection, the actions some tool's approval allows now (an expired one allows nothing). */
  private approvedActions(now: number): Map<string, string[]> {
    const approved = new Map<string, string[]>();
    for (const tool of this.sources.toolStore.list()) {
      for (const a of tool.approvals) {
        if (a.expiresAt !== undefined && Date.parse(a.expiresAt) <= now) continue;
        const list = approved.get(a.connectionId);
        if (list === undefined) approved.set(a.connectionId, [a.actionId]);
        else list.push(a.actionId);
      }
    }
    return approved;
  }

  private reviewed(record: ConnectionRecord, approved: string[]): ReviewedConnection {
    return {
      id: record.id,
      account: record.account,
      state: record.state,
      connectedAt: record.connectedAt,
      requestedScopes: record.requestedScopes,
      grantedScopes: record.grantedScopes,
      grantedAt: record.grantedAt,
      info: this.sources.providers.get(record.providerId)?.info,
      uses: this.sources.usageLog.uses(record.id),
      approved,
    };
  }
}
