import type { ProviderInfo } from '../../shared/catalog';
import { eventContract } from '../../shared/ipc/contract';
import { ClientRegistry } from './clients/registry';
import { Background } from './desktop/background';
import { ChangeService } from './grants/changes';
import { Connections } from './grants/connections';
import { CustomServers, sandboxSetting } from './grants/customServers';
import { Liveness } from './grants/liveness';
import { OwnClientService } from './grants/ownClients';
import { endMcpConnection, mcpClientSource, McpServers, metadataDocumentUrl } from './grants/mcpServers';
import type { RemoteMcpDirectory } from './remoteMcp/types';
import { builtInClients, ProviderRegistry } from './grants/providers';
import { ConnectionLocks } from './grants/records';
import { TokenRefresher } from './grants/refresh';
import { RemoveAll } from './grants/removeAll';
import { SignIn } from './grants/signIn';
import { ScopeModes } from './grants/scopeMode';
import { TokenService } from './grants/tokens';
import type { Handlers } from './ipc/binding';
import type { Emit } from './ipc/events';
import { ipcHandlers } from './ipcHandlers';
import { ConfigurationCache } from './oauth/configurations';
import type { Ports } from './ports';
import { SetAsideReport } from './vault/damagedLines';
import { Vault } from './vault/vault';
import { dirname, join } from 'node:path';
import { Broker } from './broker/broker';
import { requestOverFetch } from './broker/providerRequest';
import { brokerEndpoint } from './broker/endpoint';
import { startBrokerServer, type BrokerServer } from './broker/server';
import { ToolStore } from './broker/toolStore';
import { UsageLog } from './broker/usageLog';
import { ReviewService } from './review/review';
import { ReviewFile } from './review/reviewFile';
import { scheduleWeeklyReview } from './review/weekly';
import { Scheduler } from './schedule/scheduler';
import { questionAttention } from './notify/attention';
import { Notifications } from './notify/notifications';
import { Expiries } from './grants/expiries';
import { TakeBack } from './grants/takeBack';
import { ChangePolicy } from './grants/changePolicy';
import { PolicyGuard } from './grants/policyGuard';
import { Policy } from './policy/policy';
import { ownPolicyPath } from './policy/policyFiles';
import { withActionTitles } from './policy/titles';
import { requiredScopeMode } from '../../shared/policy/decide';
import { RemoteTools } from './remoteMcp/remoteTools';

export interface Core {
  /** Bound to IPC by the host (electron/main or electron/headless). */
  handlers: Handlers;
  /** Access tokens on demand, refreshed one at a time per connection (for the broker). */
  tokens: TokenService;
  /** The broker tools and agents talk to; the host opens its endpoint with `startBroker`. */
  broker: Broker;
  /** Running in the background: the settings the Electron shell acts on (close, tray, login item), and Pause tools. */
  background: Background;
  /** Opens the broker's socket (or pipe) in the data folder. */
  startBroker(): Promise<BrokerServer>;
  /**
   * Work due at a time (expiries, background checks, the weekly review), kept in schedule.json in
   * the data folder; started once the core is wired, so jobs missed while the app was closed run now.
   */
  scheduler: Scheduler;
  /**
   * Every system notification goes through this: it applies the person's settings (kinds turned
   * off, quiet) before the platform's Notifier; `open` tells the window what a clicked one was about.
   */
  notify: Notifications;
  /**
   * Ends "just this session" connections (revoked where possible, removed), cancels a sign-in still
   * waiting, so its loopback port closes, and closes the broker's endpoint. Hosts call it at quit.
   */
  dispose(): Promise<void>;
  /** Resolves when what the core does at start has run: session connections a run that died left, and jobs missed while closed. */
  started(): Promise<void>;
  /**
   * Resolves when work a cancelled sign-in left (ending a grant made anyway) has finished, and
   * every take-back of a permission the policy blocks that a provider granted anyway.
   */
  settled(): Promise<void>;
  /** The managed policy in force: read at start, again when a file changes (`reload` reads now). */
  policy: Policy;
  /** Which connections are on remote MCP servers the person added by URL, and where those servers are. */
  remoteMcp: RemoteMcpDirectory;
}

/** What core may be given beside the ports. */
export interface CoreParts {
  /**
   * Which connections are on remote MCP servers. Kept with the servers the person adds (grants/);
   * until that is wired here, a host or a test may give one. Absent: none is.
   */
  remoteMcp?: RemoteMcpDirectory;
}

