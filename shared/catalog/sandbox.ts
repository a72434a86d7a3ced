import { OIDC_STANDARD_SCOPES } from './oidc';
import type { ActionInfo, BodyField, BodySchema, Category, OperationInfo, ProviderInfo, ScopeInfo } from './types';

/**
 * The local sandbox: an oidc-provider instance that plays a small workspace app (files, messages,
 * tasks, calendar) so every flow can be tried without a real account. Its scopes are ours; the
 * source points at oidc-provider's documentation of how a server declares them.
 */
const SOURCE = 'https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#scopes';
const DOCS = 'https://github.com/panva/node-oidc-provider/blob/main/docs/README.md';

/** A `resource:read` / `resource:write` pair where write includes read. */
function readWrite(resource: string, noun: string, category: Category): ScopeInfo[] {
  return [
    {
      scope: `${resource}:read`,
      title: `See your ${noun}`,
      sentence: `Lets the app see your ${noun} in the sandbox workspace, without changing them.`,
      includes: [`Listing and opening your ${noun}`],
      doesNotAllow: [`Changing or deleting ${noun}`],
      access: 'read',
      sensitivity: 'sensitive',
      category,
      source: SOURCE,
    },
    {
      scope: `${resource}:write`,
      title: `Create and change your ${noun}`,
      sentence: `Lets the app see, create, change and delete your ${noun} in the sandbox workspace.`,
      includes: [`Everything "${resource}:read" allows`, `Creating, changing and deleting ${noun}`],
      access: 'write',
      sensitivity: 'sensitive',
      category,
      implies: [`${resource}:read`],
      source: SOURCE,
    },
  ];
}

const filesAdmin: ScopeInfo = {
  scope: 'files:admin',
  title: 'Manage files and who sees them',
  sentence: 'Lets the app do anything with your sandbox files, including sharing them and deleting them for everyone.',
  includes: ['Everything "files:write" allows', 'Sharing files and changing who may see them', 'Emptying the trash'],
  access: 'admin',
  sensitivity: 'sensitive',
  category: 'files',
  implies: ['files:write'],
  source: SOURCE,
};

const webhooks: ScopeInfo[] = readWrite('webhooks', 'webhooks', 'workspace').map((s) =>
  s.access === 'read'
    ? { ...s, sentence: 'Lets the app see which web addresses the sandbox notifies when something changes.' }
    : { ...s, sentence: 'Lets the app add and remove web addresses that the sandbox notifies when something changes.' },
);

/** Every scope the sandbox server knows, exact strings, OIDC ones included. */
/** The sandbox's one registered client: a native public client (no secret, PKCE). */
export const SANDBOX_CLIENT_ID = 'scopekeeper-desktop';

export const SANDBOX_SCOPES: readonly ScopeInfo[] = [
  ...OIDC_STANDARD_SCOPES.filter((s) => ['openid', 'profile', 'email', 'offline_access'].includes(s.scope)),
  ...readWrite('files', 'files', 'files'),
  filesAdmin,
  ...readWrite('messages', 'messages', 'chat'),
  ...readWrite('tasks', 'tasks', 'tasks'),
  ...readWrite('calendar', 'calendar events', 'calendar'),
  ...readWrite('workspace', 'workspace settings', 'workspace'),
  ...webhooks,
];

/** A body field of the workspace API (electron/sandbox/workspace.ts `requestBodies`, which refuses unknown fields). */
const text = (description: string): BodyField => ({ type: 'string', description });

/** The workspace API's own bodies: closed, since the API refuses any field it does not know. */
function body(properties: Record<string, BodyField>, required: string[]): BodySchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

const BODIES = {
  newFile: body({ name: text('File name'), content: text('Text content (empty when left out)') }, ['name']),
  fileUpdate: body({ name: text('New file name'), content: text('New text content') }, []),
  sharing: body({ sharedWith: { type: 'array', description: 'Email addresses that may see the file (replaces the list)', items: text('Email address') } }, ['sharedWith']),
  newMessage: body({ to: text('Who receives it, e.g. sam@sandbox.test'), text: text('The message') }, ['to', 'text']),
  newTask: body({ title: text('What to do') }, ['title']),
  taskUpdate: body({ title: text('New title'), done: { type: 'boolean', description: 'Whether it is done' } }, []),
  newEvent: body({ title: text('Event title'), start: text('Start, ISO 8601 date-time in UTC, e.g. 2025-01-31T09:00:00Z'), end: text('End, ISO 8601 date-time in UTC') }, ['title', 'start', 'end']),
  settingsUpdate: body({ name: text('Workspace name'), timezone: text('Time zone, e.g. Europe/Paris') }, []),
  newWebhook: body({ url: text('The http(s) address to notify') }, ['url']),
} satisfies Record<string, BodySchema>;

/** Method, path under `<issuer>/api`, and the body it takes, if any. */
type SandboxOperation = readonly [OperationInfo['method'], string, BodySchema?];

