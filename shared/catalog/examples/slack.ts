import type { OperationExample } from './types';

/**
 * Requests copied from the provider's own API reference, one or more per operation the catalog
 * declares for it (see operationCoverage.test.ts). Test data only: product code never imports it.
 *
 * A Slack method page gives its request as the "Method Access" line (method and URL) and an
 * example per argument; files.getUploadURLExternal's query holds its page's argument examples.
 */
const METHODS = 'https://docs.slack.dev/reference/methods';

function access(action: string, method: OperationExample['method'], name: string): OperationExample {
  return { action, method, url: `https://slack.com/api/${name}`, source: `${METHODS}/${name}` };
}

export const examples: readonly OperationExample[] = [
  // One method, three actions: each covers one kind of conversation (see slack.ts).
  ...['read-channels', 'read-private-channels', 'read-direct-messages'].flatMap((action) => [
    access(action, 'GET', 'conversations.history'),
    access(action, 'GET', 'conversations.replies'),
  ]),
  access('list-channels', 'GET', 'conversations.list'),
  access('list-channels', 'GET', 'conversations.info'),
  access('list-channels', 'GET', 'conversations.members'),
  access('send-message', 'POST', 'chat.postMessage'),
  access('search-messages', 'GET', 'search.messages'),
  {
    action: 'upload-files',
    method: 'GET',
    url: 'https://slack.com/api/files.getUploadURLExternal?filename=laughingoutloudcat.jpg&length=53072',
    source: 'https://api.slack.com/methods/files.getUploadURLExternal',
  },
  access('upload-files', 'POST', 'files.getUploadURLExternal'),
  access('upload-files', 'POST', 'files.completeUploadExternal'),
  access('see-people', 'GET', 'users.list'),
  access('see-people', 'GET', 'users.info'),
  access('set-status', 'POST', 'users.profile.set'),
];
