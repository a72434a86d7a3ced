import { ScopekeeperError } from '../../../shared/ipc/errors';
import { connectionIdSchema, connectionViewSchema, type ConnectionView } from '../../../shared/ipc/contract';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { explainActionsForView, explainScopes } from './explain';
import { historyView } from './history';
import type { ProviderRegistry } from './providers';
import { historyEntry } from './records';
import { notGranted } from './scopes';

/**
 * The saved connections: finding one, showing one or all of them as the window sees them (a
 * record that cannot be shown as a damaged placeholder), and forgetting one on this computer.
 */
export class Connections {
  constructor(
    private readonly vault: Vault,
    private readonly providers: Pick<ProviderRegistry, 'get'>,
    private readonly clock: Clock,
    private readonly emit: Emit,
  ) {}

  record(connectionId: string): ConnectionRecord {
    const record = this.vault.get(connectionId);
    if (!record) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'That connection is not saved on this computer.');
    return record;
  }

  /** Every saved connection; a record that cannot be shown is listed as damaged, never dropped or fatal. */
  list(): ConnectionView[] {
    return (
      this.vault
        .list()
        // Ids are ours (random UUIDs); one that breaks the contract could not even be removed.
        .filter((record) => connectionIdSchema.safeParse(record.id).success)
        .map((record) => {
          const problem = this.unshowable(record);
          return problem === undefined ? this.view(record) : this.damaged(record, problem);
        })
    );
  }

  view(record: ConnectionRecord): ConnectionView {
    const info = this.providers.get(record.providerId)?.info;
    const notGrantedScopes = record.state === 'connected' ? notGranted(record.requestedScopes, record.grantedScopes) : [];
    const explain = (scopes: readonly string[]): ConnectionView['granted'] =>
      info ? explainScopes(info, scopes, record.grantedScopes).map((e) => ({
            ...e,
            grantedAt: Object.hasOwn(record.grantedAt, e.scope) ? record.grantedAt[e.scope] : undefined,
            timeBox: record.scopeTimeBoxes && Object.hasOwn(record.scopeTimeBoxes, e.scope) ? record.scopeTimeBoxes[e.scope] : undefined,
          })) : [];
    return {
      id: record.id,
      providerId: record.providerId,
      providerName: this.providerName(record.providerId),
      account: record.account,
      ...(record.sites ? { sites: record.sites } : {}),
      connectedAt: record.connectedAt,
      updatedAt: record.updatedAt,
      state: record.state,
      requestedScopes: record.requestedScopes,
      grantedScopes: record.grantedScopes,
      notGrantedScopes,
      granted: explain(record.grantedScopes),
      notGranted: explain(notGrantedScopes),
      restore: record.state === 'disconnected' ? explain(record.restoreScopes ?? []) : [],
      actions: info ? explainActionsForView(info, record.grantedScopes) : [],
      history: this.vault.history(record.id).map(historyView),
      ...(record.revokedAtProvider ? { revokedAtProvider: record.revokedAtProvider } : {}),
      ...(record.timeBox ? { timeBox: record.timeBox } : {}),
      ...(record.sessionOnly ? { sessionOnly: true as const } : {}),
      ...(record.takeBackAsked ? { takeBackAsked: record.takeBackAsked } : {}),
    };
  }

  providerName(providerId: string): string {
    return this.providers.get(providerId)?.info.name ?? providerId;
  }

  /** Forgets a connection on this computer only; the provider keeps its grant. */
  async forget(connectionId: string): Promise<null> {
    const record = this.record(connectionId);
    // A damaged record's scopes may be what broke it: its history entry names none.
    const scopes = this.unshowable(record) === undefined ? record.grantedScopes : [];
    await this.vault.remove(connectionId, [
      historyEntry(
        record,
        this.providerName(record.providerId),
        this.clock.now().toISOString(),
        'removed',
        scopes,
        'Forgotten on this computer; the provider still has the grant.',
      ),
    ]);
    this.emit('grants:changed', { connectionId });
    return null;
  }

  /** Why a record's view would break the contract's limits, or undefined when it can be shown. */
  private unshowable(record: ConnectionRecord): string | undefined {
    try {
      const checked = connectionViewSchema.safeParse(this.view(record));
      if (checked.success) return undefined;
      const issue = checked.error.issues[0];
      return `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** A placeholder for a record that cannot be shown: what can be said safely, and that it can be removed. */
  private damaged(record: ConnectionRecord, reason: string): ConnectionView {
    const fits = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
    const date = (value: string): string => (Number.isNaN(Date.parse(value)) ? new Date(0).toISOString() : new Date(value).toISOString());
    return {
      id: record.id,
      providerId: fits(record.providerId, 200),
      providerName: fits(this.providerName(record.providerId), 200),
      account: fits(record.account, 200),
      connectedAt: date(record.connectedAt),
      updatedAt: date(record.updatedAt),
      state: 'disconnected',
      requestedScopes: [],
      grantedScopes: [],
      notGrantedScopes: [],
      granted: [],
      notGranted: [],
      restore: [],
      actions: [],
      history: [],
      damaged: { reason: fits(`This saved connection cannot be shown (${reason}).`, 1000) },
    };
  }
}
