/**
 * The broker unit tests' common ground (Vitest only; Playwright never loads it): one Sandbox
 * server for the file, and for each test a fresh broker harness with a Sandbox connection holding
 * `scopes`. `use` receives them before each test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from './brokerHarness';
import { startSandbox, type RunningAuthServer } from '../electron/sandbox/server';

export function withSandboxBroker(scopes: string[], use: (h: BrokerHarness, connectionId: string, sandbox: RunningAuthServer) => void): void {
  let sandbox: RunningAuthServer;
  let h: BrokerHarness | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(0);
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    h = await startBrokerHarness(sandbox);
    use(h, await h.connectSandbox(scopes), sandbox);
  });
  afterEach(() => h?.dispose());
}
