import { fieldTable, operationTable } from './tables';
import type { ActionInfo, BodyField, BodySchema, Category, OperationInfo, ProviderInfo, ScopeEntry, ScopeInfo } from './types';

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
/** GitHub's REST reference (the `externalDocs` of each operation in github/rest-api-description). */
const REST = 'https://docs.github.com/rest/';

/** Operations as the REST reference names them (`{owner}`/`{repo}` kept: approvals may be limited by them). */
const table = (rows: string) => operationTable(API, REST, rows);

function withBody(body: BodySchema, rows: string): OperationInfo {
  const [operation] = table(rows);
  return { ...operation!, body };
}

const body = (required: readonly string[], properties: Record<string, BodyField>): BodySchema => ({ type: 'object', properties, required });

const person = (description: string): BodyField => ({
  type: 'object',
  description,
  properties: fieldTable(`
    name   string  The name of the author or committer of the commit.
    email  string  The email of the author or committer of the commit.
  `),
  required: ['name', 'email'],
});
const COMMITTER = 'The person that committed the file. Default: the authenticated user.';
const AUTHOR = 'The author of the file. Default: the committer, or the authenticated user if there is none.';

const issueBody = body(['title'], fieldTable(`
  title      string    The title of the issue.
  body       string    The contents of the issue.
  assignees  string[]  Logins for Users to assign to this issue (push access only).
  milestone  integer   The number of the milestone to associate this issue with (push access only).
  labels     string[]  Labels to associate with this issue (push access only).
  type       string    The name of the issue type to associate with this issue (push access only).
`));

const statusBody = body(['state'], fieldTable(`
  state        error|failure|pending|success  The state of the status.
  target_url   string  The target URL to associate with this status, linked from the GitHub UI (e.g. the build output).
  description  string  A short description of the status.
  context      string  A string label to differentiate this status from the status of other systems.
`));

const gistBody = body(['files'], fieldTable(`
  description  string   Description of the gist.
  files        object   Names and content for the files that make up the gist: each key a file name, each value {"content": "…"}.
  public       boolean  Flag indicating whether the gist is public (default false).
`));

const fileContentsBody = body(['message', 'content'], {
  ...fieldTable(`
    message  string  The commit message.
    content  string  The new file content, using Base64 encoding.
    sha      string  Required if you are updating a file. The blob SHA of the file being replaced.
    branch   string  The branch name. Default: the repository’s default branch.
  `),
  committer: person(COMMITTER),
  author: person(AUTHOR),
});

const blobBody = body(['content'], fieldTable(`
  content   string  The new blob's content.
  encoding  utf-8|base64  The encoding used for content.
`));

const treeEntry: BodyField = {
  type: 'object',
  description: 'One entry of the tree.',
  properties: fieldTable(`
    path     string  The file referenced in the tree.
    mode     100644|100755|040000|160000|120000  The file mode: file, executable, subdirectory, submodule or symlink.
    type     blob|tree|commit  Either blob, tree, or commit.
    sha      string  The SHA1 checksum ID of the object in the tree; null deletes the file.
    content  string  The content you want this file to have (instead of sha).
  `),
};

const treeBody = body(['tree'], {
  tree: { type: 'array', description: 'Objects (of path, mode, type, and sha) specifying a tree structure.', items: treeEntry },
  ...fieldTable(`base_tree string The SHA1 of an existing Git tree object which will be used as the base for the new tree.`),
});

const commitBody = body(['message', 'tree'], {
  ...fieldTable(`
    message    string    The commit message.
    tree       string    The SHA of the tree object this commit points to.
    parents    string[]  The full SHAs of the commits that were the parents of this commit.
    signature  string    The ASCII-armored detached PGP signature of the commit.
  `),
  author: person('Information about the author of the commit. Default: the authenticated user and the current date.'),
  committer: person('Information about the person who is making the commit. Default: the author.'),
});

const refBody = body(['sha'], fieldTable(`
  sha    string   The SHA1 value to set this reference to.
  force  boolean  Whether to force the update rather than require a fast-forward (default false).
`));

/**
 * A template's `{name}` is one path segment, so `contents/{path}` covers files and folders at the
 * top of a repository only (GitHub takes deeper paths with their slashes, which no template
 * matches, and an encoded slash is refused): deeper files are read through the Git trees and
 * blobs, and written through the Git database (blobs, trees, commits, then the branch).
 *
 * A GitHub OAuth token is never narrowed: what the broker keeps a tool to is the URLs of its
 * approved action; GitHub then checks the connection's whole grant (`repo` includes
 * `public_repo`, so with `repo` granted "Push to public repositories" reaches private ones too).
 */
