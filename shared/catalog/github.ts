import type { ActionInfo, Category, ProviderInfo, ScopeEntry, ScopeInfo } from './types';

/**
 * GitHub OAuth app scopes ("Scopes for OAuth apps"). A token never does more than the person
 * could do themselves. Implications follow GitHub's own grouping: `repo` contains its `repo:*`
 * sub-scopes, `admin:X` contains `write:X` contains `read:X`, `user` contains `user:*`/`read:user`.
 * Without any scope an app can already read public information.
 */
const SOURCE = 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps#available-scopes';

function gh(scope: string, entry: ScopeEntry): ScopeInfo {
  return { scope, ...entry, source: SOURCE };
}

/** The admin/write/read ladder GitHub uses for keys and hooks. */
function ladder(thing: string, noun: string, category: Category): ScopeInfo[] {
  return [
    gh(`admin:${thing}`, {
      title: `Fully manage your ${noun}`,
      sentence: `Lets the app see, add and delete your ${noun}.`,
      includes: [`Listing, adding and deleting ${noun}`],
      access: 'admin',
      sensitivity: 'sensitive',
      category,
      implies: [`write:${thing}`],
    }),
    gh(`write:${thing}`, {
      title: `Add ${noun}`,
      sentence: `Lets the app see and add ${noun}.`,
      includes: [`Listing and adding ${noun}`],
      doesNotAllow: [`Deleting ${noun}`],
      access: 'write',
      sensitivity: 'sensitive',
      category,
      implies: [`read:${thing}`],
    }),
    gh(`read:${thing}`, {
      title: `See your ${noun}`,
      sentence: `Lets the app list and see your ${noun}.`,
      includes: [`Listing ${noun}`],
      doesNotAllow: [`Adding or deleting ${noun}`],
      access: 'read',
      sensitivity: 'basic',
      category,
    }),
  ];
}

