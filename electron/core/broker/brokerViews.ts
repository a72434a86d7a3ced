import { grantedScopesUsed } from '../../../shared/scopes/algebra';
import type { BrokerApprovalRequest, BrokerCallView, BrokerHandedOutView, BrokerToolView, ConnectionUsage, ScopeUser } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { Answer, ApprovalDesk } from './approvals';
import { connectionView, type ConnectionLookup } from './connections';
import { limitView } from './resourceLimit';
import type { TokenHandouts } from './handout';
import type { ToolSessions } from './sessions';
import type { ToolStore } from './toolStore';
import type { UsageEntry, UsageLog } from './usageLog';

/**
 * The broker as the window sees it (IPC): questions waiting for the person and their answers,
 * the Tools view, "Used by" per connection, the calls for the export, and taking approvals back.
 */
export class BrokerViews {
  constructor(
    private readonly desk: ApprovalDesk,
    private readonly toolStore: ToolStore,
    private readonly usageLog: UsageLog,
    private readonly connections: ConnectionLookup,
    private readonly sessions: ToolSessions,
    private readonly handouts: TokenHandouts,
  ) {}

  pending(): BrokerApprovalRequest[] {
    return this.desk.list();
  }

  answer(requestId: string, answer: Answer): null {
    return this.desk.answer(requestId, answer);
  }

  tools(): BrokerToolView[] {
    return this.toolStore.list().map((tool) => ({
      id: tool.id,
      name: tool.name,
      createdAt: tool.createdAt,
      ...this.usageLog.usage(tool.id),
      tokenHandout: tool.approvals.some((a) => a.handout !== undefined),
      handedOut: this.handouts.handedOut(tool.id),
      ...(tool.program ? { program: tool.program } : {}),
      ...(tool.otherPrograms ? { otherPrograms: tool.otherPrograms } : {}),
      ...(tool.secretStore ? { secretStore: tool.secretStore } : {}),
      approvals: tool.approvals.map((a) => {
        const record = this.connections.record(a.connectionId);
        const info = this.connections.providerOf(record);
        const action = this.connections.actionOf(record, info, a.actionId);
        const effect = action?.effect;
        return {
          ...this.usageLog.usage(`${tool.id} ${a.connectionId} ${a.actionId}`),
          connectionId: a.connectionId,
          ...(record && info ? { connection: connectionView(record, info) } : {}),
          actionId: a.actionId,
          actionTitle: action?.title ?? a.actionId,
          mode: a.mode,
          ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
          tokenHandout: a.handout !== undefined,
          ...(a.resource ? { resource: limitView(info, a.resource).label } : {}),
          ...(effect ? { effect, confirmEachCall: a.confirmEachCall !== false } : {}),
        };
      }),
    }));
  }

