import { vi } from 'vitest';
import type { ScopekeeperApi } from '../../../shared/ipc/api';
import type {
  AppStatus,
  ChangeOutcome,
  ChangePlan,
  ChangeProgress,
  ConnectionView,
  ExplainedScope,
  ExportFile,
  FlowProgress,
  GrantsChanged,
  ProviderView,
  RequestOf,
} from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/ipc/errors';

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
};

export const readyStatus: AppStatus = { vault: { state: 'ready' } };

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
  };
  const grantsListeners = new Set<(payload: GrantsChanged) => void>();
  const flowListeners = new Set<(payload: FlowProgress) => void>();

  const api = {
    app: { status: vi.fn(async () => ok(data.status)) },
    providers: {
      list: vi.fn(async () => ok(data.providers)),
      add: vi.fn(
        async (request: RequestOf<'providers:add'>): Promise<Result<ProviderView>> =>
          ok({ ...customProvider, name: request.name }),
      ),
    },
    grants: {
      list: vi.fn(async () => ok(data.connections)),
      connect: vi.fn(
        async (_request: { providerId: string; scopes?: string[] }): Promise<Result<ConnectionView>> =>
          fail('AUTH_TIMEOUT'),
      ),
      cancelFlow: vi.fn(async () => ok({ cancelled: true })),
      forget: vi.fn(async (_request: { connectionId: string }) => ok(null)),
      reconnect: vi.fn(async (_request: RequestOf<'grants:reconnect'>): Promise<Result<ConnectionView>> => fail('INTERNAL')),
      planChange: vi.fn(async (_request: RequestOf<'grants:plan-change'>): Promise<Result<ChangePlan>> => fail('INTERNAL')),
      planAction: vi.fn(async (_request: RequestOf<'grants:plan-action'>): Promise<Result<ChangePlan>> => fail('INTERNAL')),
      planDisconnect: vi.fn(async (_request: RequestOf<'grants:plan-disconnect'>): Promise<Result<ChangePlan>> => fail('INTERNAL')),
      applyPlan: vi.fn(async (_request: RequestOf<'grants:apply-plan'>): Promise<Result<ChangeOutcome>> => fail('INTERNAL')),
      export: vi.fn(async (_request: RequestOf<'grants:export'>): Promise<Result<ExportFile>> => fail('INTERNAL')),
    },
    events: {
      onGrantsChanged: vi.fn((listener: (payload: GrantsChanged) => void) => {
        grantsListeners.add(listener);
        return () => grantsListeners.delete(listener);
      }),
      onFlowProgress: vi.fn((listener: (payload: FlowProgress) => void) => {
        flowListeners.add(listener);
        return () => flowListeners.delete(listener);
      }),
      onChangeProgress: vi.fn((_listener: (payload: ChangeProgress) => void) => () => undefined),
    },
  } satisfies ScopekeeperApi;

  return {
    api,
    data,
    emitGrantsChanged(payload: GrantsChanged = {}): void {
      grantsListeners.forEach((listener) => listener(payload));
    },
    emitFlowProgress(payload: FlowProgress): void {
      flowListeners.forEach((listener) => listener(payload));
    },
    listenerCounts: () => ({ grantsChanged: grantsListeners.size, flowProgress: flowListeners.size }),
  };
}

export type FakeBridge = ReturnType<typeof createFakeBridge>;
