/**
 * One documented API operation per provider test server, each with the provider's own scope check
 * and error shape, so a tool's call through the broker reaches the real host name and gets back what
 * the provider would answer. The provider files (google.ts, …) hand these their token lookups.
 */
import { bearer, json, type ProviderRequest, type Reply } from './kit';

/** What a resource server knows of an access token: whose it is and the scopes it carries, as the provider spells them. */
export interface TokenGrant {
  user: string;
  scopes: readonly string[];
}
export type TokenLookup = (token: string) => TokenGrant | undefined;

function granted(http: ProviderRequest, lookup: TokenLookup): TokenGrant | undefined {
  const token = bearer(http);
  return token ? lookup(token) : undefined;
}

const G = 'https://www.googleapis.com/auth/';
/** users.messages.list accepts any of these (developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/list#authorization-scopes). */
const GMAIL_LIST_SCOPES = ['https://mail.google.com/', `${G}gmail.modify`, `${G}gmail.readonly`, `${G}gmail.metadata`];

/**
 * Google's error model (cloud.google.com/apis/design/errors, and the Gmail guide
 * developers.google.com/workspace/gmail/api/guides/handle-errors): 401 `UNAUTHENTICATED` for a bad
 * token; 403 `PERMISSION_DENIED`, reason `insufficientPermissions`, for a token without a scope the
 * method accepts, with the RFC 6750 challenge naming the scopes that would do.
 */
function googleError(status: 401 | 403, scopes: readonly string[]): Reply {
  const challenge = status === 401 ? 'error="invalid_token"' : `error="insufficient_scope", scope="${scopes.join(' ')}"`;
  const [message, reason, state] =
    status === 401
      ? ['Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'UNAUTHENTICATED']
      : ['Request had insufficient authentication scopes.', 'insufficientPermissions', 'PERMISSION_DENIED'];
  return json(status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: state } }, { 'WWW-Authenticate': `Bearer realm="https://accounts.google.com/", ${challenge}` });
}

/** `GET https://gmail.googleapis.com/gmail/v1/users/{userId}/messages` (users.messages.list): `{messages:[{id, threadId}], resultSizeEstimate}`. */
export function gmailApi(http: ProviderRequest, lookup: TokenLookup): Reply | undefined {
  const list = http.url.pathname.match(/^\/gmail\/v1\/users\/([^/]+)\/messages$/);
  if (http.host !== 'gmail.googleapis.com' || http.method !== 'GET' || !list) return undefined;
  const grant = granted(http, lookup);
  if (!grant) return googleError(401, []);
  if (!grant.scopes.some((s) => GMAIL_LIST_SCOPES.includes(s))) return googleError(403, GMAIL_LIST_SCOPES);
  // `me` is the authenticated user; another address is refused like any mailbox the token does not own.
  if (list[1] !== 'me' && list[1] !== `${grant.user}@example.com`) return json(403, { error: { code: 403, message: 'Delegation denied for ' + grant.user, status: 'PERMISSION_DENIED' } });
  return json(200, { messages: [{ id: '18c2f0a1b2c3d4e5', threadId: '18c2f0a1b2c3d4e5' }], resultSizeEstimate: 1 });
}

/**
 * `GET https://graph.microsoft.com/v1.0/me/messages` (learn.microsoft.com/graph/api/user-list-messages):
 * delegated Mail.ReadBasic, Mail.Read or Mail.ReadWrite; the answer is an OData collection `{value:[…]}`.
 * Errors (learn.microsoft.com/graph/errors): 401 `InvalidAuthenticationToken`; 403 `ErrorAccessDenied`
 * when the token lacks the permission.
 */
export function graphApi(http: ProviderRequest, lookup: TokenLookup): Reply | undefined {
  if (http.host !== 'graph.microsoft.com' || `${http.method} ${http.url.pathname}` !== 'GET /v1.0/me/messages') return undefined;
  const grant = granted(http, lookup);
  if (!grant) return json(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
  const scopes = grant.scopes.map((s) => s.toLowerCase());
  if (!['mail.readbasic', 'mail.read', 'mail.readwrite'].some((s) => scopes.includes(s))) {
    return json(403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } });
  }
  return json(200, {
    '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('me')/messages",
    value: [
      {
        id: 'AAMkAGUAAAwTW09AAA=',
        subject: 'You have late tasks!',
        bodyPreview: 'Three tasks are past their due date.',
        from: { emailAddress: { name: 'Microsoft Planner', address: 'noreply@planner.office365.com' } },
        receivedDateTime: '2026-01-05T09:00:00Z',
      },
    ],
  });
}

