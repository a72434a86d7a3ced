import { performance } from 'node:perf_hooks';
import { matchOperation, resolveOperationUrl, unsafePath } from '../../../shared/catalog/operations';
import type { ActionInfo, ProviderInfo } from '../../../shared/catalog';
import { covers } from '../../../shared/scopes';
import type { ActionView, BrokerApprovalRequest, BrokerCallView, BrokerToolView, ConnectionUsage, ScopeUser } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { ChangeService } from '../grants/changes';
import { explainActions, explainScopes } from '../grants/explain';
import type { ProviderRegistry } from '../grants/providers';
import type { Emit } from '../ipc/events';
import type { Vault } from '../vault/vault';
import type { Clock } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import { ApprovalDesk, type Answer } from './approvals';
import {
  BrokerError,
  LIMITS,
  type ApprovalMode,
  type CallParams,
  type CallResult,
  type ListResult,
  type RequestParams,
  type RequestResult,
} from './protocol';
import { forward } from './proxy';
import type { AccessTokens } from './tokens';
import type { ToolRecord, ToolStore } from './toolStore';
import type { UsageEntry, UsageLog } from './usageLog';

/** One client connection to the broker. */
export interface BrokerSession {
  /** The name the tool gave in `hello`. */
  claimedName: string;
  /** Set once the tool proved itself with its secret, or was approved in this session. */
  toolId?: string;
  /** Aborted when the client disconnects: its calls and questions end with it. */
  readonly signal: AbortSignal;
  /** Pushes `approvals-changed` to the client. */
  notify(): void;
}

export interface BrokerOptions {
  vault: Pick<Vault, 'get' | 'list'>;
  changes: ChangeService;
  providers: ProviderRegistry;
  tokens: AccessTokens;
  store: ToolStore;
  log: UsageLog;
  emit: Emit;
  clock: Clock;
  fetch: typeof globalThis.fetch;
  /** How long a provider may take to answer one call. */
  callTimeoutMs?: number;
  /** How long an approval question waits for the person. */
  approvalTimeoutMs?: number;
  /** Brings the window forward when a question for the person arrives (the Attention port). */
  bringForward?: () => void;
}

const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const DEFAULT_APPROVAL_TIMEOUT_MS = 5 * 60_000;
const MODE_OF: Record<Exclude<Answer['decision'], 'deny'>, ApprovalMode> = { 'allow-once': 'once', 'allow-week': 'week', 'allow-always': 'always' };

