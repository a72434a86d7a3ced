import { vi } from 'vitest';
import type { ScopekeeperApi } from '../../../shared/ipc/api';
import type {
  RemoteToolsView,
  AppOpen,
  AppStatus,
  BackgroundSettings,
  BrokerToolView,
  ChangeOutcome,
  ChangePlan,
  ChangeProgress,
  CommandInstall,
  ConnectionUsage,
  ConnectionView,
  ExplainedScope,
  ExportFile,
  FlowProgress,
  GrantsChanged,
  NotificationSettings,
  ProviderView,
  RemovedConnectionView,
  RequestOf,
  ResponseOf,
  ReviewView,
  SandboxSetting,
  StepUpEnded,
  ToolSetup,
} from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/ipc/errors';
import { connectionListOf } from './connectionListOf';
import { fakeRemoveAll } from './fakeRemoveAll';
import type { PolicyInForce } from '../../../shared/policy/inForce';
import { NO_POLICY } from '../../../shared/policy/noPolicy';

/** Test data: what a test's main process "has". */
export const sandboxProvider: ProviderView = {
  id: 'sandbox',
  name: 'Sandbox',
  description: 'A local OpenID Connect server for trying Scopekeeper out.',
  available: true,
  defaultScopes: ['contacts.read'],
  scopeOptions: [
    { scope: 'contacts.read', title: 'See your contacts', category: 'contacts', access: 'read' },
    { scope: 'contacts.write', title: 'Edit your contacts', category: 'contacts', access: 'write' },
    { scope: 'files.read', title: 'See your files', category: 'files', access: 'read' },
  ],
  custom: false,
  client: { clientId: 'scopekeeper-sandbox', hasSecret: false, source: 'built-in' },
  hasBuiltInClient: true,
  redirectUri: 'http://127.0.0.1/callback',
  appScopes: ['openid', 'contacts.read', 'contacts.write', 'files.read'],
  deviceFlow: true,
  sessionOnly: { offered: true },
};

export const offlineProvider: ProviderView = {
  id: 'offline',
  name: 'Offline Co',
  description: 'A provider without a client ID.',
  available: false,
  unavailableReason: 'No client ID is configured for Offline Co.',
  defaultScopes: ['read'],
  scopeOptions: [],
  custom: false,
  hasBuiltInClient: false,
  redirectUri: 'http://127.0.0.1/callback',
  appScopes: ['read'],
  deviceFlow: false,
  sessionOnly: { offered: true },
};

/** A scope explained the way the main process does, with plain defaults a test can override. */
export function explained(scope: string, overrides: Partial<ExplainedScope> = {}): ExplainedScope {
  return {
    scope,
    title: `Use ${scope}`,
    sentence: `Lets the app use ${scope}.`,
    includes: [],
    doesNotAllow: [],
    access: 'read',
    sensitivity: 'basic',
    category: 'other',
    source: '',
    inferred: false,
    redundantWith: [],
    ...overrides,
  };
}

const contactsWrite = explained('contacts.write', {
  title: 'Edit your contacts',
  sentence: 'Lets the app add, change and delete your contacts.',
  access: 'write',
  sensitivity: 'sensitive',
  category: 'contacts',
});

export const aliceConnection: ConnectionView = {
  id: 'conn-alice',
  providerId: 'sandbox',
  providerName: 'Sandbox',
  account: 'alice@example.test',
  connectedAt: '2025-03-01T10:15:00.000Z',
  updatedAt: '2025-03-01T10:15:00.000Z',
  state: 'connected',
  restore: [],
  history: [],
  requestedScopes: ['openid', 'profile', 'contacts.read', 'contacts.write'],
  grantedScopes: ['openid', 'profile', 'contacts.read'],
  notGrantedScopes: ['contacts.write'],
  granted: [
    explained('openid', { title: 'Know it is you', sentence: 'Lets the app confirm who you are.', category: 'identity' }),
    explained('profile', {
      title: 'See your basic profile',
      sentence: 'Lets the app see your name and picture.',
      includes: ['Name and nickname', 'Picture and profile page'],
      doesNotAllow: ['Changing your profile'],
      category: 'identity',
      source: 'https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims',
    }),
    explained('contacts.read', {
      title: 'See your contacts',
      sentence: 'Lets the app see your contacts, without changing them.',
      sensitivity: 'sensitive',
      category: 'contacts',
    }),
  ],
  notGranted: [contactsWrite],
  actions: [
    { id: 'sign-in', title: 'Sign you in', available: true, missingScopes: [] },
    { id: 'edit-contacts', title: 'Edit your contacts', available: false, missingScopes: ['contacts.write'] },
  ],
};