/** A token without the scope a Slack method needs: `{ok:false, error:"missing_scope", needed, provided}` (docs.slack.dev/apis/web-api#responses). */
function missingScope(needed: string, grant: TokenGrant): Reply {
  return json(200, { ok: false, error: 'missing_scope', needed, provided: grant.scopes.join(',') });
}

/**
 * The workspace's conversations, one of each kind, with the fields conversations.info returns for
 * each (docs.slack.dev/reference/objects/conversation-object): `is_channel`, `is_group`, `is_im`,
 * `is_mpim`, `is_private`. `key` is the prefix of the scopes Slack asks for that kind
 * ("channels:, groups:, im: or mpim: scopes corresponding to the conversation type",
 * api.slack.com/methods/conversations.history and …/conversations.info).
 */
export const SLACK_CONVERSATIONS = {
  C123ABC456: { key: 'channels', name: 'general', is_channel: true, is_group: false, is_im: false, is_mpim: false, is_private: false },
  C0PR1VATE9: { key: 'groups', name: 'launch-plans', is_channel: true, is_group: false, is_im: false, is_mpim: false, is_private: true },
  D0DIRECT42: { key: 'im', is_channel: false, is_group: false, is_im: true, is_mpim: false, is_private: true, user: 'U0SAMPLE01' },
  G0GROUPDM7: { key: 'mpim', name: 'mpdm-alex--sam--kim-1', is_channel: false, is_group: true, is_im: false, is_mpim: true, is_private: true },
} as const;
type ConversationId = keyof typeof SLACK_CONVERSATIONS;

/** Slack takes a method's arguments from the query string or the form (or JSON) body (docs.slack.dev/apis/web-api). */
function argument(http: ProviderRequest, name: string): string | undefined {
  return http.url.searchParams.get(name) ?? http.body[name] ?? undefined;
}

/**
 * `conversations.info` (docs.slack.dev/reference/methods/conversations.info): the conversation
 * object, with the kind's `*:read` scope. `conversations.history` (…/conversations.history): its
 * messages, with the kind's `*:history` scope. An ID the workspace does not have is
 * `channel_not_found`.
 */
function slackConversations(http: ProviderRequest, method: string, grant: TokenGrant): Reply {
  const id = argument(http, 'channel') ?? '';
  if (!Object.hasOwn(SLACK_CONVERSATIONS, id)) return json(200, { ok: false, error: 'channel_not_found' });
  const { key, ...conversation } = SLACK_CONVERSATIONS[id as ConversationId];
  if (method === 'conversations.info') {
    if (!grant.scopes.includes(`${key}:read`)) return missingScope(`${key}:read`, grant);
    return json(200, { ok: true, channel: { id, created: 1449252889, is_archived: false, ...conversation } });
  }
  if (!grant.scopes.includes(`${key}:history`)) return missingScope(`${key}:history`, grant);
  const ts = '1512085950.000216';
  return json(200, { ok: true, messages: [{ type: 'message', user: 'U012AB3CDE', text: `The latest in ${id}`, ts }], has_more: false, pin_count: 0 });
}

/**
 * `POST https://slack.com/api/chat.postMessage` (docs.slack.dev/reference/methods/chat.postMessage):
 * user token scope `chat:write`; JSON or form body with `channel` and `text`. Slack answers HTTP 200
 * either way: `{ok:true, channel, ts, message}`, or `{ok:false, error}`, and for a token without the
 * scope `{ok:false, error:"missing_scope", needed, provided}` (docs.slack.dev/apis/web-api#responses).
 * Also conversations.info and conversations.history, above. `answered` hears each method served.
 */
