import { describe, expect, it } from 'vitest';
import { withSandboxHarnesses } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { BrokerDecision } from '../../../shared/ipc/contract';
import { ManualClock } from '../../testing/manualClock';
import type { CallResult } from './protocol';

/**
 * A tool's approval given for a while lapses exactly then, on the core's clock: the first call at
 * its end is refused `not_approved` with a sentence that says so; a call admitted just before
 * finishes, whatever the clock does meanwhile.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const harnesses = withSandboxHarnesses();

const read = (h: BrokerHarness, connectionId: string) => async (agent: Awaited<ReturnType<BrokerHarness['tool']>>) =>
  agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });

describe.each<[BrokerDecision, number, string]>([
  ['allow-hour', HOUR, '1 hour'],
  ['allow-day', DAY, '1 day'],
  ['allow-week', 7 * DAY, '7 days'],
  ['allow-month', 30 * DAY, '30 days'],
])('an approval %s', (decision, lifetime, label) => {
  it(`refuses the first call at ${label}, and a call admitted just before finishes`, async () => {
    const clock = new ManualClock(new Date());
    // Once a call is on its way to the provider, the clock jumps past the end, if the test says so.
    let jumpWhileInFlight = 0;
    const h = await harnesses.start({
      clock,
      onApi: () => {
        if (jumpWhileInFlight > 0) clock.advance(jumpWhileInFlight);
        jumpWhileInFlight = 0;
      },
    });
    const connectionId = await h.connectSandbox(['files:read']);
    const call = read(h, connectionId);
    const agent = await h.tool('reader');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] }, decision);
    expect(Date.parse(result.expiresAt!) - clock.now().getTime()).toBe(lifetime);

    clock.advance(lifetime - 1);
    jumpWhileInFlight = 1;
    // Admitted 1 ms before the end; the clock passes the end while the provider answers.
    expect((await call(agent)).status).toBe(200);
    expect(clock.now().getTime()).toBe(Date.parse(result.expiresAt!));

    const refused = await refusal(call(agent));
    expect(refused.code).toBe('not_approved');
    expect(refused.message).toBe(`“reader”’s approval for “read-files” on this connection ended at ${result.expiresAt} (you allowed it for ${label}). Ask again with \`request\`.`);
  });
});
