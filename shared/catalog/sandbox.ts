import { OIDC_STANDARD_SCOPES } from './oidc';
import type { ActionInfo, Category, ProviderInfo, ScopeInfo } from './types';

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

const SANDBOX_ACTIONS: readonly ActionInfo[] = [
  { id: 'sign-in', title: 'Sign you in', scopes: ['openid', 'profile', 'email'] },
  { id: 'stay-connected', title: 'Work while you are away', scopes: ['offline_access'] },
  { id: 'read-files', title: 'Read your files', scopes: ['files:read'] },
  { id: 'edit-files', title: 'Edit your files', scopes: ['files:write'] },
  { id: 'share-files', title: 'Share your files', scopes: ['files:admin'] },
  { id: 'read-messages', title: 'Read your messages', scopes: ['messages:read'] },
  { id: 'send-messages', title: 'Send messages', scopes: ['messages:write'] },
  { id: 'read-tasks', title: 'See your tasks', scopes: ['tasks:read'] },
  { id: 'manage-tasks', title: 'Manage your tasks', scopes: ['tasks:write'] },
  { id: 'read-calendar', title: 'See your calendar', scopes: ['calendar:read'] },
  { id: 'create-events', title: 'Create calendar events', scopes: ['calendar:write'] },
  { id: 'see-workspace', title: 'See workspace settings', scopes: ['workspace:read'] },
  { id: 'change-workspace', title: 'Change workspace settings', scopes: ['workspace:write'] },
  { id: 'watch-changes', title: 'Get notified of changes', scopes: ['webhooks:write'] },
];

/**
 * The sandbox as a provider, its endpoints derived from where it runs (oidc-provider's default
 * routes: /auth, /token, /token/revocation, /me).
 */
export function sandboxProvider(issuer: string): ProviderInfo {
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
    add: { strategy: 'union' },
    revokeAll: 'rfc7009',
    consoleUrl: base,
    docsUrl: DOCS,
    scopes: [...SANDBOX_SCOPES],
    actions: SANDBOX_ACTIONS.map((a) => ({ ...a, scopes: [...a.scopes] })),
  };
}
