import type { ActionInfo, ProviderInfo } from '../../../shared/catalog';
import type { ProviderRegistry } from '../grants/providers';
import type { Vault } from '../vault/vault';
import type { ConnectionRecord } from '../vault/schema';
import { isHeld } from '../grants/newActions';
import { historyEntry } from '../grants/records';
import { assertHeldUsable } from '../policy/heldAccess';
import type { PolicyReader } from '../policy/policy';
import type { Clock } from '../ports';
import type { RemoteTools } from '../remoteMcp/remoteTools';
import { BrokerError, type TargetParams } from './protocol';
import { asBrokerError } from './refusal';
import { toolAction } from './remoteActions';

/** A connection as the approval dialog and the Tools view name it. */
export function connectionView(record: ConnectionRecord, info: ProviderInfo) {
  return { id: record.id, providerName: info.name, account: record.account };
}

/**
 * The connections, providers and actions a tool names, looked up in the vault and the provider
 * registry; one that is gone, or not something a tool can call, is a refusal the tool can act on.
 */
export class ConnectionLookup {
  /** Policy refusals of requests already in a connection's history, so a tool asking again and again is one line (bounded). */
  private readonly noted = new Set<string>();

  constructor(
    private readonly vault: Pick<Vault, 'get' | 'list' | 'settings' | 'appendHistory'>,
    private readonly providers: ProviderRegistry,
    /** The managed policy: a provider or scope it blocks now is not used, whenever it was granted. */
    private readonly policy: PolicyReader,
    private readonly clock: Clock,
    /** The tools of connections on remote MCP servers: their actions. */
    readonly remote?: RemoteTools,
  ) {}

  record(connectionId: string): ConnectionRecord | undefined {
    return this.vault.get(connectionId);
  }

  /** The provider of `record`, when both are still there. */
  providerOf(record: ConnectionRecord | undefined): ProviderInfo | undefined {
    return record && this.providers.get(record.providerId)?.info;
  }

  liveRecord(connectionId: string): ConnectionRecord {
    const record = this.vault.get(connectionId);
    if (!record || record.state !== 'connected') {
      throw new BrokerError('connection_revoked', 'This connection was removed or disconnected in Scopekeeper. The person can reconnect it.');
    }
    return record;
  }

  providerInfo(record: ConnectionRecord): ProviderInfo {
    const info = this.providers.get(record.providerId)?.info;
    if (!info) throw new BrokerError('connection_revoked', 'This connection’s provider is not available here any more.');
    return info;
  }

  /** The action `actionId` of the provider (for an MCP server, its tool as last listed), if a tool can call it. */
  callableAction(info: ProviderInfo, actionId: string, connectionId?: string): ActionInfo {
    const catalog = info.actions.find((a) => a.id === actionId);
    const action = catalog ?? this.remoteAction(info.id, actionId, connectionId);
    if (!action) {
      const tools = this.remoteTools(info.id).map((t) => t.name);
      throw new BrokerError('bad_request', `${info.name} has no action “${actionId}”.`, { actions: [...info.actions.filter((a) => a.operations?.length).map((a) => a.id), ...tools] });
    }
    if (catalog && !catalog.operations?.length) throw new BrokerError('bad_request', `“${catalog.title}” is not something a tool can call.`);
    return action;
  }

  /** An action of a connection's provider: the catalog's, or its MCP server's tool as last listed. */
  actionOf(record: ConnectionRecord | undefined, info: ProviderInfo | undefined, actionId: string): ActionInfo | undefined {
    return info && (info.actions.find((a) => a.id === actionId) ?? this.remoteAction(info.id, actionId, record?.id));
  }