/** Built once per host from the platform's ports; `send` delivers a pushed event to the renderer. */
export function createCore(ports: Ports, send: (channel: string, payload: unknown) => void, parts: CoreParts = {}): Core {
  const emit: Emit = (channel, payload) => send(channel, eventContract[channel].parse(payload));
  // Damaged lines the logs set aside this run: the window says so once (app:status).
  const setAside = new SetAsideReport();
  const vault = Vault.open(ports.records, ports.cipher, ports.clock, { onHistorySetAside: setAside.reporter('history', 'history.damaged.jsonl') });
  const dataDir = dirname(ports.records.path);
  // Providers are made next; the policy's change events read their catalogs only when a file changes.
  const policy = managedPolicy(ports, dataDir, emit, (providerId) => providers.get(providerId)?.info);
  const clients = new ClientRegistry(builtInClients(ports.config), vault, mcpClientSource(vault, metadataDocumentUrl(ports.config)));
  const providers = ProviderRegistry.fromClients(clients, vault.customProviders(), sandboxSetting(ports.config, vault).issuer, ports.config.sandboxCatalogUpdate === true, vault.mcp.servers());
  const ownClients = new OwnClientService(vault, providers, ports.clock);
  const notify = new Notifications(vault, ports.notifier, emit);
  const configurations = new ConfigurationCache({ fetch: ports.fetch, ...(ports.config.providerTimeoutMs !== undefined ? { timeoutSeconds: ports.config.providerTimeoutMs / 1000 } : {}) });
  const requiredMode = (): 'fixed' | undefined => requiredScopeMode(policy.current()); // a managed policy's Fixed, read at each use
  const connections = new Connections(vault, providers, ports.clock, emit, requiredMode, policy);
  // One queue per connection for everything that uses its refresh token: changes and refreshes.
  const locks = new ConnectionLocks();
  const modes = new ScopeModes(vault, connections, providers, ports.clock, emit, locks, requiredMode);
  const signIn = new SignIn(ports, vault, providers, connections, configurations, emit, policy, modes);
  const servers = new CustomServers(vault, providers, signIn, configurations, ports.clock, policy);
  // Its connections are removed as Remove connection does (`changes` is made below, before any is).
  const mcpServers = new McpServers({ vault, providers, policy, ports, emit, endConnection: (id, signIn) => endMcpConnection(changes, connections, id, signIn) });
  const refresher = new TokenRefresher(configurations, ports.fetch, vault, ports.clock, emit, notify);
  const tokens = new TokenService(connections, providers, refresher, vault, locks, ports.clock, emit);
  const changes = new ChangeService(connections, providers, signIn, refresher, vault, emit, ports, configurations, locks, new ChangePolicy(policy, vault, ports.clock), modes);
  const removeAll = new RemoveAll(connections, changes, ports.clock, emit);
  // Tools' approvals and their usage log live beside the vault, in the data folder.
  const toolStore = ToolStore.open(join(dataDir, 'broker-tools.json'), ports.clock.now());
  const usageLog = new UsageLog(join(dataDir, 'broker-usage.jsonl'), setAside.reporter('tool-calls', 'broker-usage.damaged.jsonl'));
  const broker = new Broker({
    vault,
    changes,
    providers,
    accessTokens: tokens,
    toolStore,
    usageLog,
    emit,
    clock: ports.clock,
    fetch: ports.fetch,
    request: ports.request ?? requestOverFetch(ports.fetch),
    ...(ports.config.brokerCallTimeoutMs ? { callTimeoutMs: ports.config.brokerCallTimeoutMs } : {}),
    askAttention: questionAttention(ports.attention, notify),
    policy,
    // The MCP servers the person added (a test may give its own directory).
    remote: remoteTools(parts.remoteMcp ?? mcpServers, ports, tokens, emit),
  });
  forgetRemovedApprovals(vault, broker, toolStore);
  const background = new Background(vault, broker, emit, ports.loginItem);
  const scheduler = Scheduler.open(join(dataDir, 'schedule.json'), ports.clock);
  const { review, endSessions, leftOver, guard } = scheduledWork({ scheduler, vault, providers, tokens, changes, locks, toolStore, usageLog, notify, emit, ports, dataDir, policy });
  // Every job kind is handled above this line: what came due while the app was closed runs now.
  const startedJobs = scheduler.start().catch((error: unknown) => console.error('Scopekeeper could not run its scheduled work:', error));
  let endpoint: Promise<BrokerServer> | undefined;
  return {
    tokens,
    broker,
    scheduler,
    background,
    notify,
    policy,
    remoteMcp: mcpServers,
    startBroker: () => (endpoint ??= startBrokerServer(broker, ports.config.brokerEndpoint ?? brokerEndpoint(dataDir))),
    handlers: ipcHandlers({ ports, vault, providers, ownClients, servers, mcpServers, connections, modes, signIn, tokens, changes, removeAll, broker, background, notify, review, policy, setAside: () => setAsideLines(setAside, vault, usageLog), remote: broker.remote }),
    started: async () => {
      await Promise.all([leftOver, startedJobs]);
      await scheduler.idle();
    },
    dispose: async () => {
      void signIn.cancelFlow();
      await leftOver;
      await endSessions('quit');
      scheduler.dispose();
      policy.dispose();
      await broker.dispose();
      await endpoint?.then((server) => server.close(), () => undefined);
    },
    settled: () => signIn.settled().then(() => guard.idle()),
  };
}

