/**
 * Test helper for the broker: the real core on a temporary data folder, its broker socket open,
 * the real sandbox as the provider, a fetch port that counts what reaches the network, and the
 * person's answers given through the IPC binding exactly as the window gives them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../electron/core/createCore';
import { createIpcBinding } from '../electron/core/ipc/binding';
import type { RequestResult } from '../electron/core/broker/protocol';
import { BrokerClient, BrokerRefusal } from '../electron/cli/client';
import { dataFolderStores } from '../electron/headless/adapters';
import type { BrokerApprovalRequest, BrokerDecision, EventPayload } from '../shared/ipc/contract';
import type { EventChannel } from '../shared/ipc/channels';
import { consentingBrowser } from '../electron/testing/sandboxCodeFlow';
import type { RunningAuthServer } from '../electron/sandbox/server';
import type { AppNotification, Clock, OAuthClient } from '../electron/core/ports';
import type { RemoteMcpDirectory } from '../electron/core/remoteMcp/types';
import { formBrowser } from './providers/formBrowser';
import { routingFetch, routingRequest, type Routes } from './providers/routing';

/** Requests that reached the network, by kind. */
export interface Traffic {
  api: number;
  refreshes: number;
}

export interface BrokerHarness {
  core: Core;
  dataDir: string;
  endpoint: string;
  traffic: Traffic;
  /** An IPC call from the window; throws the error's code on `{ ok: false }`. */
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  /** Resolves with the next pushed event on `channel` (or one already pushed and not yet taken). */
  next<E extends EventChannel>(channel: E): Promise<EventPayload<E>>;
  /** Makes the API hold every answer until the call is abandoned. */
  stall(on: boolean): void;
  /** How often the core asked for the window to come forward (the Attention port). */
  broughtForward(): number;
  /** Moves the core's clock (tokens expire on it); only the harness's own clock, not one given in `clock`. */
  shift(ms: number): void;
  /** Every notification the core showed, in order. */
  notifications: AppNotification[];
  /** A tool connected and introduced; closed by `dispose`. */
  tool(name: string, secret?: string): Promise<BrokerClient>;
  connectSandbox(scopes: string[]): Promise<string>;
  /** A connection to a provider test server given in `providers` (its consent form answered as is). */
  connect(providerId: string, scopes: string[]): Promise<string>;
  /** A tool asks; the test, as the person, answers through IPC. */
  approve(
    client: BrokerClient,
    request: Record<string, unknown>,
    decision?: BrokerDecision,
    extra?: Record<string, unknown>,
  ): Promise<{ result: RequestResult; asked: BrokerApprovalRequest }>;
  /** The person answers the next question (a call to confirm, a step-up), as the window would. */
  answerNext(decision?: BrokerDecision): Promise<BrokerApprovalRequest>;
  dispose(): Promise<void>;
}

/** Provider test servers (e2e/providers) the core reaches at their real host names, and the built-in clients for them. */
export interface HarnessProviders {
  routes: Routes;
  clients: ReadonlyMap<string, OAuthClient>;
}

/**
 * `countTraffic: false` gives the core the plain global fetch and the hosts' ProviderRequester
 * (what the benchmark measures); `traffic` then stays at zero and `stall` does nothing.
 * `dataDir`: the folder of an earlier harness, disposed first: the app started again.
 */
