import { eventContract, type SandboxSetting } from '../../shared/ipc/contract';
import { ScopekeeperError } from '../../shared/ipc/errors';
import { ClientRegistry } from './clients/registry';
import { ChangeService } from './grants/changes';
import { Connections } from './grants/connections';
import { CustomServers, sandboxSetting as sandboxOf } from './grants/customServers';
import { OwnClientService } from './grants/ownClients';
import { builtInClients, ProviderRegistry } from './grants/providers';
import { ConnectionLocks } from './grants/records';
import { TokenRefresher } from './grants/refresh';
import { SignIn } from './grants/signIn';
import { TokenService } from './grants/tokens';
import type { Handlers } from './ipc/binding';
import type { Emit } from './ipc/events';
import { exportPermissions } from './grants/export';
import { removedConnectionViews } from './grants/history';
import { ConfigurationCache } from './oauth/configurations';
import type { Ports } from './ports';
import { Vault } from './vault/vault';
import { dirname, join } from 'node:path';
import { Broker } from './broker/broker';
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
  const vault = Vault.open(ports.records, ports.cipher, ports.clock);
  const sandboxSetting = (): SandboxSetting => sandboxOf(ports.config, vault);
  const clients = new ClientRegistry(builtInClients(ports.config), vault);
  const providers = ProviderRegistry.fromClients(clients, vault.customProviders(), sandboxSetting().issuer);
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
  const broker = new Broker({
    vault,
    changes,
    providers,
    tokens,
    store: ToolStore.open(join(dataDir, 'broker-tools.json'), ports.clock.now()),
    log: new UsageLog(join(dataDir, 'broker-usage.jsonl')),
    emit,
    clock: ports.clock,
    fetch: ports.fetch,
    ...(ports.config.brokerCallTimeoutMs ? { callTimeoutMs: ports.config.brokerCallTimeoutMs } : {}),
    ...(ports.attention ? { bringForward: () => ports.attention!.bringForward() } : {}),
  });
  let endpoint: Promise<BrokerServer> | undefined;
  return {
    tokens,
    broker,
    startBroker: () => (endpoint ??= startBrokerServer(broker, ports.config.brokerEndpoint ?? brokerEndpoint(dataDir))),
    handlers: {
      'app:status': async () => ({ vault: await vault.status(), sandbox: sandboxSetting() }),
      'app:show-in-folder': async ({ item }) => {
        const path = item === 'recovered-vault' ? vault.movedAsidePath : ports.records.path;
        if (path === undefined) throw new ScopekeeperError('INVALID_REQUEST', 'No file was moved aside when Scopekeeper started this time.');
        if (!ports.reveal) throw new ScopekeeperError('INVALID_REQUEST', 'There is no file manager to show the file in here.');
        await ports.reveal(path);
        return null;
      },
      'settings:set-sandbox': async ({ issuer }) => {
        if (ports.config.sandboxIssuer) {
          throw new ScopekeeperError('CHANGE_REFUSED', 'This run’s sandbox is set by SCOPEKEEPER_SANDBOX_ISSUER.', { reason: 'sandbox-from-environment' });
        }
        await servers.setSandbox(issuer);
        return sandboxSetting();
      },
      'providers:list': () => providers.views(),
      'providers:add': (request) => servers.addProvider(request),
      'providers:edit-server': (request) => servers.editServer(request),
      'providers:remove-server': ({ providerId }) => servers.removeServer(providerId),
      'providers:set-client': (request) => ownClients.set(request),
      'providers:clear-client': ({ providerId }) => ownClients.clear(providerId),
      'grants:list': () => connections.list(),
      'grants:connect': (request) => signIn.connect(request),
      'grants:cancel-flow': () => signIn.cancelFlow(),
      'grants:open-device-page': () => signIn.openDevicePage(),
      'grants:forget': ({ connectionId }) => connections.forget(connectionId),
      'grants:reconnect': ({ connectionId }) => signIn.reconnect(connectionId),
      'grants:check': async ({ connectionId }) => {
        await tokens.check(connectionId).catch((error: unknown) => {
          // A refused grant is the answer to the question, shown on the connection itself.
          if (!(error instanceof ScopekeeperError && error.code === 'CONNECTION_REVOKED')) throw error;
        });
        return connections.view(connections.record(connectionId));
      },
      'grants:plan-change': ({ connectionId, add, remove }) => changes.planChange(connectionId, add, remove),
      'grants:plan-action': ({ connectionId, actionId, enable }) => changes.planAction(connectionId, actionId, enable),
      'grants:plan-disconnect': ({ connectionId }) => changes.planDisconnect(connectionId),
      'grants:apply-plan': ({ planId }) => changes.apply(planId),
      'grants:export': ({ format }) => exportPermissions(format, connections.list(), vault.history(), ports.clock.now(), () => broker.allCalls()),
      'history:list-removed': () => removedConnectionViews(vault),
      'broker:pending': () => broker.pending(),
      'broker:answer': ({ requestId, ...answer }) => broker.answer(requestId, answer),
      'broker:tools': () => broker.tools(),
      'broker:usage': ({ connectionId }) => broker.usage(connectionId),
      'broker:revoke': ({ toolId, connectionId, actionId }) => broker.revoke(toolId, connectionId, actionId),
    },
    dispose: async () => {
      void signIn.cancelFlow();
      broker.dispose();
      await endpoint?.then((server) => server.close(), () => undefined);
    },
    settled: () => signIn.settled(),
  };
}