  /**
   * "Used by" for each granted permission of a connection, and its latest calls. A call used the
   * scopes its action needs: each granted one itself, or else the granted scopes that cover it.
   */
  usage(connectionId: string): ConnectionUsage {
    const record = this.connections.record(connectionId);
    if (!record) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'There is no such connection.');
    const info = this.connections.providerOf(record);
    const usedFor = grantedScopesUsed(info, record.grantedScopes);
    const users = new Map<string, Map<string, ScopeUser>>(record.grantedScopes.map((scope) => [scope, new Map()]));
    let lastUsedAt: string | undefined;
    for (const use of this.usageLog.uses(connectionId)) {
      if (lastUsedAt === undefined || use.lastUsedAt > lastUsedAt) lastUsedAt = use.lastUsedAt;
      const needs = this.connections.scopesUsed(record, info, use.action);
      for (const scope of usedFor(needs)) {
        const tools = users.get(scope)!;
        const before = tools.get(use.toolId);
        tools.set(use.toolId, {
          toolId: use.toolId,
          name: this.nameOf(use.toolId, use.tool),
          calls: (before?.calls ?? 0) + use.calls,
          lastUsedAt: before && before.lastUsedAt > use.lastUsedAt ? before.lastUsedAt : use.lastUsedAt,
        });
      }
    }
    const { calls, total } = this.usageLog.recent(connectionId);
    return {
      connectionId,
      toolsInvolved: total > 0 || this.toolStore.list().some((t) => t.approvals.some((a) => a.connectionId === connectionId)),
      usedBy: record.grantedScopes.map((scope) => ({
        scope,
        tools: [...users.get(scope)!.values()].sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt)),
      })),
      calls: calls.map((entry) => this.callView(entry)),
      totalCalls: total,
      ...(lastUsedAt ? { lastUsedAt } : {}),
    };
  }

  /** Every logged call, oldest first, for the export. */
  allCalls(): BrokerCallView[] {
    return this.usageLog.read().map((entry) => this.callView(entry));
  }

  /**
   * Takes back one action, a connection, or the whole tool; the next call is refused. Answers the
   * tokens already given for what was taken back that keep working (see handout.ts).
   */
  revoke(toolId: string, connectionId?: string, actionId?: string): { stillWorking: BrokerHandedOutView[] } {
    // Named first: a tool taken back whole takes its list along, not the tokens it holds.
    const stillWorking = this.handouts.handedOut(toolId, connectionId, actionId);
    if (!this.toolStore.revoke(toolId, connectionId, actionId)) throw new ScopekeeperError('INVALID_REQUEST', 'There is no such tool.');
    this.sessions.changed(toolId);
    return { stillWorking };
  }

  /** A connection was removed from Scopekeeper: no tool keeps an approval for it, and the tools hear so. */
  forgetConnection(connectionId: string): void {
    const affected = this.approvedOn(connectionId);
    this.toolStore.forgetConnection(connectionId);
    for (const tool of affected) this.sessions.changed(tool.id);
  }

  /** What a connection offers changed (an MCP server's tools): the tools approved on it hear so. */
  connectionChanged(connectionId: string): void {
    for (const tool of this.approvedOn(connectionId)) this.sessions.changed(tool.id);
  }

  private approvedOn(connectionId: string) {
    return this.toolStore.list().filter((t) => t.approvals.some((a) => a.connectionId === connectionId));
  }

  /** Turns confirming each call on or off for an approved action that sends, deletes or shares. */
  confirmEachCall(toolId: string, connectionId: string, actionId: string, confirm: boolean): null {
    const record = this.connections.record(connectionId);
    if (!this.connections.actionOf(record, this.connections.providerOf(record), actionId)?.effect) {
      throw new ScopekeeperError('INVALID_REQUEST', 'Only an action that sends, deletes or shares is confirmed on each call.');
    }
    if (!this.toolStore.setConfirmEachCall(toolId, connectionId, actionId, confirm)) {
      throw new ScopekeeperError('INVALID_REQUEST', 'That tool has no approval for this action on this connection.');
    }
    this.sessions.changed(toolId);
    return null;
  }

  private callView(entry: UsageEntry): BrokerCallView {
    const record = this.connections.record(entry.connectionId);
    const info = this.connections.providerOf(record);
    return {
      at: entry.at,
      toolId: entry.toolId,
      tool: this.nameOf(entry.toolId, entry.tool),
      connectionId: entry.connectionId,
      actionId: entry.action,
      actionTitle: this.connections.actionOf(record, info, entry.action)?.title ?? entry.action,
      method: entry.method,
      host: entry.host,
      path: entry.path,
      ...(entry.queryNames ? { queryNames: entry.queryNames } : {}),
      ...(entry.status !== undefined ? { status: entry.status } : {}),
      outcome: entry.outcome,
      ...(entry.scopes ? { scopes: entry.scopes } : {}),
      ...(entry.program !== undefined ? { program: entry.program } : {}),
      ...(entry.blocked !== undefined ? { blocked: entry.blocked } : {}),
    };
  }

  /**
   * The name a logged call shows: the tool's own, unique among tools; a removed tool whose name
   * another tool has since been given is "(removed)", so the two are never one line apart.
   */
  private nameOf(toolId: string, logged: string): string {
    const tool = this.toolStore.byId(toolId);
    if (tool) return tool.name;
    return this.toolStore.list().some((t) => t.name === logged) ? `${logged} (removed)` : logged;
  }
}
