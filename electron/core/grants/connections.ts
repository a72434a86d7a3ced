import { ScopekeeperError } from '../../../shared/ipc/errors';
import { connectionIdSchema, connectionViewSchema, damagedConnection, firstIssue, type ConnectionList, type ConnectionView } from '../../../shared/ipc/contract';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import type { ConnectionRecord, ScopeMode } from '../vault/schema';
import { heldBlocksView } from '../policy/heldAccess';
import { noPolicy, type PolicyReader } from '../policy/policy';
import { modeView } from './scopeMode';
import { markNew } from './newActions';
import type { Vault } from '../vault/vault';
import { explainActionsForView, explainScopes } from './explain';
import { historyView } from './history';
import type { ProviderRegistry } from './providers';
import { historyEntry } from './records';
import { notGranted } from './scopes';
import { connectionList } from './summaries';

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
    /** A mode something above the person demands (a managed policy's Fixed), read for each view. */
    private readonly required: () => ScopeMode | undefined = () => undefined,
    /** The managed policy: a provider or granted scope it blocks now is said on the view. */
    private readonly policy: PolicyReader = noPolicy,
  ) {}

  record(connectionId: string): ConnectionRecord {
    const record = this.vault.get(connectionId);
    if (!record) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'That connection is not saved on this computer.');
    return record;
  }

  /**
   * Every saved connection as the list shows it, with its providers' scope meanings (grants:list):
   * each summary built once; the IPC edge checks each once and shows one that breaks the limits as
   * damaged, never dropped or fatal.
   */
  list(): ConnectionList {
    return connectionList(this.vault.list(), { info: (providerId) => this.providers.get(providerId)?.info, name: (providerId) => this.providerName(providerId) });
  }

  /** Every saved connection in full (exports, Remove all); one that cannot be shown as the damaged placeholder. */
  views(): ConnectionView[] {
    return (
      this.vault
        .list()
        // Ids are ours (random UUIDs); one that breaks the contract could not even be removed.
        .filter((record) => connectionIdSchema.safeParse(record.id).success)
        .map((record) => this.checkedView(record))
    );
  }

  /** One connection in full as the window shows it when it is selected (grants:detail). */
  detail(connectionId: string): ConnectionView {
    return this.view(this.record(connectionId));
  }

  view(record: ConnectionRecord): ConnectionView {
    const provider = this.providers.get(record.providerId);
    const info = provider?.info;
    const blocks = provider ? heldBlocksView(this.policy.current(), provider, record.grantedScopes) : { scopes: new Map<string, string>() };
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
      granted: explain(record.grantedScopes).map((e) => (blocks.scopes.has(e.scope) ? { ...e, policyBlock: blocks.scopes.get(e.scope) } : e)),
      notGranted: explain(notGrantedScopes),
      restore: record.state === 'disconnected' ? explain(record.restoreScopes ?? []) : [],
      ...(info ? modeView(info, record, markNew(info, record, explainActionsForView(info, record.grantedScopes), this.vault.settings(), this.required()), this.required()) : { actions: [] }),
      history: this.vault.history(record.id).map(historyView),
      ...(record.revokedAtProvider ? { revokedAtProvider: record.revokedAtProvider } : {}),
      ...(record.timeBox ? { timeBox: record.timeBox } : {}),
      ...(record.sessionOnly ? { sessionOnly: true as const } : {}),
      ...(record.takeBackAsked ? { takeBackAsked: record.takeBackAsked } : {}),
      ...(blocks.connection ? { policyBlock: blocks.connection } : {}),
    };
  }

  providerName(providerId: string): string {
    return this.providers.get(providerId)?.info.name ?? providerId;
  }

  /** Forgets a connection on this computer only; the provider keeps its grant. */
  async forget(connectionId: string): Promise<null> {
    const record = this.record(connectionId);
    // A damaged record's scopes may be what broke it: its history entry names none.
    const scopes = this.checkedView(record).damaged === undefined ? record.grantedScopes : [];
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

  /** A record's view, checked against the contract once: the damaged placeholder when it breaks the limits. */
  private checkedView(record: ConnectionRecord): ConnectionView {
    const placeholder = (reason: string): ConnectionView => damagedConnection({ ...record, providerName: this.providerName(record.providerId) }, reason);
    try {
      const checked = connectionViewSchema.safeParse(this.view(record));
      return checked.success ? checked.data : placeholder(firstIssue(checked.error));
    } catch (error) {
      return placeholder(error instanceof Error ? error.message : String(error));
    }
  }
}