/** A removed connection takes its tools' approvals along, now and whenever one is removed later. */
function forgetRemovedApprovals(vault: Vault, broker: Broker, toolStore: ToolStore): void {
  // Grants and the vault know nothing of the broker: a removed connection's approvals go through this callback.
  vault.onRemoved((connectionId) => broker.forgetConnection(connectionId));
  // …and those of connections removed before this callback existed (or while the app was closed) go at start.
  const saved = new Set(vault.list().map((r) => r.id));
  for (const connectionId of toolStore.connectionIds()) {
    if (!saved.has(connectionId)) broker.forgetConnection(connectionId);
  }
}

/** Scopekeeper's own sessions with the remote MCP servers, with each connection's token; the window hears when a server's tools change. */
function remoteTools(directory: RemoteMcpDirectory | undefined, ports: Ports, tokens: TokenService, emit: Emit): RemoteTools | undefined {
  if (!directory) return undefined;
  const remote = new RemoteTools({
    directory,
    fetch: ports.fetch,
    token: (connectionId) => tokens.freshAccessToken(connectionId, 30).then((t) => t.accessToken),
    ...(ports.config.brokerCallTimeoutMs ? { timeoutMs: ports.config.brokerCallTimeoutMs } : {}),
  });
  remote.onChange((connectionId) => emit('remote:tools-changed', { connectionId }));
  return remote;
}

/** The managed policy: the machine's file (where the host reads one) and the person's own, watched. */
function managedPolicy(ports: Ports, dataDir: string, emit: Emit, info: (providerId: string) => ProviderInfo | undefined): Policy {
  const policy = new Policy({ machine: ports.machinePolicy, own: ownPolicyPath(dataDir) });
  policy.watch();
  policy.onChange((inForce) => {
    emit('policy:changed', withActionTitles(inForce, info));
    // What each connection says of the policy (a provider or a granted scope it blocks now) changed too.
    emit('grants:changed', {});
  });
  return policy;
}

interface ScheduledWorkParts {
  scheduler: Scheduler;
  vault: Vault;
  providers: ProviderRegistry;
  tokens: TokenService;
  changes: ChangeService;
  locks: ConnectionLocks;
  toolStore: ToolStore;
  usageLog: UsageLog;
  notify: Notifications;
  emit: Emit;
  ports: Ports;
  dataDir: string;
  policy: Policy;
}

/** What runs on the clock (the daily check, the weekly review, the end of access given for a while), registered before the scheduler starts. */
function scheduledWork(parts: ScheduledWorkParts): { review: ReviewService; endSessions: (when: 'quit' | 'start') => Promise<unknown>; leftOver: Promise<unknown>; guard: PolicyGuard } {
  const { scheduler, vault, providers, tokens, changes, locks, toolStore, usageLog, notify, emit, ports, dataDir, policy } = parts;
  new Liveness(scheduler, vault, tokens, { online: ports.online, busy: (connectionId) => locks.busy(connectionId) }).start();
  // Review and tighten: computed on demand from the vault, the usage log and the approvals; once a week in the background.
  const review = new ReviewService({ vault, providers, toolStore, usageLog, clock: ports.clock, file: new ReviewFile(join(dataDir, 'review.json')) });
  scheduleWeeklyReview(scheduler, review, notify);
  // Access given for a while ends on time; the vault says when, the scheduler wakes us.
  const takeBack = new TakeBack({ vault, providers, changes, locks, clock: ports.clock, emit });
  new Expiries({ vault, takeBack, providers, scheduler, clock: ports.clock, notifier: notify }).start();
  // What a provider grants anyway that the policy blocks is taken back by the same plan.
  const guard = new PolicyGuard({ vault, policy, providers, takeBack, clock: ports.clock });
  guard.start();
  const endSessions = (when: 'quit' | 'start'): Promise<unknown> =>
    Promise.all(vault.list().filter((record) => record.sessionOnly === true).map((record) => takeBack.session(record.id, when))).catch((error: unknown) => {
      console.error('Scopekeeper could not end a session-only connection:', error);
    });
  // "Just this session" connections still here were left by a run that ended without quitting.
  return { review, endSessions, leftOver: endSessions('start'), guard };
}

/**
 * What the logs set aside, both read first if they were not yet (each is read once per run, and
 * the window asks at start), so a damaged line is reported as the window opens. A log that cannot
 * be read at all says so where it is used, not here.
 */
function setAsideLines(report: SetAsideReport, vault: Vault, usageLog: UsageLog): ReturnType<SetAsideReport['list']> {
  try {
    vault.readHistory();
    usageLog.usage('');
  } catch {
    // reported by the view that needs the log
  }
  return report.list();
}
