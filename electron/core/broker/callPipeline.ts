import { performance } from 'node:perf_hooks';
import { resolveOperation } from '../../../shared/catalog/operations';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import { Admission } from './admission';
import type { ApprovalDesk } from './approvals';
import { confirmCall, confirmsEachCall } from './confirmations';
import type { ConnectionLookup } from './connections';
import type { TokenHandouts } from './handout';
import { BrokerError, LIMITS, type CallParams, type CallResult, type ToolCallParams, type ToolCallResult } from './protocol';
import { NO_MCP_HANDOUT } from './remoteActions';
import { RemoteCalls } from './remoteCalls';
import { forward, type ForwardRequest } from './proxy';
import { asBrokerError } from './refusal';
import type { ToolsPause } from './pause';
import { namedResource, ResourceKinds } from './resourceKinds';
import { checkLimit } from './resourceLimit';
import type { ScopeUpgrades } from './scopeUpgrades';
import type { ToolSessions } from './sessions';
import type { AccessTokens } from './tokens';
import type { ToolRecord, ToolStore } from './toolStore';
import type { UsageEntry, UsageLog } from './usageLog';
import type { PolicyReader } from '../policy/policy';

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
 * A tool's call, checked on every call, then proxied with a fresh access token that never leaves
 * this process (unless the person allowed a tool the token handout): authorize → token → forward
 * → log. Every call of a known tool is one line in the usage log.
 */
export class CallPipeline {
  private readonly lanes = new Map<string, ToolLane>();
  /** Connections with calls logged since the window was last told (`broker:used`, once per turn). */
  private usedSince: Set<string> | undefined;
  private readonly admission: Admission;
  private readonly kinds: ResourceKinds;
  private readonly remoteCalls: RemoteCalls;

  constructor(
    private readonly toolStore: ToolStore,
    private readonly connections: ConnectionLookup,
    private readonly upgrades: ScopeUpgrades,
    private readonly accessTokens: AccessTokens,
    private readonly usageLog: UsageLog,
    private readonly sessions: ToolSessions,
    private readonly emit: Emit,
    private readonly clock: Clock,
    /** How the provider is reached (calls; resource-kind lookups), and how long it may take to answer one call. */
    private readonly forwarding: Pick<ForwardRequest, 'send' | 'timeoutMs'> & { fetch: typeof globalThis.fetch },
    private readonly handouts: TokenHandouts,
    /** Where a call of an action that sends, deletes or shares is confirmed by the person. */
    private readonly desk: Pick<ApprovalDesk, 'ask'>,
    /** "Pause tools": a paused broker refuses each call and handout as it arrives (logged like any refusal). */
    private readonly pause: Pick<ToolsPause, 'check'>,
    /** The managed policy's always-confirm actions. */
    private readonly policy: PolicyReader,
  ) {
    this.admission = new Admission(toolStore, sessions, clock);
    this.kinds = new ResourceKinds(forwarding.fetch, clock, forwarding.timeoutMs);
    this.remoteCalls = new RemoteCalls(connections, upgrades, desk, policy);
  }

  /** `call`: checks approval, connection, operation and scopes, then forwards with a fresh token. */
  async call(tool: ToolRecord | undefined, params: CallParams, controller: AbortController, program?: string): Promise<CallResult> {
    if (!tool) throw new BrokerError('not_approved', 'This tool has no approvals yet: ask with `request`, then present the secret it returns.');
    // The path is the resolved URL's once admitted; a call refused before that logs what it asked for.
    const entry = { toolId: tool.id, tool: tool.name, connectionId: params.connectionId, action: params.action, method: params.method, host: '', path: '', ...(params.query ? { queryNames: Object.keys(params.query) } : {}), ...(program ? { program } : {}) };
    return this.logRun(tool, entry, safePathname(params.path), async (lane) => {
      // Admitted (or refused) as it arrives, before anything is awaited: see admission.ts.
      const admitted = this.admitted(tool, params, (url) => Object.assign(entry, { host: url.host, path: url.pathname }));
      const result = await lane.run(() => this.forwardAdmitted(tool, admitted, controller, program));
      return { result, status: result.status };
    });
  }