/** Calls of one tool in flight, the rest waiting in line (bounded). */
class ToolLane {
  running = 0;
  readonly waiting: (() => void)[] = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= LIMITS.maxConcurrentCallsPerTool) {
      if (this.waiting.length >= LIMITS.maxQueuedCallsPerTool) throw new BrokerError('busy', 'Too many calls from this tool at once.');
      await new Promise<void>((resume) => this.waiting.push(resume));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next call in line.
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * The broker: who may do what through which connection, checked on every call, then proxied with
 * a fresh access token that never leaves this process (unless the person allowed a tool the token
 * handout). Every call of a known tool is one line in the usage log.
 */
export class Broker {
  readonly desk: ApprovalDesk;
  private readonly sessions = new Set<BrokerSession>();
  private readonly lanes = new Map<string, ToolLane>();
  /** One scope upgrade per connection at a time; calls arriving meanwhile wait for it. */
  private readonly stepUps = new Map<string, Promise<void>>();
  private readonly actionCache = new WeakMap<ConnectionRecord, ActionView[]>();
  /** Connections with calls logged since the window was last told (`broker:used`, once per turn). */
  private usedSince: Set<string> | undefined;

  constructor(private readonly o: BrokerOptions) {
    this.desk = new ApprovalDesk(o.emit, () => o.clock.now(), o.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS, o.bringForward);
  }

  open(session: BrokerSession): () => void {
    this.sessions.add(session);
    return () => this.sessions.delete(session);
  }

  /** `hello`: a tool presenting a secret becomes that tool, whatever name it gives. */
  hello(session: BrokerSession, name: string, secret: string | undefined): { tool: string; known: boolean } {
    session.claimedName = name;
    const tool = secret === undefined ? undefined : this.o.store.bySecret(secret);
    if (tool) session.toolId = tool.id;
    else delete session.toolId;
    return { tool: tool?.name ?? name, known: tool !== undefined };
  }

  /** What this tool may use; nothing at all for a tool without a secret. */
  list(session: BrokerSession): ListResult {
    const tool = this.toolOf(session);
    if (!tool) return { connections: [], tokenHandout: false };
    const now = this.o.clock.now();
    const valid = tool.approvals.filter((a) => a.expiresAt === undefined || Date.parse(a.expiresAt) > now.getTime());
    const connectionIds = [...new Set(valid.map((a) => a.connectionId))];
    const connections = connectionIds.flatMap((connectionId) => {
      const record = this.o.vault.get(connectionId);
      const info = record && this.o.providers.get(record.providerId)?.info;
      if (!record || !info) return [];
      const status = explainActions(info, record.grantedScopes);
      return [
        {
          id: record.id,
          providerId: record.providerId,
          providerName: info.name,
          account: record.account,
          state: record.state,
          actions: valid
            .filter((a) => a.connectionId === connectionId)
            .flatMap((a) => {
              const action = info.actions.find((x) => x.id === a.actionId);
              if (!action) return [];
              return [
                {
                  id: action.id,
                  title: action.title,
                  mode: a.mode,
                  ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
                  available: record.state === 'connected' && (status.find((s) => s.id === action.id)?.available ?? false),
                  operations: (action.operations ?? []).map(({ method, url }) => ({ method, url })),
                },
              ];
            }),
        },
      ];
    });
    return { connections, tokenHandout: tool.tokenHandout };
  }

  /** `request`: asks the person for actions on a connection (or on an account of a provider). */
  async request(session: BrokerSession, params: RequestParams): Promise<RequestResult> {
    const { info, connection, candidates } = this.target(params);
    const actions = params.actions.map((actionId) => this.action(info, actionId));
    const tool = this.toolOf(session);
    const shown = connection ?? candidates[0];
    const draft = {
      kind: 'access' as const,
      tool: { name: tool?.name ?? session.claimedName, known: tool !== undefined },
      ...(params.reason ? { reason: params.reason } : {}),
      providerName: info.name,
      ...(connection ? { connection: this.connectionView(connection, info) } : {}),
      candidates: connection ? [] : candidates.map((c) => this.connectionView(c, info)),
      actions: actions.map((a) => ({
        id: a.id,
        title: a.title,
        needs: explainScopes(info, a.scopes, shown?.grantedScopes ?? []).map((e) => ({
          scope: e.scope,
          title: e.title,
          granted: explainActions(info, shown?.grantedScopes ?? []).find((s) => s.id === a.id)?.missingScopes.includes(e.scope) === false,
        })),
      })),
      tokenHandout: params.tokenHandout === true,
    };
    const answer = await this.desk.ask(draft, session.signal);
    if (answer.decision === 'deny') throw new BrokerError('denied', `The person did not allow “${draft.tool.name}” to do this.`);
    const connectionId = connection?.id ?? answer.connectionId!;
    const now = this.o.clock.now();
    let secret: string | undefined;
    let toolId = tool?.id;
    if (!toolId) {
      const created = this.o.store.create(session.claimedName, now);
      toolId = created.tool.id;
      secret = created.secret;
      session.toolId = toolId;
    }
    const mode = MODE_OF[answer.decision];
    const updated = this.o.store.approve(toolId, connectionId, params.actions, mode, params.tokenHandout === true && answer.tokenHandout === true, now);
    this.changed(toolId);
    const expiresAt = updated.approvals.find((a) => a.connectionId === connectionId)?.expiresAt;
    return { connectionId, actions: params.actions, mode, ...(expiresAt ? { expiresAt } : {}), ...(secret ? { secret } : {}) };
  }

  /** `call`: checks approval, connection, operation and scopes, then forwards with a fresh token. */
  async call(session: BrokerSession, params: CallParams): Promise<CallResult> {
    const tool = this.toolOf(session);
    if (!tool) throw new BrokerError('not_approved', 'This tool has no approvals yet: ask with `request`, then present the secret it returns.');
    const lane = this.lanes.get(tool.id) ?? new ToolLane();
    this.lanes.set(tool.id, lane);
    const started = performance.now();
    const requested = safePathname(params.path);
    const entry = { toolId: tool.id, tool: tool.name, connectionId: params.connectionId, action: params.action, method: params.method, host: '', path: requested, ...(params.query ? { queryNames: Object.keys(params.query) } : {}) };
    try {
      const result = await lane.run(() => this.checkedCall(tool, params, session.signal, (url) => Object.assign(entry, { host: url.host, path: url.pathname })));
      this.logged({ ...entry, at: this.o.clock.now().toISOString(), status: result.status, outcome: 'ok', durationMs: performance.now() - started });
      return result;
    } catch (error) {
      const refusal = asBrokerError(error);
      const status = typeof refusal.details?.status === 'number' ? { status: refusal.details.status } : {};
      this.logged({ ...entry, ...status, at: this.o.clock.now().toISOString(), outcome: refusal.code, durationMs: performance.now() - started });
      throw refusal;
    }
  }

  /** `token`: a short-lived access token, only for a tool the person allowed the handout. */
  async token(session: BrokerSession, connectionId: string, actionId: string): Promise<{ accessToken: string; tokenType: string; expiresAt?: number }> {
    const tool = this.toolOf(session);
    if (!tool || !this.o.store.approval(tool, connectionId, actionId, this.o.clock.now())) {
      throw new BrokerError('not_approved', 'This tool has no approval for that action on that connection.');
    }
    if (!tool.tokenHandout) throw new BrokerError('not_approved', 'The person has not allowed this tool to receive access tokens; use `call` instead.');
    const record = this.liveRecord(connectionId);
    const token = await this.freshToken(record.id);
    this.logged({ at: this.o.clock.now().toISOString(), toolId: tool.id, tool: tool.name, connectionId, action: actionId, method: 'TOKEN', host: '', path: '', outcome: 'token-handout', durationMs: 0 });
    return { accessToken: token.accessToken, tokenType: token.tokenType, ...(token.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}) };
  }

  // ---- the window's side (IPC) ----

  pending(): BrokerApprovalRequest[] {
    return this.desk.list();
  }

  answer(requestId: string, answer: Answer): null {
    return this.desk.answer(requestId, answer);
  }

  tools(): BrokerToolView[] {
    return this.o.store.list().map((tool) => ({
      id: tool.id,
      name: tool.name,
      createdAt: tool.createdAt,
      ...this.o.log.usage(tool.id),
      tokenHandout: tool.tokenHandout,
      approvals: tool.approvals.map((a) => {
        const record = this.o.vault.get(a.connectionId);
        const info = record && this.o.providers.get(record.providerId)?.info;
        return {
          ...this.o.log.usage(`${tool.id} ${a.connectionId} ${a.actionId}`),
          connectionId: a.connectionId,
          ...(record && info ? { connection: this.connectionView(record, info) } : {}),
          actionId: a.actionId,
          actionTitle: info?.actions.find((x) => x.id === a.actionId)?.title ?? a.actionId,
          mode: a.mode,
          ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
        };
      }),
    }));
  }

  /**
   * "Used by" for each granted permission of a connection, and its latest calls. A call used the
   * scopes its action needs: each granted one itself, or else the granted scopes that cover it.
   */
  usage(connectionId: string): ConnectionUsage {
    const record = this.o.vault.get(connectionId);
    if (!record) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'There is no such connection.');
    const info = this.o.providers.get(record.providerId)?.info;
    const granted = new Set(record.grantedScopes);
    const users = new Map<string, Map<string, ScopeUser>>(record.grantedScopes.map((scope) => [scope, new Map()]));
    for (const use of this.o.log.uses(connectionId)) {
      const needs = info?.actions.find((a) => a.id === use.action)?.scopes ?? [];
      const used = new Set(
        needs.flatMap((need) => (granted.has(need) ? [need] : info ? record.grantedScopes.filter((g) => covers(info, g, need)) : [])),
      );
      for (const scope of used) {
        const tools = users.get(scope)!;
        const before = tools.get(use.toolId);
        tools.set(use.toolId, {
          toolId: use.toolId,
          name: use.tool,
          calls: (before?.calls ?? 0) + use.calls,
          lastUsedAt: before && before.lastUsedAt > use.lastUsedAt ? before.lastUsedAt : use.lastUsedAt,
        });
      }
    }
    const { calls, total } = this.o.log.recent(connectionId);
    return {
      connectionId,
      toolsInvolved: total > 0 || this.o.store.list().some((t) => t.approvals.some((a) => a.connectionId === connectionId)),
      usedBy: record.grantedScopes.map((scope) => ({
        scope,
        tools: [...users.get(scope)!.values()].sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt)),
      })),
      calls: calls.map((entry) => this.callView(entry)),
      totalCalls: total,
    };
  }

  /** Every logged call, oldest first, for the export. */
  allCalls(): BrokerCallView[] {
    return this.o.log.read().map((entry) => this.callView(entry));
  }

  /** Takes back one action, a connection, or the whole tool; the next call is refused. */
  revoke(toolId: string, connectionId?: string, actionId?: string): null {
    if (!this.o.store.revoke(toolId, connectionId, actionId)) throw new ScopekeeperError('INVALID_REQUEST', 'There is no such tool.');
    this.changed(toolId);
    return null;
  }

  dispose(): void {
    this.desk.dispose();
    this.o.log.close();
  }

  // ---- inside a call ----

  /** One line in the usage log; the window hears of it once per turn of the event loop, however many calls end in it. */
  private logged(entry: UsageEntry): void {
    this.o.log.append(entry);
    if (this.usedSince) {
      this.usedSince.add(entry.connectionId);
      return;
    }
    const used = (this.usedSince = new Set([entry.connectionId]));
    setImmediate(() => {
      this.usedSince = undefined;
      this.o.emit('broker:used', { connectionIds: [...used] });
    });
  }

  private callView(entry: UsageEntry): BrokerCallView {
    const record = this.o.vault.get(entry.connectionId);
    const info = record && this.o.providers.get(record.providerId)?.info;
    return {
      at: entry.at,
      toolId: entry.toolId,
      tool: entry.tool,
      connectionId: entry.connectionId,
      actionId: entry.action,
      actionTitle: info?.actions.find((a) => a.id === entry.action)?.title ?? entry.action,
      method: entry.method,
      host: entry.host,
      path: entry.path,
      ...(entry.queryNames ? { queryNames: entry.queryNames } : {}),
      ...(entry.status !== undefined ? { status: entry.status } : {}),
      outcome: entry.outcome,
    };
  }

  private async checkedCall(tool: ToolRecord, params: CallParams, signal: AbortSignal, resolved: (url: URL) => void): Promise<CallResult> {
    const approval = this.o.store.approval(tool, params.connectionId, params.action, this.o.clock.now());
    if (!approval) throw new BrokerError('not_approved', `“${tool.name}” has no approval for “${params.action}” on this connection. Ask with \`request\`.`);
    let record = this.liveRecord(params.connectionId);
    const info = this.providerInfo(record);
    const action = this.action(info, params.action);
    const url = resolveOperationUrl(action.operations ?? [], params.method, params.path);
    const bad = url ? unsafePath(url.pathname) : undefined;
    if (!url || bad || !matchOperation(action.operations ?? [], params.method, url)) {
      throw new BrokerError('operation_not_allowed', bad ?? `“${action.title}” does not cover ${params.method} ${safePathname(params.path)}.`, {
        allowed: (action.operations ?? []).map((op) => `${op.method} ${op.url}`),
      });
    }
    resolved(url);
    for (const [name, value] of Object.entries(params.query ?? {})) for (const v of [value].flat()) url.searchParams.append(name, v);
    if (params.body !== undefined && Buffer.byteLength(params.body, 'utf8') > LIMITS.maxBodyBytes) {
      throw new BrokerError('too_large', `The request body is larger than ${LIMITS.maxBodyBytes} bytes.`);
    }
    record = await this.ensureScopes(tool, record, info, action, signal);
    const token = await this.freshToken(record.id);
    const result = await forward({
      fetch: this.o.fetch,
      url,
      method: params.method,
      headers: params.headers ?? {},
      body: params.body,
      token,
      signal,
      timeoutMs: this.o.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    });
    if (approval.mode === 'once') {
      this.o.store.useOnce(tool.id, record.id, action.id);
      this.changed(tool.id);
    }
    return result;
  }

  /**
   * The action's scopes, or the person's confirmed upgrade first: the usual change plan, then the
   * call goes on. Refused or not granted: `insufficient_scope`.
   */
  private async ensureScopes(tool: ToolRecord, record: ConnectionRecord, info: ProviderInfo, action: ActionInfo, signal: AbortSignal): Promise<ConnectionRecord> {
    const missing = (r: ConnectionRecord) => this.actionsOf(r, info).find((a) => a.id === action.id)?.missingScopes ?? action.scopes;
    if (missing(record).length === 0) return record;
    let upgrade = this.stepUps.get(record.id);
    if (!upgrade) {
      upgrade = this.stepUp(tool, record, info, action, missing(record), signal);
      this.stepUps.set(record.id, upgrade);
      void upgrade.catch(() => undefined).finally(() => this.stepUps.delete(record.id));
    }
    await upgrade;
    const after = this.liveRecord(record.id);
    const still = missing(after);
    if (still.length > 0) {
      throw new BrokerError('insufficient_scope', `The connection lacks ${still.join(', ')}, which “${action.title}” needs.`, { scopes: still });
    }
    return after;
  }

  private async stepUp(tool: ToolRecord, record: ConnectionRecord, info: ProviderInfo, action: ActionInfo, missing: string[], signal: AbortSignal): Promise<void> {
    let plan;
    try {
      plan = await this.o.changes.planChange(record.id, missing, []);
    } catch (error) {
      throw new BrokerError('insufficient_scope', `The connection lacks ${missing.join(', ')} and it cannot be added now: ${(error as Error).message}`, { scopes: missing });
    }
    const answer = await this.desk.ask(
      {
        kind: 'step-up',
        tool: { name: tool.name, known: true },
        providerName: info.name,
        connection: this.connectionView(record, info),
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
    try {
      await this.o.changes.apply(plan.planId);
    } catch (error) {
      throw new BrokerError('insufficient_scope', `Adding ${missing.join(', ')} did not finish: ${(error as Error).message}`, { scopes: missing });
    }
  }

  private async freshToken(connectionId: string) {
    try {
      return await this.o.tokens.freshAccessToken(connectionId, 30);
    } catch (error) {
      throw asBrokerError(error);
    }
  }

  // ---- lookups ----

  /** The connection's actions against its grant; records are replaced, never edited, so one answer per record object. */
  private actionsOf(record: ConnectionRecord, info: ProviderInfo): ActionView[] {
    let actions = this.actionCache.get(record);
    if (!actions) {
      actions = explainActions(info, record.grantedScopes);
      this.actionCache.set(record, actions);
    }
    return actions;
  }

  private toolOf(session: BrokerSession): ToolRecord | undefined {
    return session.toolId === undefined ? undefined : this.o.store.byId(session.toolId);
  }

  private liveRecord(connectionId: string): ConnectionRecord {
    const record = this.o.vault.get(connectionId);
    if (!record || record.state !== 'connected') {
      throw new BrokerError('connection_revoked', 'This connection was removed or disconnected in Scopekeeper. The person can reconnect it.');
    }
    return record;
  }

  private providerInfo(record: ConnectionRecord): ProviderInfo {
    const info = this.o.providers.get(record.providerId)?.info;
    if (!info) throw new BrokerError('connection_revoked', 'This connection’s provider is not available here any more.');
    return info;
  }

  private action(info: ProviderInfo, actionId: string): ActionInfo {
    const action = info.actions.find((a) => a.id === actionId);
    if (!action) throw new BrokerError('bad_request', `${info.name} has no action “${actionId}”.`, { actions: info.actions.filter((a) => a.operations?.length).map((a) => a.id) });
    if (!action.operations?.length) throw new BrokerError('bad_request', `“${action.title}” is not something a tool can call.`);
    return action;
  }

  private target(params: RequestParams): { info: ProviderInfo; connection?: ConnectionRecord; candidates: ConnectionRecord[] } {
    if (params.connectionId !== undefined) {
      const connection = this.liveRecord(params.connectionId);
      return { info: this.providerInfo(connection), connection, candidates: [] };
    }
    const info = this.o.providers.get(params.providerId!)?.info;
    if (!info) throw new BrokerError('bad_request', `There is no provider “${params.providerId}”.`);
    const candidates = this.o.vault.list().filter((r) => r.providerId === info.id && r.state === 'connected');
    if (candidates.length === 0) throw new BrokerError('connection_revoked', `No ${info.name} account is connected in Scopekeeper. The person can connect one first.`);
    return { info, candidates };
  }

  private connectionView(record: ConnectionRecord, info: ProviderInfo) {
    return { id: record.id, providerName: info.name, account: record.account };
  }

  /** Tells the window and the tool's open sessions that what it may use changed. */
  private changed(toolId: string): void {
    this.o.emit('broker:changed', {});
    for (const session of this.sessions) if (session.toolId === toolId) session.notify();
  }
}

/** The path of what a tool asked for, without its query: what the log and errors may show. */
function safePathname(path: string): string {
  try {
    return new URL(path, 'http://placeholder.invalid').pathname;
  } catch {
    return '(unparseable)';
  }
}

/** A core error as the refusal a tool can act on. */
export function asBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error;
  if (error instanceof ScopekeeperError) {
    // CONNECTION_REVOKED is what the grants' TokenService throws when the provider refuses the refresh token.
    const grantGone =
      (error.code as string) === 'CONNECTION_REVOKED' ||
      (error.code === 'PROVIDER_ERROR' && error.details?.error === 'invalid_grant') ||
      error.code === 'CONNECTION_NOT_FOUND' ||
      error.details?.reason === 'disconnected';
    if (grantGone) return new BrokerError('connection_revoked', error.message);
    if (error.code === 'PROVIDER_UNREACHABLE') return new BrokerError('provider_unreachable', error.message);
    if (error.code === 'AUTH_TIMEOUT') return new BrokerError('timeout', error.message);
  }
  return new BrokerError('internal', error instanceof Error ? error.message : String(error));
}
