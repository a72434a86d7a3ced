import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxHarness } from '../../../e2e/brokerFixture';
import type { BrokerHarness } from '../../../e2e/brokerHarness';
import type { RunningAuthServer } from '../../sandbox/server';
import type { BrokerToolView } from '../../../shared/ipc/contract';
import type { ListResult } from './protocol';
import { ToolStore } from './toolStore';
import { createCore } from '../createCore';
import { dataFolderStores } from '../../headless/adapters';

/** A connection removed from Scopekeeper takes its tools' approvals with it, whichever way it went. */

let sandbox: RunningAuthServer;
let h: BrokerHarness;
withSandboxHarness((harness, server) => {
  h = harness;
  sandbox = server;
});

async function approvedTool(name: string, connectionId: string) {
  const agent = await h.tool(name);
  await h.approve(agent, { connectionId, actions: ['read-files'] });
  return agent;
}

describe('removing a connection', () => {
  it.each([
    ['forgotten on this computer', (connectionId: string) => h.invoke('grants:forget', { connectionId })],
    [
      'disconnected (revoked at the provider)',
      async (connectionId: string) => {
        const plan = (await h.invoke('grants:plan-disconnect', { connectionId })) as { planId: string };
        await h.invoke('grants:apply-plan', { planId: plan.planId });
      },
    ],
    [
      'removed by Remove all',
      async () => {
        const plan = (await h.invoke('grants:plan-remove-all', {})) as { planId: string };
        await h.invoke('grants:apply-remove-all', { planId: plan.planId });
      },
    ],
  ])('%s: its approvals go, the tool is told, and the file keeps none', async (_how, remove) => {
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await approvedTool('tidy-agent', connectionId);
    const told = new Promise<void>((resolve) => agent.onApprovalsChanged(resolve));
    await remove(connectionId);
    await told;
    expect(await agent.send<ListResult>('list')).toEqual({ connections: [], tokenHandout: false });
    const [tool] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(tool?.approvals).toEqual([]);
    expect(ToolStore.open(join(h.dataDir, 'broker-tools.json'), new Date()).list()[0]?.approvals).toEqual([]);
  });
});

it('at start, approvals of connections removed while nothing listened are dropped', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sk-removed-'));
  const now = new Date();
  const store = ToolStore.open(join(dataDir, 'broker-tools.json'), now);
  const { tool } = store.create('old-agent', now);
  store.approve(tool.id, '5f0c1a52-0000-4000-8000-000000000000', ['read-files'], 'always', {}, now);
  const core = createCore(
    { ...dataFolderStores(dataDir), browser: { open: async () => undefined }, clock: { now: () => new Date() }, fetch: globalThis.fetch, config: { sandboxIssuer: sandbox.issuer } },
    () => undefined,
  );
  try {
    expect(core.broker.tools()).toMatchObject([{ name: 'old-agent', approvals: [] }]);
    expect(ToolStore.open(join(dataDir, 'broker-tools.json'), now).list()[0]?.approvals).toEqual([]);
  } finally {
    await core.dispose();
  }
});
