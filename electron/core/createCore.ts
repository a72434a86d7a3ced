import { eventContract } from '../../shared/ipc/contract';
import { ClientRegistry } from './clients/registry';
import { ChangeService } from './grants/changes';
import { Connections } from './grants/connections';
import { CustomServers, sandboxSetting } from './grants/customServers';
import { OwnClientService } from './grants/ownClients';
import { builtInClients, ProviderRegistry } from './grants/providers';
import { ConnectionLocks } from './grants/records';
import { TokenRefresher } from './grants/refresh';
import { SignIn } from './grants/signIn';
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

export interface Core {
  /** Bound to IPC by the host (electron/main or electron/headless). */
  handlers: Handlers;
  /** Access tokens on demand, refreshed one at a time per connection (for the broker). */
  tokens: TokenService;
  /** The broker tools and agents talk to; the host opens its endpoint with `startBroker`. */
  broker: Broker;
  /** Opens the broker's socket (or pipe) in the data folder. */
  startBroker(): Promise<BrokerServer>;
  /** Cancels a sign-in still waiting, so its loopback port closes, and closes the broker's endpoint. */
  dispose(): Promise<void>;
  /** Resolves when work a cancelled sign-in left (ending a grant made anyway) has finished. */
  settled(): Promise<void>;
}

/** Built once per host from the platform's ports; `send` delivers a pushed event to the renderer. */
export function createCore(ports: Ports, send: (channel: string, payload: unknown) => void): Core {
  const emit: Emit = (channel, payload) => send(channel, eventContract[channel].parse(payload));
  // Damaged lines the logs set aside this run: the window says so once (app:status).
  const setAside = new SetAsideReport();
  const vault = Vault.open(ports.records, ports.cipher, ports.clock, { onHistorySetAside: setAside.reporter('history', 'history.damaged.jsonl') });
  const clients = new ClientRegistry(builtInClients(ports.config), vault);
  const providers = ProviderRegistry.fromClients(clients, vault.customProviders(), sandboxSetting(ports.config, vault).issuer);
  const ownClients = new OwnClientService(vault, providers, ports.clock);
  const configurations = new ConfigurationCache({
    fetch: ports.fetch,
    ...(ports.config.providerTimeoutMs !== undefined ? { timeoutSeconds: ports.config.providerTimeoutMs / 1000 } : {}),
  });
  const connections = new Connections(vault, providers, ports.clock, emit);
  const signIn = new SignIn(ports, vault, providers, connections, configurations, emit);
  const servers = new CustomServers(vault, providers, signIn, configurations, ports.clock);
  // One queue per connection for everything that uses its refresh token: changes and refreshes.
  const locks = new ConnectionLocks();
  const refresher = new TokenRefresher(configurations, ports.fetch, vault, ports.clock, emit);
  const tokens = new TokenService(connections, providers, refresher, vault, locks, ports.clock, emit);
  const changes = new ChangeService(connections, providers, signIn, refresher, vault, emit, ports, configurations, locks);
  // Tools' approvals and their usage log live beside the vault, in the data folder.
  const dataDir = dirname(ports.records.path);
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
    ...(ports.attention ? { bringForward: () => ports.attention!.bringForward() } : {}),
  });
  // Grants and the vault know nothing of the broker: a removed connection's approvals go through this callback.
  vault.onRemoved((connectionId) => broker.forgetConnection(connectionId));
  // …and those of connections removed before this callback existed (or while the app was closed) go at start.
  const saved = new Set(vault.list().map((r) => r.id));
  for (const connectionId of toolStore.connectionIds()) {
    if (!saved.has(connectionId)) broker.forgetConnection(connectionId);
  }
  let endpoint: Promise<BrokerServer> | undefined;
  return {
    tokens,
    broker,
    startBroker: () => (endpoint ??= startBrokerServer(broker, ports.config.brokerEndpoint ?? brokerEndpoint(dataDir))),
    handlers: ipcHandlers({ ports, vault, providers, ownClients, servers, connections, signIn, tokens, changes, broker, setAside: () => setAsideLines(setAside, vault, usageLog) }),
    dispose: async () => {
      void signIn.cancelFlow();
      broker.dispose();
      await endpoint?.then((server) => server.close(), () => undefined);
    },
    settled: () => signIn.settled(),
  };
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