/** Each action with the workspace API calls it covers (paths under `<issuer>/api`). */
const SANDBOX_ACTIONS: readonly (Omit<ActionInfo, 'operations'> & { operations?: readonly SandboxOperation[] })[] = [
  { id: 'sign-in', title: 'Sign you in', scopes: ['openid', 'profile', 'email'], operations: [['GET', '/me']] },
  // A refresh token is no API call: nothing for a tool to ask for.
  { id: 'stay-connected', title: 'Work while you are away', scopes: ['offline_access'] },
  { id: 'read-files', title: 'Read your files', scopes: ['files:read'], operations: [['GET', '/files'], ['GET', '/files/{fileId}']] },
  {
    id: 'edit-files',
    title: 'Edit your files',
    scopes: ['files:write'],
    operations: [['POST', '/files', BODIES.newFile], ['PUT', '/files/{fileId}', BODIES.fileUpdate], ['DELETE', '/files/{fileId}']],
    effect: 'destroys',
  },
  {
    id: 'share-files',
    title: 'Share your files',
    scopes: ['files:admin'],
    operations: [['PUT', '/files/{fileId}/sharing', BODIES.sharing], ['DELETE', '/trash']],
    effect: 'shares',
  },
  { id: 'read-messages', title: 'Read your messages', scopes: ['messages:read'], operations: [['GET', '/messages'], ['GET', '/messages/{messageId}']] },
  { id: 'send-messages', title: 'Send messages', scopes: ['messages:write'], operations: [['POST', '/messages', BODIES.newMessage]], effect: 'sends' },
  { id: 'read-tasks', title: 'See your tasks', scopes: ['tasks:read'], operations: [['GET', '/tasks'], ['GET', '/tasks/{taskId}']] },
  {
    id: 'manage-tasks',
    title: 'Manage your tasks',
    scopes: ['tasks:write'],
    operations: [['POST', '/tasks', BODIES.newTask], ['PATCH', '/tasks/{taskId}', BODIES.taskUpdate], ['DELETE', '/tasks/{taskId}']],
    effect: 'destroys',
  },
  { id: 'read-calendar', title: 'See your calendar', scopes: ['calendar:read'], operations: [['GET', '/calendar/events'], ['GET', '/calendar/events/{eventId}']] },
  {
    id: 'create-events',
    title: 'Create calendar events',
    scopes: ['calendar:write'],
    operations: [['POST', '/calendar/events', BODIES.newEvent], ['DELETE', '/calendar/events/{eventId}']],
    effect: 'destroys',
  },
  { id: 'see-workspace', title: 'See workspace settings', scopes: ['workspace:read'], operations: [['GET', '/workspace']] },
  { id: 'change-workspace', title: 'Change workspace settings', scopes: ['workspace:write'], operations: [['PATCH', '/workspace', BODIES.settingsUpdate]] },
  { id: 'see-webhooks', title: 'See which addresses get notified', scopes: ['webhooks:read'], operations: [['GET', '/webhooks']] },
  {
    id: 'watch-changes',
    title: 'Get notified of changes',
    scopes: ['webhooks:write'],
    operations: [['POST', '/webhooks', BODIES.newWebhook], ['DELETE', '/webhooks/{webhookId}']],
    effect: 'shares',
  },
];

/**
 * What a later catalog adds to the Sandbox, loaded only by a test build (the headless host's
 * `sandboxCatalogUpdate`): how a connection meets an action an app update brought.
 */
const SANDBOX_UPDATE_ACTIONS: typeof SANDBOX_ACTIONS = [
  { id: 'see-file-details', title: 'See a file’s details', scopes: ['files:read'], operations: [['GET', '/files/{fileId}']] },
];

/** Where the sandbox serves its workspace API: the resource its access tokens are issued for. */
export function sandboxApiBase(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/api`;
}

/**
 * The sandbox as a provider, its endpoints derived from where it runs (oidc-provider's default
 * routes: /auth, /token, /token/revocation, /me).
 */
export function sandboxProvider(issuer: string, options: { catalogUpdate?: boolean } = {}): ProviderInfo {
  const base = issuer.replace(/\/+$/, '');
  return {
    id: 'sandbox',
    name: 'Sandbox',
    description: 'A practice workspace on this computer: try Scopekeeper without an account.',
    kind: 'oidc',
    issuer,
    endpoints: {
      authorization: `${base}/auth`,
      token: `${base}/token`,
      revocation: `${base}/token/revocation`,
      userinfo: `${base}/me`,
    },
    scopeFormat: { requestSeparator: ' ', responseSeparator: ' ', scopeParam: 'scope' },
    identityScopes: ['openid', 'profile', 'email', 'offline_access'],
    // oidc-provider issues a refresh token for offline_access only after an explicit consent prompt.
    extraAuthorizationParams: { prompt: 'consent' },
    reduce: ['revoke-and-reconsent', 'narrow-refresh'],
    narrowTokens: true,
    add: { strategy: 'union' },
    revokeAll: 'rfc7009',
    consoleUrl: base,
    docsUrl: DOCS,
    scopes: [...SANDBOX_SCOPES],
    actions: [...SANDBOX_ACTIONS, ...(options.catalogUpdate === true ? SANDBOX_UPDATE_ACTIONS : [])].map(({ operations, ...a }) => ({
      ...a,
      scopes: [...a.scopes],
      ...(operations ? { operations: operations.map(([method, path, body]) => ({ method, url: `${sandboxApiBase(issuer)}${path}`, ...(body ? { body } : {}) })) } : {}),
    })),
    // File ids are compared exactly, as the workspace API looks them up.
    resources: [{ params: ['fileId'], noun: 'file' }],
  };
}
