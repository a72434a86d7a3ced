import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import type { CallResult } from './protocol';
import { ToolStore } from './toolStore';

/**
 * What the person approved is what is admitted: "Allow once" is one call however many arrive at
 * once, and a time-limited approval admits nothing after its end. Counted where it matters: the
 * calls that reached the Sandbox's workspace API.
 */

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

let h: BrokerHarness;
let connectionId: string;
beforeEach(async () => {
  h = await startBrokerHarness(sandbox);
  connectionId = await h.connectSandbox(['files:read', 'tasks:read']);
});
afterEach(() => h.dispose());

const readTasks = () => ({ connectionId: '', action: 'read-tasks', method: 'GET', path: '/api/tasks' });
const WEEK_MS = 7 * 24 * 3_600_000;

describe('admission', () => {
  it('eighty concurrent calls after one Allow once: exactly one reaches the provider, the rest are told it was used', async () => {
    const agent = await h.tool('once-agent');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-tasks'] }, 'allow-once');
    // The same tool on two sockets at once (two processes sharing its secret).
    const twin = await h.tool('once-agent', result.secret);
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        (i % 2 ? twin : agent).send<CallResult>('call', { ...readTasks(), connectionId }).then(
          (result) => `ok ${result.status}`,
          (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
        ),
      ),
    );
    expect(h.traffic.api).toBe(1);
    expect(outcomes.filter((o) => o === 'ok 200')).toHaveLength(1);
    const refused = outcomes.filter((o) => o !== 'ok 200');
    expect(refused).toHaveLength(79);
    for (const outcome of refused) expect(outcome).toMatch(/^not_approved: .*one-time approval .* was already used/);

    // Used up in the file too: a restart cannot bring it back.
    const reopened = ToolStore.open(join(h.dataDir, 'broker-tools.json'), new Date());
    expect(reopened.list().map((t) => t.approvals)).toEqual([[]]);
    expect((await refusal(agent.send('call', { ...readTasks(), connectionId }))).code).toBe('not_approved');
    expect(h.traffic.api).toBe(1);
  });

  it('a 7-day approval admits a call 100 ms before its end and refuses one at its end', async () => {
    const agent = await h.tool('week-agent');
    await h.approve(agent, { connectionId, actions: ['read-tasks'] }, 'allow-week');
    const [tool] = ToolStore.open(join(h.dataDir, 'broker-tools.json'), new Date()).list();
    const grantedAt = Date.parse(tool!.approvals[0]!.grantedAt);
    // The harness's clock is the real one moved by an offset; aim at the approval's own instants.
    h.shift(grantedAt + WEEK_MS - 100 - Date.now());
    expect((await agent.send<CallResult>('call', { ...readTasks(), connectionId })).status).toBe(200);
    h.shift(grantedAt + WEEK_MS - Date.now());
    const late = await refusal(agent.send('call', { ...readTasks(), connectionId }));
    expect(late.code).toBe('not_approved');
    expect(late.message).toMatch(/approval for “read-tasks” on this connection ended at /);
    expect(h.traffic.api).toBe(1);
  });
});