  /** `tool-call`: a remote MCP server's tool, admitted like any call, then proxied with Scopekeeper's token (remoteCalls.ts). */
  async toolCall(tool: ToolRecord | undefined, params: ToolCallParams, controller: AbortController, program?: string): Promise<ToolCallResult> {
    if (!tool) throw new BrokerError('not_approved', 'This tool has no approvals yet: ask with `request`, then present the secret it returns.');
    const entry = { toolId: tool.id, tool: tool.name, connectionId: params.connectionId, action: params.tool, method: 'MCP', host: '', path: '', ...(program ? { program } : {}) };
    return this.logRun(tool, entry, '', async (lane) => {
      const admitted = this.remoteCalls.admitted(tool, params, this.admission);
      Object.assign(entry, { host: admitted.url.host, path: admitted.url.pathname });
      return { result: await lane.run(() => this.remoteCalls.forward(tool, admitted, controller.signal, program)) };
    });
  }

  /** Runs a call in the tool's lane (paused tools refused first); one line in the usage log either way. */
  private async logRun<T>(tool: ToolRecord, entry: Omit<UsageEntry, 'at' | 'outcome' | 'durationMs'>, refusedPath: string, work: (lane: ToolLane) => Promise<{ result: T; status?: number }>): Promise<T> {
    let lane = this.lanes.get(tool.id);
    if (!lane) this.lanes.set(tool.id, (lane = new ToolLane()));
    const started = performance.now();
    try {
      this.pause.check();
      const { result, status } = await work(lane);
      this.logged({ ...entry, at: this.clock.now().toISOString(), ...(status !== undefined ? { status } : {}), outcome: 'ok', durationMs: performance.now() - started });
      return result;
    } catch (error) {
      const refusal = asBrokerError(error);
      const status = typeof refusal.details?.status === 'number' ? { status: refusal.details.status } : {};
      if (entry.host === '') entry.path = refusedPath;
      this.logged({ ...entry, ...status, ...policyNote(refusal), at: this.clock.now().toISOString(), outcome: refusal.code, durationMs: performance.now() - started });
      throw refusal;
    }
  }

