import { describe, expect, it } from 'vitest';
import { withSandboxHarness } from '../../../e2e/brokerFixture';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { RunningAuthServer } from '../../sandbox/server';
import type { ConnectionUsage } from '../../../shared/ipc/contract';
import type { CallResult, ListResult } from './protocol';
import { PAUSED_MESSAGE } from './pause';

/** "Pause tools" (the tray menu, the window): every new request, call and token handout is refused until the person resumes them. */
let h: BrokerHarness;
let sandbox: RunningAuthServer;
withSandboxHarness((harness, server) => {
  h = harness;
  sandbox = server;
});

const readFiles = (connectionId: string) => ({ connectionId, action: 'read-files', method: 'GET', path: '/api/files' });

describe('Pause tools', () => {
  it('refuses calls with `paused`, nothing reaches the provider, the refusal is on record; Resume lets them through again', async () => {
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('agent');
    await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-always', { tokenHandout: true });
    const before = h.traffic.api;

    expect(await h.invoke('background:pause-tools', { paused: true })).toMatchObject({ toolsPaused: true });
    expect(await h.next('background:changed')).toMatchObject({ toolsPaused: true });
    const refused = await Promise.all([1, 2, 3].map(() => refusal(agent.send('call', readFiles(connectionId)))));
    expect(refused.map((r) => [r.code, r.message])).toEqual(Array.from({ length: 3 }, () => ['paused', PAUSED_MESSAGE]));
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('paused');
    expect(h.traffic.api).toBe(before);
    // What the tool may use is still listed, so it can say what it is waiting for.
    expect((await agent.send<ListResult>('list')).connections).toHaveLength(1);
    const usage = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    expect(usage.calls.filter((c) => c.outcome === 'paused')).toHaveLength(4);

    await h.invoke('background:pause-tools', { paused: false });
    expect((await agent.send<CallResult>('call', readFiles(connectionId))).status).toBe(200);
  });

  it('asks the person nothing while paused: a request is refused at once, with no question in the window', async () => {
    await h.connectSandbox(['files:read']);
    await h.invoke('background:pause-tools', { paused: true });
    const agent = await h.tool('newcomer');
    expect((await refusal(agent.send('request', { providerId: 'sandbox', actions: ['read-files'] }))).code).toBe('paused');
    expect(await h.invoke('broker:pending')).toEqual([]);
    expect(h.broughtForward()).toBe(0);
  });

  it('stays paused when Scopekeeper starts again over the same data folder', async () => {
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('agent');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] });
    await h.invoke('background:pause-tools', { paused: true });
    await h.dispose();
    const again = await startBrokerHarness(sandbox, { dataDir: h.dataDir });
    try {
      const back = await again.tool('agent', result.secret);
      expect((await refusal(back.send('call', readFiles(connectionId)))).code).toBe('paused');
      expect(await again.invoke('background:get')).toEqual({ startAtLogin: false, keepRunning: true, toolsPaused: true });
    } finally {
      await again.dispose();
    }
  });
});