const actions: ActionInfo[] = [
  // Without a scope GitHub answers the public profile; read:user adds the private details.
  { id: 'read-profile', title: 'Read your profile', scopes: ['read:user'], operations: table('GET /user users/users#get-the-authenticated-user') },
  {
    id: 'see-email',
    title: 'See your email addresses',
    scopes: ['user:email'],
    operations: table(`
      GET  /user/emails         users/emails#list-email-addresses-for-the-authenticated-user
      GET  /user/public_emails  users/emails#list-public-email-addresses-for-the-authenticated-user
    `),
  },
  {
    id: 'read-private-repos',
    title: 'Read private repositories',
    scopes: ['repo'],
    operations: table(`
      GET  /user/repos                                    repos/repos#list-repositories-for-the-authenticated-user
      GET  /repos/{owner}/{repo}                          repos/repos#get-a-repository
      GET  /repos/{owner}/{repo}/readme                   repos/contents#get-a-repository-readme
      GET  /repos/{owner}/{repo}/contents/{path}          repos/contents#get-repository-content
      GET  /repos/{owner}/{repo}/git/trees/{tree_sha}     git/trees#get-a-tree
      GET  /repos/{owner}/{repo}/git/blobs/{file_sha}     git/blobs#get-a-blob
      GET  /repos/{owner}/{repo}/branches                 branches/branches#list-branches
      GET  /repos/{owner}/{repo}/commits                  commits/commits#list-commits
      GET  /repos/{owner}/{repo}/commits/{ref}            commits/commits#get-a-commit
      GET  /repos/{owner}/{repo}/issues                   issues/issues#list-repository-issues
      GET  /repos/{owner}/{repo}/issues/{issue_number}    issues/issues#get-an-issue
    `),
  },
  // `repo` is the one scope that opens issues in private repositories too.
  {
    id: 'create-issues',
    title: 'Open issues',
    scopes: ['repo'],
    operations: [withBody(issueBody, 'POST /repos/{owner}/{repo}/issues issues/issues#create-an-issue')],
    effect: 'sends',
  },
  // The reference asks `repo` for writing contents; `public_repo` is its public-repository part
  // (the scopes page), the narrowest that writes code. A branch is `heads/{branch}` in refs.
  {
    id: 'push-public-repos',
    title: 'Push to public repositories',
    scopes: ['public_repo'],
    operations: [
      withBody(fileContentsBody, 'PUT /repos/{owner}/{repo}/contents/{path} repos/contents#create-or-update-file-contents'),
      withBody(blobBody, 'POST /repos/{owner}/{repo}/git/blobs git/blobs#create-a-blob'),
      withBody(treeBody, 'POST /repos/{owner}/{repo}/git/trees git/trees#create-a-tree'),
      withBody(commitBody, 'POST /repos/{owner}/{repo}/git/commits git/commits#create-a-commit'),
      withBody(refBody, 'PATCH /repos/{owner}/{repo}/git/refs/heads/{branch} git/refs#update-a-reference'),
    ],
    effect: 'shares',
  },
  {
    id: 'set-commit-status',
    title: 'Report build results',
    scopes: ['repo:status'],
    operations: [
      withBody(statusBody, 'POST /repos/{owner}/{repo}/statuses/{sha} commits/statuses#create-a-commit-status'),
      ...table(`
        GET  /repos/{owner}/{repo}/commits/{ref}/statuses  commits/statuses#list-commit-statuses-for-a-reference
        GET  /repos/{owner}/{repo}/commits/{ref}/status    commits/statuses#get-the-combined-status-for-a-specific-reference
      `),
    ],
  },
  // Writing a workflow file is the contents API on `.github/workflows/<file>`: the reference asks
  // `repo`, and `workflow` as well for that folder. The template names the folder literally, so
  // this action writes workflow files and nothing else (GitHub reads workflows from that folder
  // only, not from subfolders); other files are push-public-repos' `contents/{path}`. The token
  // is the connection's whole grant: with `workflow` granted, push-public-repos' Git database
  // calls can change a workflow file as well.
  {
    id: 'edit-workflows',
    title: 'Edit Actions workflows',
    scopes: ['repo', 'workflow'],
    operations: [withBody(fileContentsBody, 'PUT /repos/{owner}/{repo}/contents/.github/workflows/{file} repos/contents#create-or-update-file-contents')],
  },
  // Each of these takes `user` or `read:org` (/user/teams `repo` too); read:org is the narrowest.
  {
    id: 'list-orgs',
    title: 'See your organizations',
    scopes: ['read:org'],
    operations: table(`
      GET  /user/orgs   orgs/orgs#list-organizations-for-the-authenticated-user
      GET  /user/teams  teams/teams#list-teams-for-the-authenticated-user
    `),
  },
  { id: 'create-gists', title: 'Create gists', scopes: ['gist'], operations: [withBody(gistBody, 'POST /gists gists/gists#create-a-gist')], effect: 'shares' },
  {
    id: 'read-notifications',
    title: 'Read your notifications',
    scopes: ['notifications'],
    operations: table(`
      GET  /notifications                      activity/notifications#list-notifications-for-the-authenticated-user
      GET  /notifications/threads/{thread_id}  activity/notifications#get-a-thread
      GET  /repos/{owner}/{repo}/notifications activity/notifications#list-repository-notifications-for-the-authenticated-user
    `),
  },
  // The REST API finds packages and their versions; the download itself is from the package
  // registry (npm.pkg.github.com, ghcr.io, …) in its own protocol, which the broker does not forward.
  {
    id: 'install-packages',
    title: 'Download packages',
    scopes: ['read:packages'],
    operations: table(`
      GET  /user/packages                                                packages/packages#list-packages-for-the-authenticated-users-namespace
      GET  /user/packages/{package_type}/{package_name}                  packages/packages#get-a-package-for-the-authenticated-user
      GET  /user/packages/{package_type}/{package_name}/versions         packages/packages#list-package-versions-for-a-package-owned-by-the-authenticated-user
      GET  /orgs/{org}/packages                                          packages/packages#list-packages-for-an-organization
      GET  /orgs/{org}/packages/{package_type}/{package_name}/versions   packages/packages#list-package-versions-for-a-package-owned-by-an-organization
    `),
  },
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
  // An OAuth app's token lasts until it is revoked (or unused for a year).
  tokensOutliveSession: { source: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation' },
  consoleUrl: 'https://github.com/settings/applications',
  docsUrl: SOURCE,
  scopes: [...repos, ...hooks, ...orgs, ...userScopes, ...packages, ...keys],
  actions,
  // "The account owner of the repository. The name is not case sensitive." and "The name of the
  // repository without the `.git` extension. The name is not case sensitive." (path parameters).
  resources: [{ params: ['owner', 'repo'], noun: 'repository', caseInsensitive: true, source: 'https://docs.github.com/en/rest/issues/issues#create-an-issue' }],
};
