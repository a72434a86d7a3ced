import type { KindAnswer, KindLookup } from './kindLookup';

/**
 * Which kind of conversation a Slack channel ID is, asked of Slack itself: conversations.info with
 * the connection's own token returns the conversation object, whose flags say the kind
 * (https://docs.slack.dev/reference/methods/conversations.info,
 * https://docs.slack.dev/reference/objects/conversation-object): `is_im` a direct message,
 * `is_mpim` a group direct message, `is_private` (or, for private channels made before 2021,
 * `is_group`) a private channel, and `is_channel` with `is_private` false a public channel. The
 * kinds are the catalog's, spelled as Slack's `types` argument of conversations.list spells them.
 *
 * Slack answers conversations.info only with the kind's `*:read` scope, and answers HTTP 200 with
 * `{ok:false, error}` when it will not (`missing_scope`, `channel_not_found`): no kind then, and
 * the broker refuses rather than guesses. A flag set that fits no kind is no kind either.
 */
const INFO = 'https://slack.com/api/conversations.info';

const DESCRIBED: Readonly<Record<string, string>> = {
  public_channel: 'a public channel',
  private_channel: 'a private channel',
  im: 'a direct message',
  mpim: 'a group direct message',
};

interface ConversationFlags {
  is_channel?: unknown;
  is_group?: unknown;
  is_im?: unknown;
  is_mpim?: unknown;
  is_private?: unknown;
}

/** The kind the flags say, or undefined when they fit none (or several). */
export function conversationKind(c: ConversationFlags): string | undefined {
  if (c.is_im === true) return c.is_mpim === true ? undefined : 'im';
  if (c.is_mpim === true) return 'mpim';
  if (c.is_private === true || c.is_group === true) return 'private_channel';
  if (c.is_channel === true && c.is_private === false) return 'public_channel';
  return undefined;
}

async function ask(channel: string, accessToken: string, fetch: typeof globalThis.fetch, signal: AbortSignal): Promise<KindAnswer> {
  const url = new URL(INFO);
  url.searchParams.set('channel', channel);
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` }, redirect: 'manual', signal });
  if (response.status !== 200) {
    await response.body?.cancel();
    return { unknown: `HTTP ${response.status}` };
  }
  const answer = (await response.json().catch(() => undefined)) as { ok?: unknown; error?: unknown; channel?: ConversationFlags } | undefined;
  if (answer?.ok !== true) return { unknown: typeof answer?.error === 'string' ? answer.error.slice(0, 80) : 'no readable answer' };
  const kind = typeof answer.channel === 'object' && answer.channel !== null ? conversationKind(answer.channel) : undefined;
  return kind ? { kind } : { unknown: 'a conversation of no known kind' };
}

export const SLACK_CONVERSATIONS: KindLookup = {
  what: 'conversation',
  host: new URL(INFO).host,
  kindOf: (channel, token, fetch, signal) => ask(channel, token.accessToken, fetch, signal),
  describe: (kind) => DESCRIBED[kind] ?? kind,
};
