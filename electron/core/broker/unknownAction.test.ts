import { describe, expect, it } from 'vitest';
import { withSandboxHarness } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';

/**
 * An action id the provider does not have is said to be that, whatever else is missing: not
 * "revoked" because no account is connected, not "not approved" because nobody could approve it.
 */
let h: BrokerHarness;
withSandboxHarness((harness) => {
  h = harness;
});

describe('an action the provider does not have', () => {
  it('asked for on a provider with no account connected: no such action, with the ones it has', async () => {
    const agent = await h.tool('agent');
    const refused = await refusal(agent.send('request', { providerId: 'sandbox', actions: ['send-mesages'] }));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toBe('Sandbox has no action “send-mesages”.');
    expect(refused.details?.actions).toContain('send-messages');
    // A real action there is still refused for the account that is missing.
    expect((await refusal(agent.send('request', { providerId: 'sandbox', actions: ['send-messages'] }))).code).toBe('connection_revoked');
  });

  it('called on a connection: no such action, not “not approved”', async () => {
    const connectionId = await h.connectSandbox(['files:read']);
    const agent = await h.tool('agent');
    await h.approve(agent, { connectionId, actions: ['read-files'] });
    const refused = await refusal(agent.send('call', { connectionId, action: 'read-file', method: 'GET', path: '/api/files' }));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toBe('Sandbox has no action “read-file”.');
    // An action it has and this tool may not use is still not approved.
    expect((await refusal(agent.send('call', { connectionId, action: 'read-messages', method: 'GET', path: '/api/messages' }))).code).toBe('not_approved');
  });
});
