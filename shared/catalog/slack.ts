import { fieldTable } from './tables';
import type { ActionInfo, BodyField, BodySchema, OperationInfo, ProviderInfo, ScopeEntry, ScopeInfo } from './types';

/**
 * Slack user-token scopes (asked in `user_scope`): what an app may do as the person, in every
 * workspace conversation they can see. Slack documents no implications between these scopes
 * (users:read.email must be asked together with users:read, which is not the same thing), so none
 * are declared. Slack has no sensitivity classes: reading messages or acting as the person is
 * 'sensitive', listing names and settings is 'basic'.
 */
function slack(scope: string, entry: ScopeEntry): ScopeInfo {
  return { scope, ...entry, source: `https://api.slack.com/scopes/${scope}` };
}

type Place = { key: string; name: string; where: string };
const PLACES: Place[] = [
  { key: 'channels', name: 'public channels', where: 'public channels' },
  { key: 'groups', name: 'private channels', where: 'private channels you are in' },
  { key: 'im', name: 'direct messages', where: 'your direct messages' },
  { key: 'mpim', name: 'group direct messages', where: 'your group direct messages' },
];

/** The three conversation scopes Slack defines for each kind of conversation. */
function conversationScopes({ key, name, where }: Place): ScopeInfo[] {
  return [
    slack(`${key}:history`, {
      title: `Read messages in ${name}`,
      sentence: `Lets the app read the messages and shared content in ${where}.`,
      includes: [`Every message in ${where}`, 'Files and links shared there'],
      doesNotAllow: ['Sending messages'],
      access: 'read',
      sensitivity: 'sensitive',
      category: 'chat',
    }),
    slack(`${key}:read`, {
      title: `See your ${name}`,
      sentence: `Lets the app see basic information about ${where}, such as names and members, but not the messages.`,
      includes: ['Names, topics and members'],
      doesNotAllow: ['Reading messages'],
      access: 'read',
      sensitivity: 'basic',
      category: 'chat',
    }),
    slack(`${key}:write`, {
      title: `Manage ${name} as you`,
      sentence: `Lets the app start, join, rename, archive and leave ${name} on your behalf.`,
      includes: [`Creating and managing ${name} as you`, 'Inviting and removing people where you may'],
      doesNotAllow: ['Reading messages', 'Posting messages'],
      access: 'write',
      sensitivity: 'sensitive',
      category: 'chat',
    }),
  ];
}

const conversations = PLACES.flatMap(conversationScopes);

