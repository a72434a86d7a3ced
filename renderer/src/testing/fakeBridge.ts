import { vi } from 'vitest';
import type { ScopekeeperApi } from '../../../shared/ipc/api';
import type { AppStatus, ConnectionView, FlowProgress, GrantsChanged, ProviderView } from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/ipc/errors';

/** Test data: what a test's main process "has". */
export const sandboxProvider: ProviderView = {
  id: 'sandbox',
  name: 'Sandbox',
  description: 'A local OpenID Connect server for trying Scopekeeper out.',
  available: true,
  defaultScopes: ['profile', 'contacts.read'],
};

export const offlineProvider: ProviderView = {
  id: 'offline',
  name: 'Offline Co',
  description: 'A provider without a client ID.',
  available: false,
  unavailableReason: 'No client ID is configured for Offline Co.',
  defaultScopes: ['read'],
};

export const aliceConnection: ConnectionView = {
  id: 'conn-alice',
  providerId: 'sandbox',
  providerName: 'Sandbox',
  account: 'alice@example.test',
  connectedAt: '2025-03-01T10:15:00.000Z',
  updatedAt: '2025-03-01T10:15:00.000Z',
  requestedScopes: ['openid', 'profile', 'contacts.read', 'contacts.write'],
  grantedScopes: ['openid', 'profile', 'contacts.read'],
  notGrantedScopes: ['contacts.write'],
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
    providers: { list: vi.fn(async () => ok(data.providers)) },
    grants: {
      list: vi.fn(async () => ok(data.connections)),
      connect: vi.fn(
        async (_request: { providerId: string; scopes?: string[] }): Promise<Result<ConnectionView>> =>
          fail('AUTH_TIMEOUT'),
      ),
      cancelFlow: vi.fn(async () => ok({ cancelled: true })),
      forget: vi.fn(async (_request: { connectionId: string }) => ok(null)),
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
