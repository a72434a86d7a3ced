import { ScopekeeperError } from '../../shared/ipc/errors';
import { dirname } from 'node:path';
import type { Broker } from './broker/broker';
import { toolSetup } from './broker/toolSetup';
import type { ChangeService } from './grants/changes';
import type { Connections } from './grants/connections';
import type { Background } from './desktop/background';
import type { RemoveAll } from './grants/removeAll';
import { installCommand } from './desktop/commandInstall';
import { sandboxSetting, type CustomServers } from './grants/customServers';
import { csvWriter, exportPermissions } from './grants/export';
import { removedConnectionViews } from './grants/history';
import type { OwnClientService } from './grants/ownClients';
import type { McpServers } from './grants/mcpServers';
import type { ReviewService } from './review/review';
import { loadOpenIdClientSoon } from './oauth/openidClient';
import type { ProviderRegistry } from './grants/providers';
import type { SignIn } from './grants/signIn';
import type { ScopeModes } from './grants/scopeMode';
import { newActionsSetting, setNewActionsSetting } from './grants/newActions';
import type { TokenService } from './grants/tokens';
import type { Handlers } from './ipc/binding';
import type { Notifications } from './notify/notifications';
import type { Ports } from './ports';
import type { Vault } from './vault/vault';
import type { RequestOf, ResponseOf, SetAsideLines } from '../../shared/ipc/contract';
import type { PolicyReader } from './policy/policy';
import { withActionTitles } from './policy/titles';
import type { RemoteTools } from './remoteMcp/remoteTools';
import { remoteToolsView } from './remoteMcp/toolsView';

/** The services createCore built, which the IPC contract's handlers call. */
export interface CoreServices {
  ports: Ports;
  vault: Vault;
  providers: ProviderRegistry;
  ownClients: OwnClientService;
  servers: CustomServers;
  /** Remote MCP servers added by URL. */
  mcpServers: McpServers;
  connections: Connections;
  /** A connection's scope mode and fixed list. */
  modes: ScopeModes;
  signIn: SignIn;
  tokens: TokenService;
  changes: ChangeService;
  removeAll: RemoveAll;
  broker: Broker;
  /** Running in the background: Settings → General, Pause tools. */
  background: Background;
  notify: Notifications;
  review: ReviewService;
  /** The managed policy in force. */
  policy: PolicyReader;
  /** Damaged log lines set aside this run (the logs read first if they were not yet). */
  setAside: () => SetAsideLines[];
  /** The tools of connections on remote MCP servers (absent: none is). */
  remote: RemoteTools | undefined;
}

/** Shows the vault file, or the one moved aside at start, in the file manager. */
async function showInFolder(ports: Ports, vault: Vault, item: RequestOf<'app:show-in-folder'>['item']): Promise<null> {
  const path = item === 'recovered-vault' ? vault.movedAsidePath : ports.records.path;
  if (path === undefined) throw new ScopekeeperError('INVALID_REQUEST', 'No file was moved aside when Scopekeeper started this time.');
  if (!ports.reveal) throw new ScopekeeperError('INVALID_REQUEST', 'There is no file manager to show the file in here.');
  await ports.reveal(path);
  return null;
}

/** The connection list; asked `withFirstDetail`, the first connection's full view too (the window's first content). */
function listConnections(connections: Connections, request: RequestOf<'grants:list'>): ResponseOf<'grants:list'> {
  const list = connections.list();
  const first = list.connections[0];
  // The window's content is this answer (an empty list, or the first connection with its detail).
  if (first === undefined || request?.withFirstDetail === true) loadOpenIdClientSoon();
  return request?.withFirstDetail === true && first !== undefined ? { ...list, firstDetail: connections.detail(first.id) } : list;
}