export async function startBrokerHarness(
  sandbox: Pick<RunningAuthServer, 'issuer'>,
  options: { callTimeoutMs?: number; countTraffic?: boolean; dataDir?: string; providers?: HarnessProviders; clock?: Clock; onApi?: () => void; machinePolicy?: string; sandboxCatalogUpdate?: boolean; remoteMcp?: RemoteMcpDirectory; sandboxUser?: () => string } = {},
): Promise<BrokerHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sk-broker-'));
  const traffic: Traffic = { api: 0, refreshes: 0 };
  let stalled = false;
  let offset = 0;
  let forward = 0;
  const queued = new Map<string, unknown[]>();
  const waiters = new Map<string, ((payload: unknown) => void)[]>();
  const network = options.providers ? routingFetch(options.providers.routes) : fetch;
  const sandboxBrowser = consentingBrowser(options.sandboxUser ? { username: options.sandboxUser } : {});
  const notifications: AppNotification[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.startsWith('/api/')) {
      traffic.api++;
      // The call was admitted and is on its way to the provider: a test may move time now.
      options.onApi?.();
      if (stalled) {
        // A provider that never answers: only the broker's own time-out ends the call.
        await new Promise((_resolve, reject) => {
          // Like fetch, a call abandoned before it is sent ends at once.
          if (init?.signal?.aborted) reject(init.signal.reason);
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
        });
      }
    }
    if (url.pathname === '/token' && String(init?.body).includes('grant_type=refresh_token')) traffic.refreshes++;
    return network(input, init);
  };
  const core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: { open: (url) => (options.providers && new URL(url).protocol === 'https:' ? formBrowser(network).open(url) : sandboxBrowser.open(url)) },
      clock: options.clock ?? { now: () => new Date(Date.now() + offset) },
      notifier: { show: (notification) => void notifications.push(notification) },
      fetch: options.countTraffic === false ? globalThis.fetch : countingFetch,
      // Uncounted, tools' calls take the hosts' way to the API (the benchmark measures that); counted,
      // the core's default, through the counting fetch.
      ...(options.countTraffic === false ? { request: routingRequest(options.providers?.routes ?? new Map()) } : {}),
      attention: { bringForward: () => void forward++ },
      ...(options.machinePolicy ? { machinePolicy: options.machinePolicy } : {}),
      config: {
        sandboxIssuer: sandbox.issuer,
        ...(options.callTimeoutMs ? { brokerCallTimeoutMs: options.callTimeoutMs } : {}),
        ...(options.providers ? { builtInClients: options.providers.clients } : {}),
        ...(options.sandboxCatalogUpdate ? { sandboxCatalogUpdate: true } : {}),
      },
    },
    (channel, payload) => {
      const waiting = waiters.get(channel)?.shift();
      if (waiting) waiting(payload);
      else if (queued.has(channel)) queued.get(channel)!.push(payload);
      else queued.set(channel, [payload]);
    },
    options.remoteMcp ? { remoteMcp: options.remoteMcp } : {},
  );
  const server = await core.startBroker();
  const binding = createIpcBinding(core.handlers, () => true);
  const clients: BrokerClient[] = [];

  const invoke = async (channel: string, payload?: unknown): Promise<unknown> => {
    const result = await binding(channel, payload, { url: 'app://window', isMainFrame: true });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
    return result.value;
  };
  const next = <E extends EventChannel>(channel: E): Promise<EventPayload<E>> =>
    new Promise<EventPayload<E>>((resolve) => {
      const already = queued.get(channel)?.shift();
      if (already !== undefined) return resolve(already as EventPayload<E>);
      waiters.set(channel, [...(waiters.get(channel) ?? []), resolve as (payload: unknown) => void]);
    });

  const connect = async (providerId: string, scopes: string[]): Promise<string> => ((await invoke('grants:connect', { providerId, scopes })) as { id: string }).id;

  return {
    core,
    dataDir,
    endpoint: server.endpoint,
    traffic,
    notifications,
    invoke,
    next,
    broughtForward: () => forward,
    stall: (on) => {
      stalled = on;
    },
    shift: (ms) => {
      offset = ms;
    },
    tool: async (name, secret) => {
      const client = await BrokerClient.connect(server.endpoint);
      clients.push(client);
      await client.send('hello', { tool: name, ...(secret ? { secret } : {}) });
      return client;
    },
    connectSandbox: (scopes) => connect('sandbox', scopes),
    connect,
    approve: async (client, request, decision = 'allow-always', extra = {}) => {
      const asked = next('broker:approval-requested');
      const answered = client.send<RequestResult>('request', request);
      const question = await asked;
      await invoke('broker:answer', { requestId: question.requestId, decision, ...extra });
      return { result: await answered, asked: question };
    },
    answerNext: async (decision = 'allow-once') => {
      const question = await next('broker:approval-requested');
      await invoke('broker:answer', { requestId: question.requestId, decision });
      return question;
    },
    dispose: async () => {
      for (const client of clients.splice(0)) client.close();
      await core.dispose();
    },
  };
}

/** The refusal a promise ends with; throws when it resolves or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<BrokerRefusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BrokerRefusal)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}
