import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { startSlack, type SlackServer } from '../../../e2e/providers/slack';
import type { BrokerClient } from '../../cli/client';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import type { CallResult } from './protocol';

/**
 * Slack's conversations.history and .replies read every kind of conversation, and three actions
 * claim them, each for one kind: the broker asks Slack (conversations.info, with the connection's
 * token) what kind the named `channel` is before the call goes out. Against the Slack test server,
 * reached at slack.com through the routing fetch.
 */

const SLACK_CLIENT = { clientId: '2141029472.691202649728' };
const PUBLIC = 'C123ABC456';
const PRIVATE = 'C0PR1VATE9';
const DM = 'D0DIRECT42';
const GROUP_DM = 'G0GROUPDM7';
const EVERY_KIND = ['channels:history', 'channels:read', 'groups:history', 'groups:read', 'im:history', 'im:read', 'mpim:history', 'mpim:read'];

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

// Slack adds each consent to what the person granted before: a new workspace per test.
let slack: SlackServer;
let h: BrokerHarness;
beforeEach(async () => {
  slack = await startSlack(SLACK_CLIENT);
  h = await startBrokerHarness(sandbox, { providers: { routes: slack.routes, clients: new Map([['slack', { ...SLACK_CLIENT, source: 'built-in' as const }]]) } });
});
afterEach(async () => {
  await h.dispose();
  await slack.close();
});

/** A tool approved (Always allow) for `action` on a Slack connection granted `scopes`. */
async function approvedTool(action: string, scopes = EVERY_KIND): Promise<{ agent: BrokerClient; read: (channel: string, extra?: Record<string, unknown>) => Promise<CallResult> }> {
  const connectionId = await h.connect('slack', scopes);
  const agent = await h.tool('notes-agent');
  await h.approve(agent, { connectionId, actions: [action] });
  const read = (channel: string, extra: Record<string, unknown> = {}) =>
    agent.send<CallResult>('call', { connectionId, action, method: 'GET', path: '/api/conversations.history', query: { channel }, ...extra });
  return { agent, read };
}

const historyCalls = () => slack.answered.filter((m) => m.startsWith('conversations.history'));
const infoCalls = (channel: string) => slack.answered.filter((m) => m === `conversations.info ${channel}`);

describe('a call naming a Slack conversation goes out only under the action for its kind', () => {
  it('“Read public channel messages” reads a public channel and is refused for a direct message and a private channel, which Slack never sees', async () => {
    const { read } = await approvedTool('read-channels');
    const result = await read(PUBLIC);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ ok: true, messages: [{ text: `The latest in ${PUBLIC}` }] });

    const dm = await refusal(read(DM));
    expect(dm.code).toBe('operation_not_allowed');
    expect(dm.message).toBe(`“notes-agent” may use “Read public channel messages” for public channels only; ${DM} is a direct message.`);
    const priv = await refusal(read(PRIVATE));
    expect(priv.code).toBe('operation_not_allowed');
    expect(priv.message).toContain(`${PRIVATE} is a private channel.`);
    expect(historyCalls()).toEqual([`conversations.history ${PUBLIC}`]);
  });

  it('“Read your direct messages” reads a direct message only: not a public channel, not a group direct message', async () => {
    const { read } = await approvedTool('read-direct-messages');
    expect(JSON.parse((await read(DM)).body)).toMatchObject({ ok: true, messages: [{ text: `The latest in ${DM}` }] });
    expect((await refusal(read(PUBLIC))).message).toContain(`for direct messages only; ${PUBLIC} is a public channel.`);
    expect((await refusal(read(GROUP_DM))).message).toContain(`${GROUP_DM} is a group direct message.`);
    // conversations.replies is the same check.
    const thread = await refusal(read(PUBLIC, { path: '/api/conversations.replies', query: { channel: PUBLIC, ts: '1512085950.000216' } }));
    expect(thread.code).toBe('operation_not_allowed');
    expect(historyCalls()).toEqual([`conversations.history ${DM}`]);
  });

  it('a kind Slack will not name (the token lacks its `*:read` scope) is refused, not guessed', async () => {
    const { read } = await approvedTool('read-channels', ['channels:history', 'channels:read', 'im:history']);
    const dm = await refusal(read(DM));
    expect(dm.code).toBe('operation_not_allowed');
    expect(dm.message).toBe(`Slack did not say what kind of conversation ${DM} is (missing_scope): “notes-agent” may use “Read public channel messages” for public channels only.`);
    const unknown = await refusal(read('C0NOSUCH00'));
    expect(unknown.message).toContain('(channel_not_found)');
    expect(historyCalls()).toEqual([]);
  });
});