const repos: ScopeInfo[] = [
  gh('repo', {
    title: 'Full access to your repositories',
    sentence:
      'Lets the app read and change the code and settings of all your public and private repositories, including those of your organizations.',
    includes: [
      'Reading and pushing code in private repositories',
      'Commit statuses, deployments and invitations',
      'Collaborators and repository webhooks',
      'Organization projects and team memberships tied to repositories',
    ],
    doesNotAllow: ['Deleting repositories', 'Changing GitHub Actions workflow files'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
    implies: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
  }),
  gh('public_repo', {
    title: 'Change your public repositories',
    sentence: 'Lets the app read and change code, statuses and projects in public repositories you can push to.',
    includes: ['Pushing code to public repositories', 'Starring repositories'],
    doesNotAllow: ['Anything in private repositories'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
  }),
  gh('repo:status', {
    title: 'Set commit statuses',
    sentence: 'Lets the app read and set the check marks on commits in your repositories, without seeing the code.',
    includes: ['Commit statuses in public and private repositories'],
    doesNotAllow: ['Reading code'],
    access: 'write',
    sensitivity: 'basic',
    category: 'code',
  }),
  gh('repo_deployment', {
    title: 'Manage deployment statuses',
    sentence: 'Lets the app read and set deployment statuses in your repositories, without seeing the code.',
    includes: ['Deployments and their statuses'],
    doesNotAllow: ['Reading code'],
    access: 'write',
    sensitivity: 'basic',
    category: 'code',
  }),
  gh('repo:invite', {
    title: 'Accept repository invitations',
    sentence: 'Lets the app accept or decline invitations to collaborate on repositories.',
    includes: ['Accepting and declining invitations'],
    doesNotAllow: ['Reading code'],
    access: 'write',
    sensitivity: 'basic',
    category: 'code',
  }),
  gh('security_events', {
    title: 'Read and manage security alerts',
    sentence: 'Lets the app read and change code scanning and other security alerts in your repositories.',
    includes: ['Code scanning alerts', 'Security events'],
    doesNotAllow: ['Reading code'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
  }),
  gh('delete_repo', {
    title: 'Delete your repositories',
    sentence: 'Lets the app delete repositories that you are allowed to delete.',
    includes: ['Deleting repositories you administer'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'code',
  }),
  gh('workflow', {
    title: 'Change GitHub Actions workflows',
    sentence: 'Lets the app add and change the GitHub Actions workflow files that run automatically in your repositories.',
    includes: ['Creating and editing files under .github/workflows'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
  }),
  gh('gist', {
    title: 'Create and edit your gists',
    sentence: 'Lets the app create and change gists as you, including secret ones.',
    includes: ['Creating, editing and deleting gists'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'code',
  }),
  gh('codespace', {
    title: 'Create and manage codespaces',
    sentence: 'Lets the app create and manage your codespaces, the cloud machines that run your code.',
    includes: ['Creating, starting, stopping and deleting codespaces'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'code',
  }),
];

const hooks: ScopeInfo[] = [
  gh('admin:repo_hook', {
    title: 'Fully manage repository webhooks',
    sentence: 'Lets the app see, add, test and delete the webhooks of your repositories.',
    includes: ['Listing, adding, testing and deleting repository webhooks'],
    doesNotAllow: ['Reading code'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'code',
    implies: ['write:repo_hook'],
  }),
  gh('write:repo_hook', {
    title: 'Add repository webhooks',
    sentence: 'Lets the app see, add and test the webhooks of your repositories.',
    includes: ['Listing, adding and testing repository webhooks'],
    doesNotAllow: ['Deleting webhooks', 'Reading code'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
    implies: ['read:repo_hook'],
  }),
  gh('read:repo_hook', {
    title: 'See repository webhooks',
    sentence: 'Lets the app see and test the webhooks of your repositories.',
    includes: ['Listing and testing repository webhooks'],
    doesNotAllow: ['Adding or deleting webhooks'],
    access: 'read',
    sensitivity: 'basic',
    category: 'code',
  }),
  gh('admin:org_hook', {
    title: 'Manage organization webhooks',
    sentence: 'Lets the app see, add, test and delete the webhooks of your organizations that this app created.',
    includes: ['Organization webhooks created by this app'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'admin',
  }),
];

const orgs: ScopeInfo[] = [
  gh('admin:org', {
    title: 'Fully manage your organizations',
    sentence: 'Lets the app fully manage your organizations, their teams, projects and members.',
    includes: ['Organization settings', 'Adding and removing members and teams'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'admin',
    implies: ['write:org'],
  }),
  gh('write:org', {
    title: 'Change organization memberships',
    sentence: 'Lets the app read and change organization membership, organization projects and team membership.',
    includes: ['Publicizing or hiding your membership', 'Team membership'],
    doesNotAllow: ['Organization settings'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'workspace',
    implies: ['read:org'],
  }),
  gh('read:org', {
    title: 'See your organizations and teams',
    sentence: 'Lets the app see your organization memberships, organization projects and teams, including private ones.',
    includes: ['Organizations you belong to', 'Teams and their members'],
    doesNotAllow: ['Changing memberships'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  gh('project', {
    title: 'Edit your projects',
    sentence: 'Lets the app read and change your projects and the projects of your organizations.',
    includes: ['Creating and editing projects and their items'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'tasks',
    implies: ['read:project'],
  }),
  gh('read:project', {
    title: 'See your projects',
    sentence: 'Lets the app see your projects and the projects of your organizations.',
    includes: ['Projects and their items'],
    doesNotAllow: ['Changing projects'],
    access: 'read',
    sensitivity: 'basic',
    category: 'tasks',
  }),
];

const userScopes: ScopeInfo[] = [
  gh('user', {
    title: 'Read and change your profile',
    sentence: 'Lets the app read and change your profile, see your email addresses, and follow people as you.',
    includes: ['Updating your profile', 'Your email addresses', 'Following and unfollowing people'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'identity',
    implies: ['read:user', 'user:email', 'user:follow'],
  }),
  gh('read:user', {
    title: 'Read your profile',
    sentence: 'Lets the app read all your profile information, including details you have not made public.',
    includes: ['Your full profile'],
    doesNotAllow: ['Changing your profile'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
  }),
  gh('user:email', {
    title: 'See your email addresses',
    sentence: 'Lets the app see the email addresses on your GitHub account, including private ones.',
    includes: ['All your account email addresses'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
  }),
  gh('user:follow', {
    title: 'Follow people as you',
    sentence: 'Lets the app follow and unfollow other people as you.',
    includes: ['Following and unfollowing users'],
    access: 'write',
    sensitivity: 'basic',
    category: 'identity',
  }),
  gh('notifications', {
    title: 'Read your notifications',
    sentence: 'Lets the app read your notifications and mark them as read, and watch or unwatch repositories.',
    includes: ['Reading notifications', 'Marking them read', 'Watching repositories'],
    doesNotAllow: ['Reading code'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
  }),
];

const packages: ScopeInfo[] = [
  gh('write:packages', {
    title: 'Publish packages',
    sentence: 'Lets the app publish and download packages in GitHub Packages as you.',
    includes: ['Uploading and publishing packages'],
    doesNotAllow: ['Deleting packages'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'code',
    implies: ['read:packages'],
  }),
  gh('read:packages', {
    title: 'Download packages',
    sentence: 'Lets the app download and install packages from GitHub Packages.',
    includes: ['Downloading packages you can see'],
    doesNotAllow: ['Publishing packages'],
    access: 'read',
    sensitivity: 'basic',
    category: 'code',
  }),
  gh('delete:packages', {
    title: 'Delete packages',
    sentence: 'Lets the app delete packages from GitHub Packages.',
    includes: ['Deleting package versions'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'code',
  }),
];

const keys: ScopeInfo[] = [
  ...ladder('public_key', 'SSH keys', 'identity'),
  ...ladder('gpg_key', 'GPG keys', 'identity'),
  ...ladder('ssh_signing_key', 'SSH signing keys', 'identity'),
];

/** GitHub's REST API. */
const API = 'https://api.github.com';

const actions: ActionInfo[] = [
  { id: 'read-profile', title: 'Read your profile', scopes: ['read:user'] },
  { id: 'see-email', title: 'See your email addresses', scopes: ['user:email'] },
  {
    id: 'read-private-repos',
    title: 'Read private repositories',
    scopes: ['repo'],
    operations: [
      { method: 'GET', url: `${API}/user/repos` },
      { method: 'GET', url: `${API}/repos/{owner}/{repo}` },
    ],
  },
  // `repo` is the one scope that opens issues in private repositories too.
  { id: 'create-issues', title: 'Open issues', scopes: ['repo'], operations: [{ method: 'POST', url: `${API}/repos/{owner}/{repo}/issues` }], effect: 'sends' },
  { id: 'push-public-repos', title: 'Push to public repositories', scopes: ['public_repo'], effect: 'shares' },
  { id: 'set-commit-status', title: 'Report build results', scopes: ['repo:status'] },
  { id: 'edit-workflows', title: 'Edit Actions workflows', scopes: ['workflow'] },
  { id: 'list-orgs', title: 'See your organizations', scopes: ['read:org'] },
  { id: 'create-gists', title: 'Create gists', scopes: ['gist'], effect: 'shares' },
  { id: 'read-notifications', title: 'Read your notifications', scopes: ['notifications'] },
  { id: 'install-packages', title: 'Download packages', scopes: ['read:packages'] },
];

export const GITHUB: ProviderInfo = {
  id: 'github',
  name: 'GitHub',
  description: 'Repositories, organizations and your profile, through a GitHub OAuth app.',
  kind: 'oauth2',
  endpoints: {
    authorization: 'https://github.com/login/oauth/authorize',
    token: 'https://github.com/login/oauth/access_token',
    // docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow
    device: 'https://github.com/login/device/code',
  },
  scopeFormat: { requestSeparator: ' ', responseSeparator: ',', scopeParam: 'scope' },
  identityScopes: [],
  extraAuthorizationParams: {},
  // Revoking needs the client secret (not for a desktop app): a new, narrower token shrinks what
  // this app holds, but the grant stays until the person removes it in Settings → Applications.
  reduce: ['provider-console'],
  add: { strategy: 'union' },
  revokeAll: 'console-only',
  consoleUrl: 'https://github.com/settings/applications',
  docsUrl: SOURCE,
  scopes: [...repos, ...hooks, ...orgs, ...userScopes, ...packages, ...keys],
  actions,
  // "The account owner of the repository. The name is not case sensitive." and "The name of the
  // repository without the `.git` extension. The name is not case sensitive." (path parameters).
  resources: [{ params: ['owner', 'repo'], noun: 'repository', caseInsensitive: true, source: 'https://docs.github.com/en/rest/issues/issues#create-an-issue' }],
};
