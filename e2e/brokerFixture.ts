/**
 * The broker unit tests' common ground (Vitest only; Playwright never loads it): one Sandbox
 * server for the file, and for each test a fresh broker harness. `use` receives them before each
 * test; `withSandboxBroker` also connects a Sandbox account holding `scopes`.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from './brokerHarness';
import { startSandbox, type RunningAuthServer } from '../electron/sandbox/server';

export function withSandboxHarness(use: (h: BrokerHarness, sandbox: RunningAuthServer) => void | Promise<void>): void {
  let sandbox: RunningAuthServer;
  let h: BrokerHarness | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(0);
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    h = await startBrokerHarness(sandbox);
    await use(h, sandbox);
  });
  afterEach(() => h?.dispose());
}

export function withSandboxBroker(scopes: string[], use: (h: BrokerHarness, connectionId: string, sandbox: RunningAuthServer) => void): void {
  withSandboxHarness(async (h, sandbox) => use(h, await h.connectSandbox(scopes), sandbox));
}

export interface HarnessStarter {
  sandbox(): RunningAuthServer;
  /** A harness of the test's own (its clock, a restart on an earlier folder); the latest is disposed after the test. */
  start(options?: Parameters<typeof startBrokerHarness>[1]): Promise<BrokerHarness>;
  /** The app quits: the latest harness is disposed now. */
  stop(): Promise<void>;
}

/** One Sandbox for the file; each test starts the harnesses it needs, with the options it needs. */
export function withSandboxHarnesses(): HarnessStarter {
  let sandbox: RunningAuthServer;
  let current: BrokerHarness | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(0);
  });
  afterAll(() => sandbox.close());
  const stop = async (): Promise<void> => {
    const running = current;
    current = undefined;
    await running?.dispose();
  };
  afterEach(stop);
  return {
    sandbox: () => sandbox,
    start: async (options) => {
      current = await startBrokerHarness(sandbox, options);
      return current;
    },
    stop,
  };
}