describe('where the call names its conversation', () => {
  it('a call that names none, or names two, is refused before anything reaches Slack', async () => {
    const { agent } = await approvedTool('read-channels');
    const connectionId = (await agent.send<{ connections: { id: string }[] }>('list')).connections[0]!.id;
    const call = (extra: Record<string, unknown>) => agent.send<CallResult>('call', { connectionId, action: 'read-channels', method: 'GET', path: '/api/conversations.history', ...extra });

    const none = await refusal(call({}));
    expect([none.code, none.message]).toEqual(['bad_request', 'The call must name the conversation in `channel`, once.']);
    const queryAndBody = await refusal(call({ query: { channel: PUBLIC }, body: JSON.stringify({ channel: DM }) }));
    expect([queryAndBody.code, queryAndBody.message]).toEqual(['bad_request', `The call names two conversations in \`channel\` (${PUBLIC}, ${DM}): name one.`]);
    expect((await refusal(call({ path: `/api/conversations.history?channel=${PUBLIC}`, query: { channel: DM } }))).code).toBe('bad_request');
    expect((await refusal(call({ query: { channel: [PUBLIC, DM] } }))).code).toBe('bad_request');
    const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `channel=${PUBLIC}&channel=${DM}` };
    expect((await refusal(call({ query: { channel: PUBLIC }, ...form }))).code).toBe('bad_request');
    expect((await refusal(call({ headers: { 'content-type': 'text/plain' }, body: `channel=${DM}`, query: { channel: PUBLIC } }))).code).toBe('bad_request');
    expect((await refusal(call({ query: { channel: PUBLIC }, body: JSON.stringify({ channel: 7 }) }))).code).toBe('bad_request');
    // Names a provider's parser may read as `channel` too.
    for (const odd of ['channel[]', ' channel', 'Channel']) {
      const lookalike = await refusal(call({ path: `/api/conversations.history?channel=${PUBLIC}&${encodeURIComponent(odd)}=${DM}` }));
      expect([lookalike.code, lookalike.message]).toEqual(['bad_request', `The call has an argument \`${odd}\`: only \`channel\` may name what it reads.`]);
    }
    expect((await refusal(call({ query: { channel: PUBLIC }, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `channel%5B%5D=${DM}` }))).code).toBe('bad_request');
    expect(slack.answered).toEqual([]);
  });

  it('a JSON body that names the conversation twice is checked, and forwarded, as the one value it parses to', async () => {
    const { read } = await approvedTool('read-channels');
    const twice = await refusal(read(PUBLIC, { query: undefined, body: `{"channel":"${PUBLIC}","channel":"${DM}"}` }));
    expect(twice.code).toBe('operation_not_allowed');
    expect(twice.message).toContain(`${DM} is a direct message.`);
    expect(historyCalls()).toEqual([]);
  });
});

describe('what Scopekeeper keeps of a conversation’s kind', () => {
  it('asks Slack once for a burst of calls on one conversation, again after a minute on the core’s clock', async () => {
    const { read } = await approvedTool('read-channels');
    const burst = await Promise.all(Array.from({ length: 12 }, () => read(PUBLIC)));
    expect(burst.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(infoCalls(PUBLIC)).toHaveLength(1);
    expect(historyCalls()).toHaveLength(12);

    h.shift(59_000);
    await read(PUBLIC);
    expect(infoCalls(PUBLIC)).toHaveLength(1);
    h.shift(61_000);
    await read(PUBLIC);
    expect(infoCalls(PUBLIC)).toHaveLength(2);
  });

  it('keeps no refusal: a conversation Slack could not name is asked about again on the next call', async () => {
    const { read } = await approvedTool('read-channels', ['channels:history', 'channels:read']);
    await refusal(read(DM));
    await refusal(read(DM));
    expect(infoCalls(DM)).toHaveLength(2);
  });
});