export function slackApi(http: ProviderRequest, lookup: TokenLookup, answered: (method: string) => void = () => undefined): Reply | undefined {
  const method = /^\/api\/(chat\.postMessage|conversations\.info|conversations\.history)$/.exec(http.url.pathname)?.[1];
  if (!method || (method === 'chat.postMessage' ? http.method !== 'POST' : http.method !== 'GET' && http.method !== 'POST')) return undefined;
  answered(`${method} ${argument(http, 'channel') ?? ''}`.trim());
  const grant = granted(http, lookup);
  if (!grant) return json(200, { ok: false, error: 'invalid_auth' });
  if (method !== 'chat.postMessage') return slackConversations(http, method, grant);
  if (!grant.scopes.includes('chat:write')) return missingScope('chat:write', grant);
  const { channel, text } = http.body;
  if (!channel) return json(200, { ok: false, error: 'channel_not_found' });
  if (!text) return json(200, { ok: false, error: 'no_text' });
  const ts = '1503435956.000247';
  return json(200, { ok: true, channel, ts, message: { type: 'message', text, user: `U${grant.user.toUpperCase()}`, ts } });
}

/**
 * `POST https://api.github.com/repos/{owner}/{repo}/issues` (docs.github.com/rest/issues/issues#create-an-issue):
 * an OAuth app token needs `repo` for a private repository (`public_repo` for a public one). Every
 * answer says what the token has (`X-OAuth-Scopes`) and what the action checks for
 * (`X-Accepted-OAuth-Scopes`) (docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps);
 * a private repository the token may not reach
 * is a 404, as if it did not exist. Each person's repositories here are private.
 */
export function githubApi(http: ProviderRequest, lookup: TokenLookup): Reply | undefined {
  const issues = http.url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues$/);
  if (http.host !== 'api.github.com' || http.method !== 'POST' || !issues) return undefined;
  const grant = granted(http, lookup);
  const documentation_url = 'https://docs.github.com/rest/issues/issues#create-an-issue';
  if (!grant) return json(401, { message: 'Bad credentials', documentation_url, status: '401' });
  const headers = { 'X-OAuth-Scopes': grant.scopes.join(', '), 'X-Accepted-OAuth-Scopes': 'repo' };
  const [, owner, repo] = issues;
  if (owner !== grant.user || !grant.scopes.includes('repo')) return json(404, { message: 'Not Found', documentation_url, status: '404' }, headers);
  const title = http.body.title;
  if (!title) return json(422, { message: 'Invalid request.\n\n"title" wasn\'t supplied.', documentation_url, status: '422' }, headers);
  const url = `https://api.github.com/repos/${owner}/${repo}/issues/1347`;
  return json(
    201,
    { id: 1, number: 1347, state: 'open', title, body: http.body.body ?? null, url, html_url: `https://github.com/${owner}/${repo}/issues/1347`, user: { login: grant.user } },
    { ...headers, Location: url },
  );
}

/**
 * `GET https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/{issueIdOrKey}`
 * (developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get):
 * classic scope `read:jira-work`, on a site the person picked at consent. The gateway refuses a
 * token without the scope for that site with 401 `{"code":401,"message":"Unauthorized; scope does
 * not match"}` (no challenge header; as Atlassian answers, e.g.
 * community.atlassian.com/forums/Jira-Service-Management/Having-problems-with-Jira-scope-for-rule-management-API/qaq-p/3135618);
 * an issue the site does not have is Jira's 404.
 */
export function jiraApi(http: ProviderRequest, lookup: (token: string) => (TokenGrant & { siteIds: readonly string[] }) | undefined): Reply | undefined {
  const issue = http.url.pathname.match(/^\/ex\/jira\/([^/]+)\/rest\/api\/3\/issue\/([^/]+)$/);
  if (http.host !== 'api.atlassian.com' || http.method !== 'GET' || !issue) return undefined;
  const token = bearer(http);
  const grant = token ? lookup(token) : undefined;
  if (!grant) return json(401, { code: 401, message: 'Unauthorized' });
  const [, cloudId, key] = issue;
  if (!grant.siteIds.includes(cloudId!) || !grant.scopes.includes('read:jira-work')) return json(401, { code: 401, message: 'Unauthorized; scope does not match' });
  if (key !== 'ED-1' && key !== '10002') return json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  return json(200, {
    id: '10002',
    key: 'ED-1',
    self: `https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3/issue/10002`,
    fields: { summary: 'Main order flow broken', status: { name: 'To Do' }, issuetype: { name: 'Bug' } },
  });
}