/** One handler per contract entry, each a call into the service that owns what it asks for. */
export function ipcHandlers({ ports, vault, providers, ownClients, servers, mcpServers, connections, modes, signIn, tokens, changes, removeAll, broker, background, notify, review, setAside, policy, remote }: CoreServices): Handlers {
  // The policy in force as the window and the export are told it: always-confirm actions by their titles.
  const policyInForce = () => withActionTitles(policy.current(), (providerId) => providers.get(providerId)?.info);
  return {
    'app:status': async () => {
      const lines = setAside();
      return { vault: await vault.status(), sandbox: sandboxSetting(ports.config, vault), ...(lines.length > 0 ? { setAside: lines } : {}) };
    },
    'app:show-in-folder': ({ item }) => showInFolder(ports, vault, item),
    'app:install-command': async () => installCommand(ports.command),
    'settings:set-sandbox': async ({ issuer }) => {
      if (ports.config.sandboxIssuer) {
        throw new ScopekeeperError('CHANGE_REFUSED', 'This run’s sandbox is set by SCOPEKEEPER_SANDBOX_ISSUER.', { reason: 'sandbox-from-environment' });
      }
      await servers.setSandbox(issuer);
      return sandboxSetting(ports.config, vault);
    },
    'background:get': () => background.view(),
    'background:set': (change) => background.set(change),
    'background:pause-tools': ({ paused }) => background.pauseTools(paused),
    'settings:notifications': async () => notify.settings(),
    'settings:set-notifications': (settings) => notify.save(settings),
    'providers:list': () => providers.views(),
    'providers:add': (request) => servers.addProvider(request),
    'providers:add-mcp': (request) => mcpServers.add(request),
    'providers:cancel-add-mcp': () => mcpServers.cancelAdd(),
    'providers:edit-server': (request) => servers.editServer(request),
    'providers:remove-server': ({ providerId, withConnections }) =>
      providerId.startsWith('mcp-') ? (withConnections ? mcpServers.removeWithConnections(providerId) : mcpServers.remove(providerId)) : servers.removeServer(providerId),
    'providers:set-client': (request) => ownClients.set(request),
    'providers:clear-client': ({ providerId }) => ownClients.clear(providerId),
    'grants:list': (request) => listConnections(connections, request),
    // The window shows a connection: it has its content, and sign-in's code can load now.
    'grants:detail': ({ connectionId }) => {
      loadOpenIdClientSoon();
      return connections.detail(connectionId);
    },
    'grants:connect': (request) => signIn.connect(request),
    'grants:cancel-flow': () => signIn.cancelFlow(),
    'grants:open-device-page': () => signIn.openDevicePage(),
    'grants:forget': ({ connectionId }) => connections.forget(connectionId),
    'grants:reconnect': ({ connectionId }) => signIn.reconnect(connectionId),
    'grants:set-scope-mode': ({ connectionId, mode }) => modes.setMode(connectionId, mode),
    'grants:save-fixed-list': ({ connectionId, scopes }) => modes.saveList(connectionId, scopes),
    'grants:review-actions': ({ connectionId, actionIds }) => modes.markReviewed(connectionId, actionIds),
    'settings:new-actions': () => newActionsSetting(vault),
    'settings:set-new-actions': ({ on }) => setNewActionsSetting(vault, on),
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
    'grants:apply-plan': ({ planId, lasts }) => changes.apply(planId, lasts),
    'grants:plan-remove-all': ({ providerId }) => removeAll.plan(providerId),
    'grants:apply-remove-all': ({ planId }) => removeAll.apply(planId),
    'grants:export': async ({ format }) => {
      await csvWriter.load();
      return exportPermissions(format, connections.views(), vault.history(), ports.clock.now(), () => broker.allCalls(), policyInForce());
    },
    'history:list-removed': () => removedConnectionViews(vault),
    'broker:pending': () => broker.pending(),
    'broker:answer': ({ requestId, ...answer }) => broker.answer(requestId, answer),
    'broker:tools': () => broker.tools(),
    'broker:usage': ({ connectionId }) => broker.usage(connectionId),
    'broker:revoke': ({ toolId, connectionId, actionId }) => broker.revoke(toolId, connectionId, actionId),
    'broker:confirm-each-call': ({ toolId, connectionId, actionId, confirm }) => broker.confirmEachCall(toolId, connectionId, actionId, confirm),
    // The data folder is the vault's: tools find the broker's socket beside it.
    'broker:setup': () => toolSetup(ports.config, dirname(ports.records.path)),
    'review:list': () => review.list(),
    'review:dismiss': ({ suggestionId }) => review.dismiss(suggestionId),
    'review:set-unused-days': ({ unusedDays }) => review.setUnusedDays(unusedDays),
    'policy:get': () => policyInForce(),
    'remote:tools': ({ connectionId }) => remoteToolsView(remote, connectionId),
  };
}