const messaging: ScopeInfo[] = [
  slack('chat:write', {
    title: 'Send messages as you',
    sentence: 'Lets the app post, edit and delete messages as you in any conversation you can post in.',
    includes: ['Posting messages as you', 'Editing and deleting your messages'],
    doesNotAllow: ['Reading conversations'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('search:read', {
    title: 'Search your workspace',
    sentence: 'Lets the app search all the messages and files you can see in your workspace.',
    includes: ['Search results across messages and files you can see'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('reactions:read', {
    title: 'See emoji reactions',
    sentence: 'Lets the app see the emoji reactions on messages you can see, and what they react to.',
    includes: ['Reactions and the messages they are on'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('reactions:write', {
    title: 'React to messages as you',
    sentence: 'Lets the app add and remove emoji reactions as you.',
    includes: ['Adding and removing your reactions'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('pins:read', {
    title: 'See pinned messages',
    sentence: 'Lets the app see the pinned messages and files in conversations you are in.',
    includes: ['Pinned messages and files'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('pins:write', {
    title: 'Pin and unpin messages',
    sentence: 'Lets the app pin and unpin messages and files as you.',
    includes: ['Pinning and unpinning content'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('bookmarks:read', {
    title: 'See channel bookmarks',
    sentence: 'Lets the app see the bookmarks in conversations you are in.',
    includes: ['Bookmarked links in channels'],
    access: 'read',
    sensitivity: 'basic',
    category: 'chat',
  }),
  slack('bookmarks:write', {
    title: 'Edit channel bookmarks',
    sentence: 'Lets the app add, change and remove bookmarks in conversations as you.',
    includes: ['Adding, editing and removing bookmarks'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('links:read', {
    title: 'See links in messages',
    sentence: 'Lets the app see the web addresses in messages, for example to show previews.',
    includes: ['Links posted in messages'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('links:write', {
    title: 'Show link previews',
    sentence: 'Lets the app add previews to the links in messages.',
    includes: ['Adding previews under links'],
    access: 'write',
    sensitivity: 'basic',
    category: 'chat',
  }),
  slack('stars:read', {
    title: 'See your saved items',
    sentence: 'Lets the app see the messages and files you saved for later.',
    includes: ['Your saved items'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  slack('stars:write', {
    title: 'Save items for you',
    sentence: 'Lets the app add and remove items in your saved-for-later list.',
    includes: ['Saving and unsaving items'],
    access: 'write',
    sensitivity: 'basic',
    category: 'chat',
  }),
  slack('reminders:read', {
    title: 'See your reminders',
    sentence: 'Lets the app see the reminders you created.',
    includes: ['Your reminders'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  slack('reminders:write', {
    title: 'Manage your reminders',
    sentence: 'Lets the app add, complete and delete reminders for you.',
    includes: ['Adding, completing and deleting reminders'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
];

const filesAndPeople: ScopeInfo[] = [
  slack('files:read', {
    title: 'See shared files',
    sentence: 'Lets the app see and download the files shared in conversations you can see.',
    includes: ['Files shared in your conversations'],
    doesNotAllow: ['Uploading or deleting files'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  slack('files:write', {
    title: 'Upload and delete files',
    sentence: 'Lets the app upload, change and delete files as you.',
    includes: ['Uploading files as you', 'Editing and deleting your files'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  slack('users:read', {
    title: 'See people in your workspace',
    sentence: 'Lets the app see the people in your workspace and their basic details.',
    includes: ['Names, display names and time zones'],
    doesNotAllow: ['Seeing email addresses'],
    access: 'read',
    sensitivity: 'basic',
    category: 'contacts',
  }),
  slack('users:read.email', {
    title: "See people's email addresses",
    sentence: 'Lets the app see the email addresses of the people in your workspace.',
    includes: ['Email addresses of people in the workspace'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
  }),
  slack('users:write', {
    title: 'Set your presence',
    sentence: 'Lets the app set whether you show as active or away.',
    includes: ['Your active or away status'],
    doesNotAllow: ['Changing your profile'],
    access: 'write',
    sensitivity: 'basic',
    category: 'identity',
  }),
  slack('users.profile:read', {
    title: 'See profile details',
    sentence: 'Lets the app see the profile details of people in your workspace, such as titles and phone numbers.',
    includes: ['Profile fields, titles and status'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
  }),
  slack('users.profile:write', {
    title: 'Change your profile and status',
    sentence: 'Lets the app change your profile details and your status.',
    includes: ['Your profile fields', 'Your status text and emoji'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'identity',
  }),
  slack('usergroups:read', {
    title: 'See user groups',
    sentence: 'Lets the app see the user groups in your workspace and who is in them.',
    includes: ['User group names and members'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  slack('usergroups:write', {
    title: 'Manage user groups',
    sentence: 'Lets the app create and change user groups as you.',
    includes: ['Creating user groups', 'Changing who is in them'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'workspace',
  }),
  slack('team:read', {
    title: 'See workspace name and icon',
    sentence: 'Lets the app see the name, email domain and icon of your workspaces.',
    includes: ['Workspace name, domain and icon'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  slack('emoji:read', {
    title: 'See custom emoji',
    sentence: "Lets the app see your workspace's custom emoji.",
    includes: ['Custom emoji'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  slack('dnd:read', {
    title: 'See Do Not Disturb settings',
    sentence: 'Lets the app see whether you and others have Do Not Disturb turned on.',
    includes: ['Do Not Disturb status and schedule'],
    access: 'read',
    sensitivity: 'basic',
    category: 'chat',
  }),
  slack('dnd:write', {
    title: 'Change Do Not Disturb',
    sentence: 'Lets the app turn your Do Not Disturb on and off.',
    includes: ['Pausing and resuming notifications'],
    access: 'write',
    sensitivity: 'basic',
    category: 'chat',
  }),
];

/**
 * Slack's Web API: every method is `https://slack.com/api/<method>`, with the HTTP method its
 * reference page gives (docs.slack.dev/reference/methods/<method>). The broker forwards what the
 * tool sends: read methods take their arguments in the query; chat.postMessage,
 * users.profile.set and files.completeUploadExternal also take a JSON body (described below);
 * files.getUploadURLExternal takes its arguments in the query or form-encoded (no JSON body is
 * described for it: the current reference lists application/json, but clients report
 * `invalid_arguments` for one).
 */
const API = 'https://slack.com/api';

function method(httpMethod: OperationInfo['method'], name: string, body?: BodySchema): OperationInfo {
  return { method: httpMethod, url: `${API}/${name}`, source: `https://docs.slack.dev/reference/methods/${name}`, ...(body ? { body } : {}) };
}

const postMessageBody: BodySchema = {
  type: 'object',
  properties: fieldTable(`
    channel          string    An encoded ID or channel name that represents a channel, private group, or IM channel to send the message to.
    text             string    The formatted text of the message; with blocks, the fallback text shown in notifications.
    blocks           object[]  A JSON-based array of structured blocks.
    attachments      object[]  A JSON-based array of structured attachments.
    thread_ts        string    Provide another message's ts value to make this message a reply; use the parent's ts, never a reply's.
    reply_broadcast  boolean   With thread_ts: whether the reply is also shown to everyone in the channel or conversation.
    mrkdwn           boolean   Disable Slack markup parsing by setting to false. Enabled by default.
    unfurl_links     boolean   Pass true to enable unfurling of primarily text-based content.
    unfurl_media     boolean   Pass false to disable unfurling of media content.
    metadata         object    JSON object with event_type and event_payload fields.
  `),
  required: ['channel'],
};

const profileSetBody: BodySchema = {
  type: 'object',
  properties: {
    profile: {
      type: 'object',
      description: 'Collection of key:value pairs; at most 50 fields may be set.',
      properties: fieldTable(`
        status_text        string   The displayed text of up to 100 characters.
        status_emoji       string   The displayed emoji, e.g. :train:.
        status_expiration  integer  Unix timestamp when the status clears; 0 for a status that does not expire.
      `),
    },
    ...fieldTable(`
      name   string  Name of a single key to set. Usable only if profile is not passed.
      value  string  Value to set a single key to. Usable only if profile is not passed.
    `),
  },
  required: [],
};

const uploadedFile: BodyField = {
  type: 'object',
  description: 'A file returned by files.getUploadURLExternal.',
  properties: fieldTable(`
    id     string  The file ID.
    title  string  The title of the file.
  `),
  required: ['id'],
};

const completeUploadBody: BodySchema = {
  type: 'object',
  properties: {
    files: { type: 'array', description: 'Array of file ids and their corresponding (optional) titles.', items: uploadedFile },
    ...fieldTable(`
      channel_id       string  Channel ID where the file will be shared. If not specified the file will be private.
      channels         string  Comma-separated string of channel IDs or user IDs where the file will be shared.
      thread_ts        string  Provide another message's ts value to upload this file as a reply.
      initial_comment  string  The message text introducing the file in specified channels.
    `),
  },
  required: ['files'],
};

/**
 * Slack's one way to read any conversation is conversations.history and .replies, and it picks the
 * scope by the kind of conversation the `channel` argument names ("channels:, groups:, im: or
 * mpim: scopes corresponding to the conversation type"), which the URL does not show. So the
 * three read actions declare both methods, each for its own kind; the broker asks Slack which
 * kind a call's `channel` is (conversations.info, with the connection's token) and forwards it
 * only under the action that covers that kind. conversations.info in turn needs the kind's
 * `*:read` scope (docs.slack.dev/reference/methods/conversations.info), so each action needs it too.
 * Group direct messages (mpim:history) are a fourth kind that no action here covers.
 */
const HISTORY_SCOPES = 'https://api.slack.com/methods/conversations.history';
const conversationReads = [method('GET', 'conversations.history'), method('GET', 'conversations.replies')];

function reads(id: string, title: string, key: string, kind: string, name: string): ActionInfo {
  return { id, title, scopes: [`${key}:history`, `${key}:read`], operations: conversationReads, resourceKind: { param: 'channel', kind, name, source: HISTORY_SCOPES } };
}

const actions: ActionInfo[] = [
  reads('read-channels', 'Read public channel messages', 'channels', 'public_channel', 'public channels'),
  reads('read-private-channels', 'Read private channel messages', 'groups', 'private_channel', 'private channels'),
  reads('read-direct-messages', 'Read your direct messages', 'im', 'im', 'direct messages'),
  // channels:read is the narrowest of the four `*:read` scopes these list (by conversation kind, as above).
  {
    id: 'list-channels',
    title: 'List channels',
    scopes: ['channels:read'],
    operations: [method('GET', 'conversations.list'), method('GET', 'conversations.info'), method('GET', 'conversations.members')],
  },
  { id: 'send-message', title: 'Send messages as you', scopes: ['chat:write'], operations: [method('POST', 'chat.postMessage', postMessageBody)], effect: 'sends' },
  { id: 'search-messages', title: 'Search messages', scopes: ['search:read'], operations: [method('GET', 'search.messages')] },
  // Uploading is three steps: get an upload URL, post the bytes to it, complete the upload. The
  // middle step goes to the `upload_url` Slack returns, on its file host rather than slack.com/api,
  // and the reference names no token for it: it is no operation here, the tool posts the bytes
  // there itself. The older reference page gives GET for files.getUploadURLExternal, the current
  // one POST; Slack takes both.
  {
    id: 'upload-files',
    title: 'Upload files',
    scopes: ['files:write'],
    operations: [
      { ...method('GET', 'files.getUploadURLExternal'), source: 'https://api.slack.com/methods/files.getUploadURLExternal' },
      method('POST', 'files.getUploadURLExternal'),
      method('POST', 'files.completeUploadExternal', completeUploadBody),
    ],
    effect: 'shares',
  },
  { id: 'see-people', title: 'See people in the workspace', scopes: ['users:read'], operations: [method('GET', 'users.list'), method('GET', 'users.info')] },
  { id: 'set-status', title: 'Set your status', scopes: ['users.profile:write'], operations: [method('POST', 'users.profile.set', profileSetBody)] },
];

export const SLACK: ProviderInfo = {
  id: 'slack',
  name: 'Slack',
  description: 'Messages, channels and files in a Slack workspace, as you (user scopes).',
  kind: 'oauth2',
  endpoints: {
    authorization: 'https://slack.com/oauth/v2/authorize',
    // The user token is under `authed_user` in this method's answer.
    token: 'https://slack.com/api/oauth.v2.access',
    // Slack's Web API method `auth.revoke`, not RFC 7009: it revokes the calling token.
    revocation: 'https://slack.com/api/auth.revoke',
  },
  scopeFormat: { requestSeparator: ',', responseSeparator: ',', scopeParam: 'user_scope' },
  identityScopes: [],
  extraAuthorizationParams: {},
  reduce: ['revoke-and-reconsent', 'provider-console'],
  add: { strategy: 'union' },
  revokeAll: 'provider-api',
  // Without token rotation (which Scopekeeper's app does not turn on) a user token never expires.
  tokensOutliveSession: { source: 'https://docs.slack.dev/authentication/using-token-rotation' },
  consoleUrl: 'https://slack.com/apps/manage',
  docsUrl: 'https://docs.slack.dev/reference/scopes',
  scopes: [...conversations, ...messaging, ...filesAndPeople],
  actions,
};
