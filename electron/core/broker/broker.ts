import type { BrokerApprovalRequest, BrokerCallView, BrokerToolView, ConnectionUsage } from '../../../shared/ipc/contract';
import type { ChangeService } from '../grants/changes';
import type { ProviderRegistry } from '../grants/providers';
import type { Emit } from '../ipc/events';
import type { Clock, ProviderRequester } from '../ports';
import type { Vault } from '../vault/vault';
import { ApprovalDesk, type Answer } from './approvals';
import { BrokerViews } from './brokerViews';
import { CallPipeline } from './callPipeline';
import { ConnectionLookup } from './connections';
import { TokenHandouts } from './handout';
import { ToolsPause } from './pause';
import { ScopeUpgrades } from './scopeUpgrades';
import { ToolSessions } from './sessions';
import type { AccessTokens } from './tokens';
import { ToolProtocol } from './toolProtocol';
import type { ToolStore } from './toolStore';
import type { UsageLog } from './usageLog';
import type { PolicyReader } from '../policy/policy';
import type { RemoteTools } from '../remoteMcp/remoteTools';

export interface BrokerOptions {
  /** The connections tools ask for and call through. */
  vault: Pick<Vault, 'get' | 'list' | 'settings' | 'appendHistory'>;
  providers: ProviderRegistry;
  /** Plans and applies the scope upgrade a call needs, once the person confirms it. */
  changes: ChangeService;
  accessTokens: AccessTokens;
  /** The tools, their secrets and approvals. */
  toolStore: ToolStore;
  /** One line per call; feeds "Used by", the Tools view and the export. */
  usageLog: UsageLog;
  emit: Emit;
  clock: Clock;
  fetch: typeof globalThis.fetch;
  /** How a tool's call reaches the provider's API. */
  request: ProviderRequester;
  /** How long a provider may take to answer one call. */
  callTimeoutMs?: number;
  /** How long an approval question waits for the person. */
  approvalTimeoutMs?: number;
  /** The managed policy: approvals, their length, token handouts, always-confirm actions. */
  policy: PolicyReader;
  /** Told when a question for the person arrives: the window comes forward (the Attention port), or a notification. */
  askAttention?: (request: BrokerApprovalRequest) => void;
  /** The tools of connections on remote MCP servers: tools ask for them and call them as actions. */
  remote?: RemoteTools | undefined;
}

const DEFAULT_CALL_TIMEOUT_MS = 30_000;
const DEFAULT_APPROVAL_TIMEOUT_MS = 5 * 60_000;

/**
 * The broker: who may do what through which connection, checked on every call, then proxied with
 * a fresh access token that never leaves this process (unless the person allowed a tool the token
 * handout). Built from its parts: the tool protocol its endpoint speaks (toolProtocol.ts), the call
 * pipeline (callPipeline.ts), and what the window sees and does (brokerViews.ts).
 */
export class Broker {
  /** What the endpoint (server.ts) hands each client connection and each line it sends. */
  readonly protocol: ToolProtocol;
  private readonly views: BrokerViews;
  private readonly desk: ApprovalDesk;
  private readonly usageLog: UsageLog;
  private readonly pause = new ToolsPause();
  /** Scopekeeper's sessions with the remote MCP servers (absent: no connection is on one). */
  readonly remote: RemoteTools | undefined;

  constructor({ vault, providers, changes, accessTokens, toolStore, usageLog, emit, clock, fetch, request, callTimeoutMs, approvalTimeoutMs, askAttention, policy, remote }: BrokerOptions) {
    this.desk = new ApprovalDesk(emit, () => clock.now(), approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS, askAttention);
    this.usageLog = usageLog;
    const sessions = new ToolSessions(emit);
    const connections = new ConnectionLookup(vault, providers, policy, clock, remote);
    const upgrades = new ScopeUpgrades(connections, changes, this.desk, emit);
    const forwarding = { fetch, send: request, timeoutMs: callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS };
    const handouts = new TokenHandouts(toolStore, connections, accessTokens, clock, policy);
    const pipeline = new CallPipeline(toolStore, connections, upgrades, accessTokens, usageLog, sessions, emit, clock, forwarding, handouts, this.desk, this.pause, policy);
    this.protocol = new ToolProtocol(toolStore, connections, this.desk, sessions, pipeline, clock, this.pause, policy);
    this.views = new BrokerViews(this.desk, toolStore, usageLog, connections, sessions, handouts);
    // A server's tools changed (or what one needs): the tools approved on that connection list again.
    remote?.onChange((connectionId) => this.views.connectionChanged(connectionId));
    this.remote = remote;
  }

  // ---- the window's side (IPC) ----

  pending(): BrokerApprovalRequest[] {
    return this.views.pending();
  }

  answer(requestId: string, answer: Answer): null {
    return this.views.answer(requestId, answer);
  }

  tools(): BrokerToolView[] {
    return this.views.tools();
  }

  usage(connectionId: string): ConnectionUsage {
    return this.views.usage(connectionId);
  }

  allCalls(): BrokerCallView[] {
    return this.views.allCalls();
  }

  revoke(toolId: string, connectionId?: string, actionId?: string): ReturnType<BrokerViews['revoke']> {
    return this.views.revoke(toolId, connectionId, actionId);
  }

  /** Called when a connection is removed (createCore wires it to the vault): its approvals go too. */
  forgetConnection(connectionId: string): void {
    this.views.forgetConnection(connectionId);
    this.remote?.forget(connectionId);
  }

  confirmEachCall(toolId: string, connectionId: string, actionId: string, confirm: boolean): null {
    return this.views.confirmEachCall(toolId, connectionId, actionId, confirm);
  }

  /** Whether tools are paused ("Pause tools" in the tray or the window). */
  get paused(): boolean {
    return this.pause.paused;
  }

  /** Pauses or resumes tools: while paused, every new request, call and token handout is refused with `paused`. */
  setPaused(paused: boolean): void {
    this.pause.set(paused);
  }

  async dispose(): Promise<void> {
    this.desk.dispose();
    this.usageLog.close();
    await this.remote?.dispose();
  }
}