  /**
   * `token`: an access token for one approval that came with the person's handout (handout.ts);
   * every handout, and every refused one, is a line in the usage log with the token's scopes.
   */
  async token(tool: ToolRecord | undefined, connectionId: string, actionId: string, program?: string): Promise<{ accessToken: string; tokenType: string; expiresAt?: number }> {
    if (!tool) throw new BrokerError('not_approved', 'This tool has no approval for that action on that connection.');
    const entry = { toolId: tool.id, tool: tool.name, connectionId, action: actionId, method: 'TOKEN', host: '', path: '', durationMs: 0, ...(program ? { program } : {}) };
    try {
      this.pause.check();
      // An MCP server's token is bound to it and never leaves Scopekeeper.
      if (this.connections.remote?.serverFor(connectionId)) throw new BrokerError('bad_request', NO_MCP_HANDOUT);
      const token = await this.handouts.issue(tool, connectionId, actionId);
      this.logged({ ...entry, at: this.clock.now().toISOString(), outcome: 'token-handout', scopes: token.scopes });
      return { accessToken: token.accessToken, tokenType: token.tokenType, ...(token.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}) };
    } catch (error) {
      const refusal = asBrokerError(error);
      this.logged({ ...entry, ...policyNote(refusal), at: this.clock.now().toISOString(), outcome: refusal.code });
      throw error;
    }
  }

  /** One line in the usage log; the window hears of it once per turn of the event loop, however many calls end in it. */
  private logged(entry: UsageEntry): void {
    this.usageLog.append(entry);
    if (this.usedSince) {
      this.usedSince.add(entry.connectionId);
      return;
    }
    const used = (this.usedSince = new Set([entry.connectionId]));
    setImmediate(() => {
      this.usedSince = undefined;
      this.emit('broker:used', { connectionIds: [...used] });
    });
  }

  /** Checks approval, connection, operation and size, and admits the call; nothing here awaits. */
  private admitted(tool: ToolRecord, params: CallParams, resolved: (url: URL) => void) {
    // A removed connection took its approvals along: say that it is gone, not that nothing was approved.
    if (!this.connections.record(params.connectionId)) this.connections.liveRecord(params.connectionId);
    // An MCP server's tools are not HTTP operations: say where they are called (before any approval is used).
    const server = this.connections.remote?.serverFor(params.connectionId);
    if (server) throw new BrokerError('bad_request', `${server.name} is an MCP server: call its tools with \`tool-call\` (or through \`scopekeeper mcp\`), not \`call\`.`);
    // An action its provider does not have is no such action, not one nobody approved.
    const known = this.connections.providerOf(this.connections.record(params.connectionId));
    if (known) this.connections.callableAction(known, params.action);
    const approval = this.admission.check(tool, params.connectionId, params.action);
    const record = this.connections.liveRecord(params.connectionId);
    const info = this.connections.providerInfo(record);
    const action = this.connections.callableAction(info, params.action);
    this.connections.reviewed(record, info, action);
    // A provider the policy blocks now, or a scope it blocks that the grant holds (one the grant lacks is the step-up's to refuse, in the history).
    this.connections.usable(record, info, this.upgrades.held(record, info, action));
    const { url, operation, unsafe } = resolveOperation(action.operations ?? [], params.method, params.path);
    if (!url || !operation) {
      throw new BrokerError('operation_not_allowed', unsafe ?? `“${action.title}” does not cover ${params.method} ${safePathname(params.path)}.`, {
        allowed: (action.operations ?? []).map((op) => `${op.method} ${op.url}`),
      });
    }
    resolved(url);
    // Within the resource the person limited the approval to, if any: still before anything awaits.
    checkLimit(info, approval.resource, operation, params.method, url);
    for (const [name, value] of Object.entries(params.query ?? {})) for (const v of [value].flat()) url.searchParams.append(name, v);
    // An action for one kind of resource: which one the call names (resourceKinds.ts).
    const named = namedResource(info, action, url, params);
    if (params.body !== undefined && Buffer.byteLength(params.body, 'utf8') > LIMITS.maxBodyBytes) {
      throw new BrokerError('too_large', `The request body is larger than ${LIMITS.maxBodyBytes} bytes.`);
    }
    this.admission.admit(tool, approval);
    return { approval, record, info, action, url, method: params.method, headers: params.headers ?? {}, body: named?.body ?? params.body, named };
  }

  /** An admitted call: the person's confirmation where it sends, deletes or shares, the scope it needs, a fresh token, then the provider. */
  private async forwardAdmitted(tool: ToolRecord, call: ReturnType<CallPipeline['admitted']>, controller: AbortController, program?: string): Promise<CallResult> {
    const signal = controller.signal;
    if (confirmsEachCall(call.approval, call.action, this.policy.current(), call.info.id)) await confirmCall(this.desk, { tool, ...call }, signal);
    const record = this.upgrades.covers(call.record, call.info, call.action) ? call.record : await this.upgrades.ensure(tool, call.record, call.info, call.action, signal, program);
    const token = await this.freshToken(record.id);
    if (call.named) await this.kinds.check(tool.name, record.id, call.info, call.action, call.named.value, token, signal);
    return forward({ send: this.forwarding.send, timeoutMs: this.forwarding.timeoutMs, url: call.url, method: call.method, headers: call.headers, body: call.body, token, controller });
  }

  private async freshToken(connectionId: string) {
    try {
      return await this.accessTokens.freshAccessToken(connectionId, 30);
    } catch (error) {
      throw asBrokerError(error);
    }
  }
}

/** A policy's refusal, said on the call's line ("Blocked by your organisation's policy: using Sandbox."). */
function policyNote(refusal: BrokerError): { blocked?: string } {
  return refusal.code === 'blocked_by_policy' ? { blocked: refusal.message.slice(0, 300) } : {};
}

/** The path of what a tool asked for, without its query: what the log and errors may show. */
function safePathname(path: string): string {
  try {
    return new URL(path, 'http://placeholder.invalid').pathname;
  } catch {
    return '(unparseable)';
  }
}