  /**
   * The scopes a call of this action used, for "Used by": the catalog's; for an MCP tool, those the
   * server asked for when it refused one, else every granted scope (its token carried them all).
   */
  scopesUsed(record: ConnectionRecord, info: ProviderInfo | undefined, actionId: string): string[] {
    const action = this.actionOf(record, info, actionId);
    if (info?.actions.some((a) => a.id === actionId)) return action!.scopes;
    return this.remote?.serverFor(record.id) ? (action?.scopes.length ? action.scopes : record.grantedScopes) : [];
  }

  /** An MCP server's tool as an action, from the tools last listed (the named connection's first). */
  remoteAction(providerId: string, tool: string, connectionId?: string): ActionInfo | undefined {
    const own = connectionId === undefined ? undefined : this.remote?.cached(connectionId)?.find((t) => t.name === tool);
    const found = own ?? this.remoteTools(providerId).find((t) => t.name === tool);
    return found && toolAction(found);
  }

  /** Every tool last listed by the connections on this provider's MCP server. */
  private remoteTools(providerId: string) {
    const remote = this.remote;
    if (!remote) return [];
    return remote.connections().flatMap(({ connectionId, server }) => (server.providerId === providerId ? (remote.cached(connectionId) ?? []) : []));
  }

  /** Refuses an action an update brought that is off on this connection until the person reviews it. */
  reviewed(record: ConnectionRecord, info: ProviderInfo, action: ActionInfo): void {
    if (isHeld(info, record, action.id, this.vault.settings())) {
      throw new BrokerError('not_approved', `“${action.title}” came with an update of Scopekeeper and is off on this connection until the person reviews it there.`);
    }
  }

  /**
   * Refuses a tool's use of a connection whose provider the policy blocks now, or of `scopes` it
   * blocks now (granted before the rule came): `blocked_by_policy`. Nothing here awaits.
   */
  usable(record: ConnectionRecord, info: ProviderInfo, scopes: readonly string[]): void {
    try {
      assertHeldUsable(this.policy.current(), { info, custom: this.providers.get(record.providerId)?.custom ?? false }, scopes);
    } catch (error) {
      throw asBrokerError(error);
    }
  }

  /** Refuses asking approvals of a provider the policy blocks now; a named connection's history says who asked for what. */
  async requestable(info: ProviderInfo, connection: ConnectionRecord | undefined, toolName: string, actions: readonly ActionInfo[]): Promise<void> {
    try {
      assertHeldUsable(this.policy.current(), { info, custom: this.providers.get(info.id)?.custom ?? false }, []);
    } catch (error) {
      const refusal = asBrokerError(error);
      const message = `${refusal.message} “${toolName}” asked for ${actions.map((a) => a.title).join(', ')}.`;
      if (connection && !this.noted.has(`${connection.id} ${message}`)) {
        if (this.noted.size >= 1000) this.noted.clear();
        this.noted.add(`${connection.id} ${message}`);
        await this.vault.appendHistory([historyEntry(connection, info.name, this.clock.now().toISOString(), 'blocked-by-policy', [], message)]);
      }
      throw refusal;
    }
  }

  /** What a `request` names: a connection, or the connected accounts of a provider for the person to pick from. */
  target(params: TargetParams): { info: ProviderInfo; connection?: ConnectionRecord; candidates: ConnectionRecord[] } {
    if (params.connectionId !== undefined) {
      const connection = this.liveRecord(params.connectionId);
      return { info: this.providerInfo(connection), connection, candidates: [] };
    }
    const info = this.providers.get(params.providerId!)?.info;
    if (!info) throw new BrokerError('bad_request', `There is no provider “${params.providerId}”.`);
    // No such action is said as such, before whether an account is connected to do it.
    for (const actionId of params.actions) this.callableAction(info, actionId);
    const candidates = this.vault.list().filter((r) => r.providerId === info.id && r.state === 'connected' && (params.only?.includes(r.id) ?? true));
    if (candidates.length === 0) throw new BrokerError('connection_revoked', `No ${info.name} account is connected in Scopekeeper. The person can connect one first.`);
    return { info, candidates };
  }
}
