import { describe, expect, it } from 'vitest';
import { conversationKind, SLACK_CONVERSATIONS } from './slackConversations';

const token = { accessToken: 'xoxp-1', tokenType: 'bearer', scopes: [] };
const slackAnswers = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ask = (fetch: typeof globalThis.fetch) => SLACK_CONVERSATIONS.kindOf('C012AB3CD', token, fetch, new AbortController().signal);

describe('the kind of a Slack conversation, from conversations.info’s flags', () => {
  it.each([
    // docs.slack.dev/reference/methods/conversations.info: the public channel of its example answer.
    [{ is_channel: true, is_group: false, is_im: false, is_mpim: false, is_private: false }, 'public_channel'],
    [{ is_channel: true, is_group: false, is_im: false, is_mpim: false, is_private: true }, 'private_channel'],
    // A private channel made before March 2021 (a G… id): is_group instead of is_channel.
    [{ is_channel: false, is_group: true, is_im: false, is_mpim: false, is_private: true }, 'private_channel'],
    [{ is_channel: false, is_group: false, is_im: true, is_mpim: false, is_private: true }, 'im'],
    [{ is_channel: false, is_group: true, is_im: false, is_mpim: true, is_private: true }, 'mpim'],
  ])('%o is %s', (flags, kind) => {
    expect(conversationKind(flags)).toBe(kind);
  });

  it('names no kind for flags that fit none or two, or that are missing: a public channel must say is_private false', () => {
    expect(conversationKind({ is_channel: true })).toBeUndefined();
    expect(conversationKind({ is_channel: 'true', is_private: false })).toBeUndefined();
    expect(conversationKind({ is_im: true, is_mpim: true })).toBeUndefined();
    expect(conversationKind({})).toBeUndefined();
  });

  it('asks with the bearer token and the channel in the query, and passes on Slack’s own error when it will not say', async () => {
    let asked: Request | undefined;
    const kind = await ask(async (input, init) => {
      asked = new Request(input, init);
      return slackAnswers(200, { ok: true, channel: { id: 'C012AB3CD', is_channel: true, is_private: false } })(input, init);
    });
    expect(kind).toEqual({ kind: 'public_channel' });
    expect(asked?.url).toBe('https://slack.com/api/conversations.info?channel=C012AB3CD');
    expect(asked?.headers.get('authorization')).toBe('Bearer xoxp-1');
    expect(await ask(slackAnswers(200, { ok: false, error: 'missing_scope', needed: 'im:read', provided: 'channels:read' }))).toEqual({ unknown: 'missing_scope' });
    expect(await ask(slackAnswers(429, { ok: false, error: 'ratelimited' }))).toEqual({ unknown: 'HTTP 429' });
    expect(await ask(slackAnswers(200, { ok: true }))).toEqual({ unknown: 'a conversation of no known kind' });
    expect(await ask(async () => new Response('<html>', { status: 200 }))).toEqual({ unknown: 'no readable answer' });
  });
});