/** What providers:add answers by default: a generic server the person added. */
export const customProvider: ProviderView = {
  id: 'custom-acme',
  name: 'Acme Login',
  description: 'An OpenID server you added.',
  available: true,
  defaultScopes: [],
  scopeOptions: [],
  custom: true,
  client: { clientId: 'scopekeeper', hasSecret: false, source: 'own' },
  hasBuiltInClient: false,
  redirectUri: 'http://127.0.0.1/callback',
  appScopes: ['openid'],
  deviceFlow: true,
  sessionOnly: { offered: true },
};

/** Where `npm start` puts the sandbox server; sandboxProvider above is available because of it. */
export const SANDBOX_ISSUER = 'http://127.0.0.1:4890';

/** A ready vault, and the Sandbox set up the way `npm start` does it (by the environment). */
export const readyStatus: AppStatus = { vault: { state: 'ready' }, sandbox: { issuer: SANDBOX_ISSUER, source: 'environment' } };

/** The app status with the Sandbox set up as given, the vault ready. */
export function statusWithSandbox(sandbox: SandboxSetting): AppStatus {
  return { ...readyStatus, sandbox };
}

/** What the main process lists while no sandbox server is set up. */
export const SANDBOX_NOT_SET_UP =
  'The sandbox server is not set up. Use “npm start”, which runs it; or start it with “npm run sandbox” and enter its address in Settings.';

/** The Sandbox as listed while no sandbox server is set up. */
export const unsetSandboxProvider: ProviderView = { ...sandboxProvider, available: false, unavailableReason: SANDBOX_NOT_SET_UP };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: AppError['code'], details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message: `${code} in test` } : { code, message: `${code} in test`, details },
});

/** A promise the test settles by hand, to look at the state while a call is pending. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(reason: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface FakeBridgeData {
  status?: AppStatus;
  providers?: ProviderView[];
  connections?: ConnectionView[];
  removedConnections?: RemovedConnectionView[];
  /** What tools did with each connection, by connection id (none when absent). */
  usage?: Record<string, ConnectionUsage>;
  /** The Tools view's tools (none when absent). */
  tools?: BrokerToolView[];
  /** What Settings › Install the command answers (a development build's answer when absent). */
  commandInstall?: CommandInstall;
  /** Settings → General and Pause tools (the defaults when absent). */
  background?: BackgroundSettings;
  /** The Review view's suggestions and setting (none, 90 days, when absent). */
  review?: ReviewView;
  /** The managed policy in force (none when absent). */
  policy?: PolicyInForce;
  /** What each connection's MCP server offers, by connection id (none is on an MCP server when absent). */
  remoteTools?: Record<string, RemoteToolsView>;
}

export const COMMAND_UNAVAILABLE: CommandInstall = {
  outcome: 'unavailable',
  message: 'This copy of Scopekeeper does not include the command (a development build): run `npm link` in its source folder instead.',
};

/** A plan the way the main process shapes one; tests override what they look at. */
export function changePlan(overrides: Partial<ChangePlan> = {}): ChangePlan {
  return {
    planId: 'plan-1',
    connectionId: aliceConnection.id,
    providerName: aliceConnection.providerName,
    account: aliceConnection.account,
    kind: 'change',
    strategy: 'revoke-and-reconsent',
    add: [],
    remove: [],
    steps: [],
    opensBrowser: false,
    actionsLost: [],
    actionsGained: [],
    ...overrides,
  };
}

/** What the fake main process plans: the connection's own explanations, steps in plain words. */
function planFor(connection: ConnectionView, planId: string, add: readonly string[], remove: readonly string[]): ChangePlan {
  const explain = (scope: string): ExplainedScope =>
    [...connection.granted, ...connection.notGranted].find((s) => s.scope === scope) ?? explained(scope);
  const { providerName } = connection;
  const steps: ChangePlan['steps'] = [
    ...(remove.length > 0
      ? [{ kind: 'revoke' as const, description: `Scopekeeper asks ${providerName} to revoke its current access.` }]
      : []),
    { kind: 'authorize', description: 'Your browser opens so you can approve the permissions you keep.' },
  ];
  return changePlan({
    planId,
    connectionId: connection.id,
    providerName,
    account: connection.account,
    add: add.map(explain),
    remove: remove.map(explain),
    steps,
    opensBrowser: true,
  });
}

