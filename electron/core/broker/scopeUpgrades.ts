import type { ActionInfo, ProviderInfo } from '../../../shared/catalog';
import type { ActionView, StepUpEnded } from '../../../shared/ipc/contract';
import { ScopekeeperError, toAppError } from '../../../shared/ipc/errors';
import type { ChangeService } from '../grants/changes';
import type { Emit } from '../ipc/events';
import { explainActions, explainScopes } from '../grants/explain';
import type { ConnectionRecord } from '../vault/schema';
import type { ApprovalDesk } from './approvals';
import { connectionView, type ConnectionLookup } from './connections';
import { BrokerError } from './protocol';
import { asBrokerError } from './refusal';
import type { ToolRecord } from './toolStore';

/** Scopes a tool's call needs and its connection lacks, added only when the person confirms. */
export class ScopeUpgrades {
  /** One scope upgrade per connection at a time; calls arriving meanwhile wait for it. */
  private readonly stepUps = new Map<string, Promise<void>>();
  private readonly actionCache = new WeakMap<ConnectionRecord, ActionView[]>();

  constructor(
    private readonly connections: ConnectionLookup,
    private readonly changes: ChangeService,
    private readonly desk: ApprovalDesk,
    private readonly emit: Emit,
  ) {}

  /**
   * The action's scopes, or the person's confirmed upgrade first: the usual change plan, then the
   * call goes on. Refused or not granted: `insufficient_scope`.
   */
  async ensure(tool: ToolRecord, record: ConnectionRecord, info: ProviderInfo, action: ActionInfo, signal: AbortSignal, program?: string): Promise<ConnectionRecord> {
    const missing = (r: ConnectionRecord) => this.missing(r, info, action);
    if (missing(record).length === 0) return record;
    let upgrade = this.stepUps.get(record.id);
    if (!upgrade) {
      upgrade = this.stepUp(tool, record, info, action, missing(record), signal, program);
      this.stepUps.set(record.id, upgrade);
      void upgrade.catch(() => undefined).finally(() => this.stepUps.delete(record.id));
    }
    await upgrade;
    const after = this.connections.liveRecord(record.id);
    const still = missing(after);
    if (still.length > 0) {
      throw new BrokerError('insufficient_scope', `The connection lacks ${still.join(', ')}, which “${action.title}” needs.`, { scopes: still });
    }
    return after;
  }

  private async stepUp(tool: ToolRecord, record: ConnectionRecord, info: ProviderInfo, action: ActionInfo, missing: string[], signal: AbortSignal, program?: string): Promise<void> {
    let plan;
    try {
      plan = await this.changes.planChange(record.id, missing, [], tool.name);
    } catch (error) {
      // The managed policy refused it (and the connection's history says so): the tool is told exactly that.
      if (error instanceof ScopekeeperError && error.code === 'POLICY_BLOCKED') throw asBrokerError(error);
      if (outsideOf(error).length > 0) await this.askOutsideList(tool, record, info, action, outsideOf(error), signal, program);
      throw new BrokerError('insufficient_scope', `The connection lacks ${missing.join(', ')} and it cannot be added now: ${(error as Error).message}`, { scopes: missing });
    }
    const answer = await this.desk.ask(
      {
        kind: 'step-up',
        tool: { name: tool.name, known: true, ...(program ? { program } : {}) },
        providerName: info.name,
        connection: connectionView(record, info),
        candidates: [],
        actions: [{ id: action.id, title: action.title, needs: explainScopes(info, action.scopes, record.grantedScopes).map((e) => ({ scope: e.scope, title: e.title, granted: !missing.includes(e.scope) })) }],
        tokenHandout: false,
        plan,
      },
      signal,
    );
    if (answer.decision === 'deny') {
      throw new BrokerError('insufficient_scope', `The person did not add ${missing.join(', ')}, which “${action.title}” needs.`, { scopes: missing });
    }
    // Approved: from here the window shows the sign-in as this tool's, and then how it ended.
    const titles = (scopes: readonly string[]): string[] => explainScopes(info, scopes, []).map((e) => e.title);
    const ended = (result: StepUpEnded['result'], notGranted: string[], error?: unknown): void =>
      this.emit('broker:step-up-ended', {
        kind: 'step-up',
        connectionId: record.id,
        tool: tool.name,
        adding: titles(missing),
        providerName: info.name,
        result,
        notGranted,
        ...(error === undefined ? {} : { error: toAppError(error) }),
      });
    try {
      const outcome = await this.changes.apply(plan.planId);
      ended(outcome.notGranted.length > 0 ? 'not-granted' : 'added', titles(outcome.notGranted));
    } catch (error) {
      const code = toAppError(error).code;
      ended(code === 'AUTH_CANCELLED' ? 'cancelled' : code === 'AUTH_DENIED' ? 'denied' : 'failed', [], error);
      throw new BrokerError('insufficient_scope', `Adding ${missing.join(', ')} did not finish: ${(error as Error).message}`, { scopes: missing });
    }
  }

  /**
   * The connection keeps a fixed list without what the call needs: the person is shown "Missing
   * scope" (and may add it to the list in the window); nothing is planned or granted, whatever the answer.
   */
  private async askOutsideList(tool: ToolRecord, record: ConnectionRecord, info: ProviderInfo, action: ActionInfo, outside: string[], signal: AbortSignal, program?: string): Promise<void> {
    await this.desk.ask(
      {
        kind: 'step-up',
        tool: { name: tool.name, known: true, ...(program ? { program } : {}) },
        providerName: info.name,
        connection: connectionView(record, info),
        candidates: [],
        actions: [{ id: action.id, title: action.title, needs: explainScopes(info, action.scopes, record.grantedScopes).map((e) => ({ scope: e.scope, title: e.title, granted: record.grantedScopes.includes(e.scope) })) }],
        tokenHandout: false,
        outsideList: explainScopes(info, outside, []).map(({ scope, title }) => ({ scope, title })),
      },
      signal,
    );
  }

  /** True when the connection's grant has every scope the action needs (no `ensure` needed: nothing awaits). */
  covers(record: ConnectionRecord, info: ProviderInfo, action: ActionInfo): boolean {
    return this.missing(record, info, action).length === 0;
  }

  /** The action's scopes the connection's grant already gives (the rest a step-up would add). */
  held(record: ConnectionRecord, info: ProviderInfo, action: ActionInfo): string[] {
    const missing = this.missing(record, info, action);
    return action.scopes.filter((scope) => !missing.includes(scope));
  }

  private missing(record: ConnectionRecord, info: ProviderInfo, action: ActionInfo): string[] {
    // An action the catalog does not list (a remote MCP tool) needs the scopes it names, less those granted.
    return this.actionsOf(record, info).find((a) => a.id === action.id)?.missingScopes ?? action.scopes.filter((s) => !record.grantedScopes.includes(s));
  }

  /** The connection's actions against its grant; records are replaced, never edited, so one answer per record object. */
  private actionsOf(record: ConnectionRecord, info: ProviderInfo): ActionView[] {
    let actions = this.actionCache.get(record);
    if (!actions) {
      actions = explainActions(info, record.grantedScopes);
      this.actionCache.set(record, actions);
    }
    return actions;
  }
}

/** The scopes a fixed list lacks, when `error` is the refusal to widen it; none for any other error. */
function outsideOf(error: unknown): string[] {
  const details = error instanceof ScopekeeperError && error.code === 'CHANGE_REFUSED' ? error.details : undefined;
  return details?.reason === 'outside-fixed-list' && Array.isArray(details.missing) ? details.missing.filter((s): s is string => typeof s === 'string') : [];
}
