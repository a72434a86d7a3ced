import type { OperationExample } from './types';

/**
 * Requests copied from the provider's own API reference, one or more per operation the catalog
 * declares for it (see operationCoverage.test.ts). Test data only: product code never imports it.
 *
 * Atlassian's REST references show paths on `https://your-domain.atlassian.net`; a 3LO app sends the
 * same path through the gateway, `https://api.atlassian.com/ex/{product}/{cloudid}{path}`, with the
 * cloud id of the 3LO page's own example (developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps,
 * "Construct the request URL"). Issue keys and ids are those of the references' examples.
 */
const THREE_LO = 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/';
const CALLS = 'https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/';
const JIRA = 'https://api.atlassian.com/ex/jira/11223344-a1b2-3b33-c444-def123456789/rest/api/3';
const WIKI = 'https://api.atlassian.com/ex/confluence/11223344-a1b2-3b33-c444-def123456789/wiki/rest/api';
const ISSUES = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/';
const SEARCH = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/';
const CONTENT = 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/';
const WIKI_SEARCH = 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-search/';

export const examples: readonly OperationExample[] = [
  { action: 'know-you', method: 'GET', url: 'https://api.atlassian.com/me', source: THREE_LO },
  { action: 'know-you', method: 'GET', url: 'https://api.atlassian.com/oauth/token/accessible-resources', source: CALLS },
  { action: 'read-issues', method: 'GET', url: `${JIRA}/issue/ED-1`, source: `${ISSUES}#api-rest-api-3-issue-issueidorkey-get` },
  { action: 'read-issues', method: 'GET', url: `${JIRA}/issue/10002?fields=summary,comment`, source: `${ISSUES}#api-rest-api-3-issue-issueidorkey-get` },
  { action: 'read-issues', method: 'GET', url: `${JIRA}/search/jql?jql=project%20%3D%20HSP&maxResults=50`, source: `${SEARCH}#api-rest-api-3-search-jql-get` },
  { action: 'read-issues', method: 'POST', url: `${JIRA}/search/jql`, source: `${SEARCH}#api-rest-api-3-search-jql-post` },
  { action: 'create-issues', method: 'POST', url: `${JIRA}/issue`, source: `${ISSUES}#api-rest-api-3-issue-post` },
  { action: 'create-issues', method: 'PUT', url: `${JIRA}/issue/ED-1?notifyUsers=false`, source: `${ISSUES}#api-rest-api-3-issue-issueidorkey-put` },
  { action: 'delete-issues', method: 'DELETE', url: `${JIRA}/issue/ED-1?deleteSubtasks=true`, source: `${ISSUES}#api-rest-api-3-issue-issueidorkey-delete` },
  { action: 'read-pages', method: 'GET', url: `${WIKI}/content/123456?expand=body.storage,version`, source: `${CONTENT}#api-wiki-rest-api-content-id-get` },
  { action: 'write-pages', method: 'POST', url: `${WIKI}/content`, source: `${CONTENT}#api-wiki-rest-api-content-post` },
  { action: 'write-pages', method: 'PUT', url: `${WIKI}/content/123456`, source: `${CONTENT}#api-wiki-rest-api-content-id-put` },
  { action: 'search-confluence', method: 'GET', url: `${WIKI}/search?cql=type%3Dpage%20and%20space%3DDOCS&limit=25`, source: `${WIKI_SEARCH}#api-wiki-rest-api-search-get` },
];