/** The connection once `plan` is applied, everything approved. */
/** What the Tools view shows to connect a tool: a command of this shape, the app's folder moved. */
export const fakeToolSetup: ToolSetup = {
  launch: { command: '/usr/bin/node', args: ['/opt/scopekeeper/bin/scopekeeper.js', 'mcp'], env: { SCOPEKEEPER_DATA_DIR: '/home/alex/sk-data' } },
  dataDir: '/home/alex/sk-data',
  dataDirMoved: true,
};

function applied(connection: ConnectionView, plan: ChangePlan): ConnectionView {
  const removed = new Set(plan.remove.map((s) => s.scope));
  const granted = [...connection.granted.filter((s) => !removed.has(s.scope)), ...plan.add];
  const grantedScopes = granted.map((s) => s.scope);
  return {
    ...connection,
    grantedScopes,
    granted,
    notGrantedScopes: connection.notGrantedScopes.filter((s) => !grantedScopes.includes(s)),
    notGranted: connection.notGranted.filter((s) => !grantedScopes.includes(s.scope)),
  };
}

function csvOf(connections: readonly ConnectionView[]): string {
  const rows = connections.flatMap((c) => c.granted.map((s) => [c.providerName, c.account, s.scope, s.title, s.access, s.grantedAt ?? '']));
  return [['provider', 'account', 'scope', 'title', 'access_level', 'granted_at'], ...rows].map((r) => r.join(',')).join('\n');
}

/**
 * A stand-in for window.scopekeeper: every method is a vi.fn answering from `data`, and pushed
 * events are fired by hand. Tests install it with setBridgeForTests, then use the real store.
 */
