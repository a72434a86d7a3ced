import type { OperationExample } from './types';

/**
 * Requests copied from the provider's own API reference, one or more per operation the catalog
 * declares for it (see operationCoverage.test.ts). Test data only: product code never imports it.
 *
 * The URLs are the code samples of GitHub's REST reference ("curl … https://api.github.com/repos/
 * OWNER/REPO/…", path parameters in capitals), each from the page and anchor in `source`.
 */
const REST = 'https://docs.github.com/rest';

function sample(action: string, method: OperationExample['method'], path: string, page: string): OperationExample {
  return { action, method, url: `https://api.github.com${path}`, source: `${REST}/${page}` };
}

export const examples: readonly OperationExample[] = [
  sample('read-profile', 'GET', '/user', 'users/users#get-the-authenticated-user'),
  sample('see-email', 'GET', '/user/emails', 'users/emails#list-email-addresses-for-the-authenticated-user'),
  sample('see-email', 'GET', '/user/public_emails', 'users/emails#list-public-email-addresses-for-the-authenticated-user'),
  sample('read-private-repos', 'GET', '/user/repos', 'repos/repos#list-repositories-for-the-authenticated-user'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO', 'repos/repos#get-a-repository'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/readme', 'repos/contents#get-a-repository-readme'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/contents/PATH', 'repos/contents#get-repository-content'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/git/trees/TREE_SHA', 'git/trees#get-a-tree'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/git/blobs/FILE_SHA', 'git/blobs#get-a-blob'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/branches', 'branches/branches#list-branches'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/commits', 'commits/commits#list-commits'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/commits/REF', 'commits/commits#get-a-commit'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/issues', 'issues/issues#list-repository-issues'),
  sample('read-private-repos', 'GET', '/repos/OWNER/REPO/issues/ISSUE_NUMBER', 'issues/issues#get-an-issue'),
  sample('create-issues', 'POST', '/repos/OWNER/REPO/issues', 'issues/issues#create-an-issue'),
  sample('push-public-repos', 'PUT', '/repos/OWNER/REPO/contents/PATH', 'repos/contents#create-or-update-file-contents'),
  sample('push-public-repos', 'POST', '/repos/OWNER/REPO/git/blobs', 'git/blobs#create-a-blob'),
  sample('push-public-repos', 'POST', '/repos/OWNER/REPO/git/trees', 'git/trees#create-a-tree'),
  sample('push-public-repos', 'POST', '/repos/OWNER/REPO/git/commits', 'git/commits#create-a-commit'),
  // The page's sample is …/git/refs/REF; a branch's ref is `heads/<branch name>` (git/refs#get-a-reference).
  sample('push-public-repos', 'PATCH', '/repos/OWNER/REPO/git/refs/heads/BRANCH_NAME', 'git/refs#update-a-reference'),
  sample('set-commit-status', 'POST', '/repos/OWNER/REPO/statuses/SHA', 'commits/statuses#create-a-commit-status'),
  sample('set-commit-status', 'GET', '/repos/OWNER/REPO/commits/REF/statuses', 'commits/statuses#list-commit-statuses-for-a-reference'),
  sample('set-commit-status', 'GET', '/repos/OWNER/REPO/commits/REF/status', 'commits/statuses#get-the-combined-status-for-a-specific-reference'),
  // The contents sample with PATH a workflow file: the workflows page's example workflow has the
  // path `.github/workflows/blank.yaml` (docs.github.com/rest/actions/workflows#get-a-workflow).
  sample('edit-workflows', 'PUT', '/repos/OWNER/REPO/contents/.github/workflows/blank.yaml', 'repos/contents#create-or-update-file-contents'),
  sample('list-orgs', 'GET', '/user/orgs', 'orgs/orgs#list-organizations-for-the-authenticated-user'),
  sample('list-orgs', 'GET', '/user/teams', 'teams/teams#list-teams-for-the-authenticated-user'),
  sample('create-gists', 'POST', '/gists', 'gists/gists#create-a-gist'),
  sample('read-notifications', 'GET', '/notifications', 'activity/notifications#list-notifications-for-the-authenticated-user'),
  sample('read-notifications', 'GET', '/notifications/threads/THREAD_ID', 'activity/notifications#get-a-thread'),
  sample('read-notifications', 'GET', '/repos/OWNER/REPO/notifications', 'activity/notifications#list-repository-notifications-for-the-authenticated-user'),
  sample('install-packages', 'GET', '/user/packages', 'packages/packages#list-packages-for-the-authenticated-users-namespace'),
  sample('install-packages', 'GET', '/user/packages/PACKAGE_TYPE/PACKAGE_NAME', 'packages/packages#get-a-package-for-the-authenticated-user'),
  sample('install-packages', 'GET', '/user/packages/PACKAGE_TYPE/PACKAGE_NAME/versions', 'packages/packages#list-package-versions-for-a-package-owned-by-the-authenticated-user'),
  sample('install-packages', 'GET', '/orgs/ORG/packages', 'packages/packages#list-packages-for-an-organization'),
  sample('install-packages', 'GET', '/orgs/ORG/packages/PACKAGE_TYPE/PACKAGE_NAME/versions', 'packages/packages#list-package-versions-for-a-package-owned-by-an-organization'),
];
