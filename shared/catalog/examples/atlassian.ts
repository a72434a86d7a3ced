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
const CLOUD_ID = '11223344-a1b2-3b33-c444-def123456789';
const jira = (path: string): string => `https://api.atlassian.com/ex/jira/${CLOUD_ID}/rest/api/3${path}`;
const wiki = (path: string): string => `https://api.atlassian.com/ex/confluence/${CLOUD_ID}/wiki/rest/api${path}`;
/** A Jira v3 reference page (`issues`, `issue-search`) at one operation's anchor. */
const jiraRef = (group: string, anchor: string): string => `https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-${group}/#api-rest-api-3-${anchor}`;
/** A Confluence v1 reference page (`content`, `search`) at one operation's anchor. */
const wikiRef = (group: string, anchor: string): string => `https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-${group}/#api-wiki-rest-api-${anchor}`;

export const examples: readonly OperationExample[] = [
  { action: 'know-you', method: 'GET', url: 'https://api.atlassian.com/me', source: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/' },
  { action: 'know-you', method: 'GET', url: 'https://api.atlassian.com/oauth/token/accessible-resources', source: 'https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/' },
  { action: 'read-issues', method: 'GET', url: jira('/issue/ED-1'), source: jiraRef('issues', 'issue-issueidorkey-get') },
  { action: 'read-issues', method: 'GET', url: jira('/issue/10002?fields=summary,comment'), source: jiraRef('issues', 'issue-issueidorkey-get') },
  { action: 'read-issues', method: 'GET', url: jira('/search/jql?jql=project%20%3D%20HSP&maxResults=50'), source: jiraRef('issue-search', 'search-jql-get') },
  { action: 'read-issues', method: 'POST', url: jira('/search/jql'), source: jiraRef('issue-search', 'search-jql-post') },
  { action: 'create-issues', method: 'POST', url: jira('/issue'), source: jiraRef('issues', 'issue-post') },
  { action: 'create-issues', method: 'PUT', url: jira('/issue/ED-1?notifyUsers=false'), source: jiraRef('issues', 'issue-issueidorkey-put') },
  { action: 'delete-issues', method: 'DELETE', url: jira('/issue/ED-1?deleteSubtasks=true'), source: jiraRef('issues', 'issue-issueidorkey-delete') },
  { action: 'read-pages', method: 'GET', url: wiki('/content/123456?expand=body.storage,version'), source: wikiRef('content', 'content-id-get') },
  { action: 'write-pages', method: 'POST', url: wiki('/content'), source: wikiRef('content', 'content-post') },
  { action: 'write-pages', method: 'PUT', url: wiki('/content/123456'), source: wikiRef('content', 'content-id-put') },
  { action: 'search-confluence', method: 'GET', url: wiki('/search?cql=type%3Dpage%20and%20space%3DDOCS&limit=25'), source: wikiRef('search', 'search-get') },
];