export function createFakeBridge(initial: FakeBridgeData = {}) {
  const data = {
    status: initial.status ?? readyStatus,
    providers: initial.providers ?? [sandboxProvider],
    connections: initial.connections ?? [],
    removedConnections: initial.removedConnections ?? [],
    usage: initial.usage ?? {},
    tools: initial.tools ?? [],
    commandInstall: initial.commandInstall ?? COMMAND_UNAVAILABLE,
    background: initial.background ?? { startAtLogin: false, keepRunning: true, toolsPaused: false },
    notificationSettings: { off: [], quiet: false } as NotificationSettings,
    review: initial.review ?? { unusedDays: 90, suggestions: [] },
    policy: initial.policy ?? NO_POLICY,
    remoteTools: initial.remoteTools ?? {},
  };
  const remoteListeners = new Set<(payload: { connectionId: string }) => void>();
  const policyListeners = new Set<(payload: PolicyInForce) => void>();
  const grantsListeners = new Set<(payload: GrantsChanged) => void>();
  const flowListeners = new Set<(payload: FlowProgress) => void>();
  const stepUpListeners = new Set<(payload: StepUpEnded) => void>();
  const changeListeners = new Set<(payload: ChangeProgress) => void>();
  const usedListeners = new Set<(payload: { connectionIds: string[] }) => void>();
  const backgroundListeners = new Set<(payload: BackgroundSettings) => void>();
  const openListeners = new Set<(payload: AppOpen) => void>();
  /** Plans handed out and not applied yet, as the main process keeps them. */
  const plans = new Map<string, ChangePlan>();
  let planCount = 0;
  const removeAll = fakeRemoveAll(data);

  const connectionFor = (connectionId: string): ConnectionView | undefined =>
    data.connections.find((c) => c.id === connectionId);
  const remember = (plan: ChangePlan): Result<ChangePlan> => {
    plans.set(plan.planId, plan);
    return ok(plan);
  };

  const api = {
    app: {
      status: vi.fn(async () => ok(data.status)),
      showInFolder: vi.fn(async (_request: RequestOf<'app:show-in-folder'>) => ok(null)),
      installCommand: vi.fn(async () => ok(data.commandInstall)),
      notifications: vi.fn(async () => ok(data.notificationSettings)),
      setNotifications: vi.fn(async (settings: NotificationSettings) => ok((data.notificationSettings = settings))),
      newActions: vi.fn(async () => ok({ on: false })),
      setNewActions: vi.fn(async ({ on }: RequestOf<'settings:set-new-actions'>) => ok({ on })),
      // As the main process: refused while the environment fixes it; otherwise saved, and the
      // Sandbox in the providers list becomes available (or unavailable once cleared).
      setSandbox: vi.fn(async ({ issuer }: RequestOf<'settings:set-sandbox'>): Promise<Result<SandboxSetting>> => {
        if (data.status.sandbox.source === 'environment') return fail('CHANGE_REFUSED', { reason: 'sandbox-from-environment' });
        const sandbox: SandboxSetting = issuer === null ? { source: 'none' } : { issuer: issuer.replace(/\/+$/, ''), source: 'settings' };
        data.status = { ...data.status, sandbox };
        data.providers = data.providers.map((p) => {
          if (p.id !== sandboxProvider.id) return p;
          if (issuer === null) return { ...p, available: false, unavailableReason: SANDBOX_NOT_SET_UP };
          const { unavailableReason: _gone, ...rest } = p;
          return { ...rest, available: true };
        });
        return ok(sandbox);
      }),
    },
    providers: {
      list: vi.fn(async () => ok(data.providers)),
      add: vi.fn(
        async (request: RequestOf<'providers:add'>): Promise<Result<ProviderView>> =>
          ok({ ...customProvider, name: request.name }),
      ),
      addMcp: vi.fn(
        async (request: RequestOf<'providers:add-mcp'>): Promise<Result<ProviderView>> =>
          ok({ ...customProvider, id: 'mcp-00000000-0000-4000-8000-000000000001', name: request.name, mcp: { url: request.url, signIn: true, revocation: true } }),
      ),
      cancelAddMcp: vi.fn(async (): Promise<Result<boolean>> => ok(false)),
      editServer: vi.fn(
        async (request: RequestOf<'providers:edit-server'>): Promise<Result<ProviderView>> => {
          const provider = data.providers.find((p) => p.id === request.providerId);
          if (provider === undefined || !provider.custom) return fail('PROVIDER_UNKNOWN', { reason: 'not-custom' });
          const updated: ProviderView = { ...provider, name: request.name };
          data.providers = data.providers.map((p) => (p.id === request.providerId ? updated : p));
          return ok(updated);
        },
      ),
      removeServer: vi.fn(async ({ providerId, withConnections }: RequestOf<'providers:remove-server'>): Promise<Result<null>> => {
        data.providers = data.providers.filter((p) => p.id !== providerId);
        if (withConnections) data.connections = data.connections.filter((c) => c.providerId !== providerId);
        return ok(null);
      }),
      setClient: vi.fn(async ({ providerId, clientId, clientSecret, redirectPort }: RequestOf<'providers:set-client'>): Promise<Result<ProviderView>> => {
        const provider = data.providers.find((p) => p.id === providerId);
        if (provider === undefined) return fail('PROVIDER_UNKNOWN');
        const hasSecret = typeof clientSecret === 'string' || (clientSecret === undefined && provider.client?.source === 'own' && provider.client.clientId === clientId && provider.client.hasSecret);
        const { unavailableReason: _gone, ...rest } = provider;
        const updated: ProviderView = {
          ...rest,
          available: true,
          client: { clientId, hasSecret, ...(redirectPort !== undefined ? { redirectPort } : {}), source: 'own' },
          redirectUri: redirectPort === undefined ? 'http://127.0.0.1/callback' : `http://127.0.0.1:${redirectPort}/callback`,
        };
        data.providers = data.providers.map((p) => (p.id === providerId ? updated : p));
        return ok(updated);
      }),
      clearClient: vi.fn(async ({ providerId }: RequestOf<'providers:clear-client'>): Promise<Result<ProviderView>> => {
        const provider = data.providers.find((p) => p.id === providerId);
        if (provider === undefined) return fail('PROVIDER_UNKNOWN');
        if (provider.client?.source !== 'own') return fail('INVALID_REQUEST', { reason: 'no-own-client' });
        const { client: _own, ...rest } = provider;
        const updated: ProviderView = { ...rest, available: false, unavailableReason: `No client for ${provider.name}.`, redirectUri: 'http://127.0.0.1/callback' };
        data.providers = data.providers.map((p) => (p.id === providerId ? updated : p));
        return ok(updated);
      }),
    },
    grants: {
      // As main: the first connection in full too, when asked (the window's first load).
      list: vi.fn(async (request?: RequestOf<'grants:list'>) => {
        const first = data.connections[0];
        return ok({ ...connectionListOf(data.connections), ...(request?.withFirstDetail && first !== undefined ? { firstDetail: first } : {}) });
      }),
      detail: vi.fn(async ({ connectionId }: RequestOf<'grants:detail'>): Promise<Result<ConnectionView>> => {
        const connection = connectionFor(connectionId);
        return connection === undefined ? fail('CONNECTION_NOT_FOUND') : ok(connection);
      }),
      connect: vi.fn(
        async (_request: { providerId: string; scopes?: string[] }): Promise<Result<ConnectionView>> =>
          fail('AUTH_TIMEOUT'),
      ),
      cancelFlow: vi.fn(async () => ok({ cancelled: true })),
      openDevicePage: vi.fn(async () => ok({ opened: true })),
      forget: vi.fn(async (_request: { connectionId: string }) => ok(null)),
      check: vi.fn(async ({ connectionId }: RequestOf<'grants:check'>): Promise<Result<ConnectionView>> => {
        const connection = connectionFor(connectionId);
        return connection === undefined ? fail('CONNECTION_NOT_FOUND') : ok(connection);
      }),
      reconnect: vi.fn(async ({ connectionId }: RequestOf<'grants:reconnect'>): Promise<Result<ConnectionView>> => {
        const connection = connectionFor(connectionId);
        if (connection === undefined) return fail('CONNECTION_NOT_FOUND');
        const restored: ConnectionView = {
          ...connection,
          state: 'connected',
          grantedScopes: connection.restore.map((s) => s.scope),
          granted: connection.restore,
          restore: [],
        };
        data.connections = data.connections.map((c) => (c.id === connectionId ? restored : c));
        return ok(restored);
      }),
      setScopeMode: vi.fn(async ({ connectionId }: RequestOf<'grants:set-scope-mode'>): Promise<Result<ConnectionView>> => {
        const connection = connectionFor(connectionId);
        return connection === undefined ? fail('CONNECTION_NOT_FOUND') : ok(connection);
      }),
      saveFixedList: vi.fn(async ({ connectionId }: RequestOf<'grants:save-fixed-list'>): Promise<Result<ConnectionView>> => {
        const connection = connectionFor(connectionId);
        return connection === undefined ? fail('CONNECTION_NOT_FOUND') : ok(connection);
      }),
      reviewActions: vi.fn(async ({ connectionId }: RequestOf<'grants:review-actions'>): Promise<Result<ConnectionView>> => {
        const connection = connectionFor(connectionId);
        return connection === undefined ? fail('CONNECTION_NOT_FOUND') : ok(connection);
      }),
      planChange: vi.fn(async ({ connectionId, add = [], remove = [] }: RequestOf<'grants:plan-change'>): Promise<Result<ChangePlan>> => {
        const connection = connectionFor(connectionId);
        if (connection === undefined) return fail('CONNECTION_NOT_FOUND');
        return remember(planFor(connection, `plan-${++planCount}`, add, remove));
      }),
      planAction: vi.fn(async ({ connectionId, actionId, enable }: RequestOf<'grants:plan-action'>): Promise<Result<ChangePlan>> => {
        const connection = connectionFor(connectionId);
        const action = connection?.actions.find((a) => a.id === actionId);
        if (connection === undefined || action === undefined) return fail('INVALID_REQUEST');
        // The fake knows no catalog: turning on adds what is missing; turning off drops nothing it could name.
        const plan = planFor(connection, `plan-${++planCount}`, enable ? action.missingScopes : [], []);
        return remember({ ...plan, ...(enable ? { actionsGained: [action.title] } : { actionsLost: [action.title] }) });
      }),
      planDisconnect: vi.fn(async ({ connectionId }: RequestOf<'grants:plan-disconnect'>): Promise<Result<ChangePlan>> => {
        const connection = connectionFor(connectionId);
        if (connection === undefined) return fail('CONNECTION_NOT_FOUND');
        return remember(
          changePlan({
            planId: `plan-${++planCount}`,
            connectionId,
            providerName: connection.providerName,
            account: connection.account,
            kind: 'disconnect',
            strategy: 'revoke-all',
            remove: connection.granted,
            steps: [
              { kind: 'revoke', description: `Scopekeeper asks ${connection.providerName} to revoke all of its access.` },
              { kind: 'forget-locally', description: 'Scopekeeper deletes its saved tokens for this connection.' },
            ],
            actionsLost: connection.actions.filter((a) => a.available).map((a) => a.title),
          }),
        );
      }),
      applyPlan: vi.fn(async ({ planId }: RequestOf<'grants:apply-plan'>): Promise<Result<ChangeOutcome>> => {
        const plan = plans.get(planId);
        plans.delete(planId);
        const connection = plan === undefined ? undefined : connectionFor(plan.connectionId);
        if (plan === undefined || connection === undefined) return fail('INVALID_REQUEST');
        if (plan.kind === 'disconnect') {
          data.connections = data.connections.filter((c) => c.id !== connection.id);
          return ok({ connection: null, message: `${connection.providerName} revoked Scopekeeper’s access; the connection is removed.`, notGranted: [] });
        }
        const after = applied(connection, plan);
        data.connections = data.connections.map((c) => (c.id === after.id ? after : c));
        return ok({ connection: after, message: `${connection.providerName} now grants what you chose.`, notGranted: [] });
      }),
      planRemoveAll: removeAll.planRemoveAll,
      applyRemoveAll: removeAll.applyRemoveAll,
      export: vi.fn(async ({ format }: RequestOf<'grants:export'>): Promise<Result<ExportFile>> =>
        format === 'history-csv'
          ? ok({ filename: 'scopekeeper-history-2025-03-01.csv', mimeType: 'text/csv', content: 'at,provider,account,connection,event,scopes,message' })
          : format === 'csv'
          ? ok({ filename: 'scopekeeper-permissions-2025-03-01.csv', mimeType: 'text/csv', content: csvOf(data.connections) })
          : ok({
              filename: 'scopekeeper-permissions-2025-03-01.json',
              mimeType: 'application/json',
              content: JSON.stringify({ connections: data.connections.map((c) => c.grantedScopes) }),
            }),
      ),
    },
    history: {
      listRemoved: vi.fn(async (): Promise<Result<RemovedConnectionView[]>> => ok(data.removedConnections)),
    },
    // As the main process: each change saved and answered with the settings as they now are.
    background: {
      get: vi.fn(async () => ok(data.background)),
      set: vi.fn(async (change: RequestOf<'background:set'>): Promise<Result<BackgroundSettings>> => ok((data.background = { ...data.background, ...change }))),
      pauseTools: vi.fn(async ({ paused }: RequestOf<'background:pause-tools'>): Promise<Result<BackgroundSettings>> => ok((data.background = { ...data.background, toolsPaused: paused }))),
    },
    // The broker's side of the window: no tool asks anything in these tests; usage is what `data.usage` says.
    broker: {
      pending: vi.fn(async () => ok([])),
      answer: vi.fn(async () => ok(null)),
      tools: vi.fn(async (): Promise<Result<BrokerToolView[]>> => ok(data.tools)),
      revoke: vi.fn(async (_request: RequestOf<'broker:revoke'>): Promise<Result<ResponseOf<'broker:revoke'>>> => ok({ stillWorking: [] })),
      confirmEachCall: vi.fn(async (_request: RequestOf<'broker:confirm-each-call'>): Promise<Result<null>> => ok(null)),
      setup: vi.fn(async (): Promise<Result<ToolSetup>> => ok(fakeToolSetup)),
      usage: vi.fn(
        async ({ connectionId }: RequestOf<'broker:usage'>): Promise<Result<ConnectionUsage>> =>
          ok(data.usage[connectionId] ?? { connectionId, toolsInvolved: false, usedBy: [], calls: [], totalCalls: 0 }),
      ),
    },
    // As the main process: a dismissed suggestion leaves the list; only a listed one can be dismissed.
    review: {
      list: vi.fn(async (): Promise<Result<ReviewView>> => ok(data.review)),
      dismiss: vi.fn(async ({ suggestionId }: RequestOf<'review:dismiss'>): Promise<Result<ReviewView>> => {
        if (!data.review.suggestions.some((s) => s.id === suggestionId)) return fail('INVALID_REQUEST');
        data.review = { ...data.review, suggestions: data.review.suggestions.filter((s) => s.id !== suggestionId) };
        return ok(data.review);
      }),
      setUnusedDays: vi.fn(async ({ unusedDays }: RequestOf<'review:set-unused-days'>): Promise<Result<ReviewView>> => {
        data.review = { ...data.review, unusedDays };
        return ok(data.review);
      }),
    },
    policy: { get: vi.fn(async (): Promise<Result<PolicyInForce>> => ok(data.policy)) },
    remote: {
      tools: vi.fn(async ({ connectionId }: RequestOf<'remote:tools'>): Promise<Result<RemoteToolsView>> => {
        const view = data.remoteTools[connectionId];
        return view ? ok(view) : fail('INVALID_REQUEST');
      }),
    },
    events: {
      onRemoteToolsChanged: vi.fn((listener: (payload: { connectionId: string }) => void) => {
        remoteListeners.add(listener);
        return () => remoteListeners.delete(listener);
      }),
      onPolicyChanged: vi.fn((listener: (payload: PolicyInForce) => void) => {
        policyListeners.add(listener);
        return () => policyListeners.delete(listener);
      }),
      onBrokerUsed: vi.fn((listener: (payload: { connectionIds: string[] }) => void) => {
        usedListeners.add(listener);
        return () => usedListeners.delete(listener);
      }),
      onBrokerApprovalRequested: vi.fn(() => () => undefined),
      onBrokerApprovalClosed: vi.fn(() => () => undefined),
      onBrokerChanged: vi.fn(() => () => undefined),
      onBackgroundChanged: vi.fn((listener: (payload: BackgroundSettings) => void) => {
        backgroundListeners.add(listener);
        return () => backgroundListeners.delete(listener);
      }),
      onGrantsChanged: vi.fn((listener: (payload: GrantsChanged) => void) => {
        grantsListeners.add(listener);
        return () => grantsListeners.delete(listener);
      }),
      onFlowProgress: vi.fn((listener: (payload: FlowProgress) => void) => {
        flowListeners.add(listener);
        return () => flowListeners.delete(listener);
      }),
      onBrokerStepUpEnded: vi.fn((listener: (payload: StepUpEnded) => void) => {
        stepUpListeners.add(listener);
        return () => stepUpListeners.delete(listener);
      }),
      onRemoveAllProgress: removeAll.onRemoveAllProgress,
      onChangeProgress: vi.fn((listener: (payload: ChangeProgress) => void) => {
        changeListeners.add(listener);
        return () => changeListeners.delete(listener);
      }),
      onAppOpen: vi.fn((listener: (payload: AppOpen) => void) => {
        openListeners.add(listener);
        return () => openListeners.delete(listener);
      }),
    },
  } satisfies ScopekeeperApi;

  return {
    api,
    data,
    emitGrantsChanged(payload: GrantsChanged = {}): void {
      grantsListeners.forEach((listener) => listener(payload));
    },
    /** The tray menu paused or resumed tools (or a setting changed elsewhere). */
    /** A policy file changed: the policy now in force. */
    emitPolicyChanged(payload: PolicyInForce): void {
      data.policy = payload;
      policyListeners.forEach((listener) => listener(payload));
    },
    emitBackgroundChanged(payload: BackgroundSettings): void {
      data.background = payload;
      backgroundListeners.forEach((listener) => listener(payload));
    },
    /** A connection's MCP server changed its tools. */
    emitRemoteToolsChanged(connectionId: string, view: RemoteToolsView): void {
      data.remoteTools[connectionId] = view;
      remoteListeners.forEach((listener) => listener({ connectionId }));
    },
    emitBrokerUsed(connectionIds: string[]): void {
      usedListeners.forEach((listener) => listener({ connectionIds }));
    },
    emitFlowProgress(payload: FlowProgress): void {
      flowListeners.forEach((listener) => listener(payload));
    },
    /** A tool's step-up the person approved has ended. */
    emitStepUpEnded(payload: StepUpEnded): void {
      stepUpListeners.forEach((listener) => listener(payload));
    },
    emitChangeProgress(payload: ChangeProgress): void {
      changeListeners.forEach((listener) => listener(payload));
    },
    /** The person clicked a notification. */
    emitAppOpen(payload: AppOpen): void {
      openListeners.forEach((listener) => listener(payload));
    },
    /** Remove all: `failures` and `holds` (a run waits there) by connection id. */
    removeAll,
    /** The plans handed out and not applied yet. */
    pendingPlans: (): ChangePlan[] => [...plans.values()],
    listenerCounts: () => ({
      grantsChanged: grantsListeners.size,
      flowProgress: flowListeners.size,
      changeProgress: changeListeners.size,
    }),
  };
}

export type FakeBridge = ReturnType<typeof createFakeBridge>;
