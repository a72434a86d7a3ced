import type { ActionInfo, BodyField, BodySchema, ProviderInfo, ScopeEntry, ScopeInfo } from './types';

/**
 * Atlassian Cloud OAuth 2.0 (3LO) scopes for Jira and Confluence: the classic scopes Atlassian
 * recommends, plus a few granular ones (`verb:entity:product`). Atlassian says some scopes imply
 * others but publishes no table for 3LO, so no implications are declared here. Jira and
 * Confluence permissions still apply: a scope never lets the app do more than the person can.
 */
const JIRA = 'https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/';
const CONFLUENCE = 'https://developer.atlassian.com/cloud/confluence/scopes-for-oauth-2-3LO-and-forge-apps/';
const THREE_LO = 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/';

const at =
  (source: string) =>
  (scope: string, entry: ScopeEntry): ScopeInfo => ({ scope, ...entry, source });
const jira = at(JIRA);
const confluence = at(CONFLUENCE);
const platform = at(THREE_LO);

const identity: ScopeInfo[] = [
  platform('read:me', {
    title: 'See your Atlassian profile',
    sentence: 'Lets the app see your Atlassian account name, email address and picture.',
    includes: ['Your account ID, name, email address and picture'],
    doesNotAllow: ['Reading Jira or Confluence content'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
  }),
  platform('offline_access', {
    title: 'Stay connected while you are away',
    sentence: 'Lets the app keep the access you gave it after you close it, without asking you to sign in again.',
    includes: ['Refreshing its access without you present'],
    doesNotAllow: ['Anything beyond the other permissions you granted'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
  }),
];

const jiraClassic: ScopeInfo[] = [
  jira('read:jira-user', {
    title: 'See Jira user profiles',
    sentence: 'Lets the app see the Jira users you can see, including their names, email addresses and pictures.',
    includes: ['User names, email addresses and avatars'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
  }),
  jira('read:jira-work', {
    title: 'Read Jira projects and issues',
    sentence: 'Lets the app read and search the Jira projects and issues you can see, with their attachments and worklogs.',
    includes: ['Issues, comments and attachments', 'Searching issues', 'Projects and worklogs'],
    doesNotAllow: ['Creating or changing issues'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  jira('write:jira-work', {
    title: 'Create, edit and delete issues',
    sentence: 'Lets the app create and edit Jira issues, comment and log work as you, and delete issues.',
    includes: ['Creating and editing issues', 'Commenting as you', 'Logging work', 'Deleting issues'],
    doesNotAllow: ['Changing project settings'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  jira('manage:jira-project', {
    title: 'Manage Jira project settings',
    sentence: 'Lets the app change the settings of Jira projects and create project items such as versions and components.',
    includes: ['Project settings', 'Versions and components'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'admin',
  }),
  jira('manage:jira-configuration', {
    title: 'Administer Jira',
    sentence: 'Lets the app take Jira administration actions, such as creating projects and custom fields.',
    includes: ['Creating projects', 'Custom fields, workflows and issue link types'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'admin',
  }),
  jira('manage:jira-webhook', {
    title: 'Manage Jira webhooks',
    sentence: 'Lets the app register and delete webhooks that tell it about changes in Jira.',
    includes: ['Registering, refreshing and deleting webhooks'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
];

const jiraGranular: ScopeInfo[] = [
  jira('read:issue:jira', {
    title: 'Read Jira issues',
    sentence: 'Lets the app read the Jira issues you can see.',
    includes: ['Issue details'],
    doesNotAllow: ['Changing issues'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  jira('write:issue:jira', {
    title: 'Create and edit Jira issues',
    sentence: 'Lets the app create and change Jira issues as you.',
    includes: ['Creating issues', 'Editing issues'],
    doesNotAllow: ['Deleting issues'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  jira('delete:issue:jira', {
    title: 'Delete Jira issues',
    sentence: 'Lets the app delete Jira issues you are allowed to delete.',
    includes: ['Deleting issues'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  jira('read:project:jira', {
    title: 'See Jira projects',
    sentence: 'Lets the app see the Jira projects you can see.',
    includes: ['Project names and details'],
    doesNotAllow: ['Reading issues'],
    access: 'read',
    sensitivity: 'basic',
    category: 'tasks',
  }),
  jira('write:comment:jira', {
    title: 'Comment on Jira issues',
    sentence: 'Lets the app add and edit comments on Jira issues as you.',
    includes: ['Adding and editing comments'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
];

const confluenceClassic: ScopeInfo[] = [
  confluence('read:confluence-content.summary', {
    title: 'See Confluence page summaries',
    sentence: 'Lets the app see summaries of Confluence pages and blog posts, such as titles, without their full text.',
    includes: ['Titles and basic details of pages and posts'],
    doesNotAllow: ['Reading the full text'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('read:confluence-content.all', {
    title: 'Read all Confluence content',
    sentence: 'Lets the app read all the Confluence pages, blog posts and comments you can see, in full.',
    includes: ['Full text of pages, posts and comments'],
    doesNotAllow: ['Changing content'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('write:confluence-content', {
    title: 'Write Confluence pages',
    sentence: 'Lets the app create and change Confluence pages, blog posts and comments as you.',
    includes: ['Creating pages, blog posts, comments and questions'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('write:confluence-file', {
    title: 'Upload Confluence attachments',
    sentence: 'Lets the app upload attachments to Confluence as you.',
    includes: ['Uploading attachments'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('read:confluence-space.summary', {
    title: 'See Confluence spaces',
    sentence: 'Lets the app see a summary of the Confluence spaces you can see.',
    includes: ['Space names and descriptions'],
    doesNotAllow: ['Reading pages'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  confluence('write:confluence-space', {
    title: 'Manage Confluence spaces',
    sentence: 'Lets the app create, change and delete Confluence spaces you may manage.',
    includes: ['Creating, changing and deleting spaces'],
    access: 'admin',
    sensitivity: 'sensitive',
    category: 'workspace',
  }),
  confluence('search:confluence', {
    title: 'Search Confluence',
    sentence: 'Lets the app search Confluence and see summaries of the pages and spaces it finds.',
    includes: ['Search results with page and space summaries'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('read:confluence-user', {
    title: 'See Confluence user profiles',
    sentence: 'Lets the app see Confluence users you can see, including names, email addresses and pictures.',
    includes: ['User names, email addresses and pictures'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
  }),
];

const confluenceGranular: ScopeInfo[] = [
  confluence('read:page:confluence', {
    title: 'Read Confluence pages',
    sentence: 'Lets the app read the Confluence pages you can see.',
    includes: ['Page content'],
    doesNotAllow: ['Changing pages'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('write:page:confluence', {
    title: 'Create and edit Confluence pages',
    sentence: 'Lets the app create and change Confluence pages as you.',
    includes: ['Creating and editing pages'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  confluence('read:space:confluence', {
    title: 'See Confluence space details',
    sentence: 'Lets the app see the details of the Confluence spaces you can see.',
    includes: ['Space details'],
    doesNotAllow: ['Reading pages'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
];

/**
 * The actions' HTTP operations. A 3LO token is used through Atlassian's gateway, never the site's own
 * domain: `https://api.atlassian.com/ex/jira/{cloudId}/…` and `…/ex/confluence/{cloudId}/wiki/…`,
 * where the cloud id is a site's `id` from accessible-resources (making-calls-to-api, 3LO page §3.2).
 * Each operation's scopes are those of its reference page (OAuth scopes required, "Classic").
 */
const THREE_LO_CALLS = 'https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/';
const JIRA_API = 'https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3';
const JIRA_ISSUES = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/';
const JIRA_SEARCH = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/';
/**
 * Confluence's REST API v1: the one that takes the classic scopes below (v2 takes only granular
 * ones). Atlassian marks its content operations deprecated in favour of v2; they still answer.
 */
const WIKI_API = 'https://api.atlassian.com/ex/confluence/{cloudId}/wiki/rest/api';
const WIKI_CONTENT = 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/';
const WIKI_SEARCH = 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-search/';

const idOrKey = (what: string): BodyField => ({
  type: 'object',
  description: `The ${what}, by id or key`,
  properties: { id: { type: 'string', description: `The ${what}'s id` }, key: { type: 'string', description: `The ${what}'s key` } },
});

/** `fields` of Create issue, as the reference's example fills it (Atlassian Document Format for the description). */
const issueFields: Readonly<Record<string, BodyField>> = {
  project: idOrKey('project'),
  issuetype: { type: 'object', description: 'The issue type, by id or name', properties: { id: { type: 'string', description: 'The issue type id' }, name: { type: 'string', description: 'The issue type name, e.g. Bug' } } },
  summary: { type: 'string', description: 'The issue summary (its title)' },
  description: { type: 'object', description: 'The description as an Atlassian Document Format document ({type:"doc", version:1, content:[…]})' },
  parent: idOrKey('parent issue'),
  labels: { type: 'array', description: 'Labels', items: { type: 'string', description: 'A label' } },
};

const CREATE_ISSUE: BodySchema = {
  type: 'object',
  properties: {
    fields: { type: 'object', description: 'The issue’s fields (those of its create screen)', properties: issueFields, required: ['project', 'issuetype', 'summary'] },
    update: { type: 'object', description: 'Operations per field (set, add, remove), for fields not given in `fields`' },
  },
  required: ['fields'],
};

const EDIT_ISSUE: BodySchema = {
  type: 'object',
  properties: {
    fields: { type: 'object', description: 'Fields to set, with their new values (e.g. summary)' },
    update: { type: 'object', description: 'Operations per field (set, add, remove), for fields not given in `fields`' },
  },
  required: [],
};

/** Search for issues using JQL (enhanced search), POST form; the reference refuses unknown fields. */
const SEARCH_ISSUES: BodySchema = {
  type: 'object',
  properties: {
    jql: { type: 'string', description: 'A bounded JQL query, e.g. project = HSP order by key' },
    fields: { type: 'array', description: 'Fields to return per issue (default: ids only)', items: { type: 'string', description: 'A field name, *all or *navigable' } },
    maxResults: { type: 'integer', description: 'Issues per page (default 50)' },
    nextPageToken: { type: 'string', description: 'The token of the next page, from the previous answer' },
    expand: { type: 'string', description: 'Comma-separated expansions, e.g. names,changelog' },
    properties: { type: 'array', description: 'Issue property keys to return', items: { type: 'string', description: 'A property key' } },
    fieldsByKeys: { type: 'boolean', description: 'Reference fields by key rather than id' },
    reconcileIssues: { type: 'array', description: 'Issue ids to reconcile with the search', items: { type: 'integer', description: 'An issue id' } },
  },
  required: [],
  additionalProperties: false,
};

const storageBody: BodyField = {
  type: 'object',
  description: 'The page body',
  properties: {
    storage: {
      type: 'object',
      description: 'The body in Confluence storage format',
      properties: {
        value: { type: 'string', description: 'The body, e.g. <p>Hello</p>' },
        representation: { type: 'string', description: 'The body format', enum: ['storage'] },
      },
      required: ['value', 'representation'],
    },
  },
};

const pageType: BodyField = { type: 'string', description: 'The content type: page or blogpost', enum: ['page', 'blogpost'] };
const ancestors: BodyField = { type: 'array', description: 'The parent page (one id)', items: { type: 'object', description: 'A parent', properties: { id: { type: 'string', description: 'The parent page id' } }, required: ['id'] } };

const CREATE_PAGE: BodySchema = {
  type: 'object',
  properties: {
    type: pageType,
    title: { type: 'string', description: 'The title (at most 255 characters)' },
    space: { type: 'object', description: 'The space it is created in', properties: { key: { type: 'string', description: 'The space key' } }, required: ['key'] },
    status: { type: 'string', description: 'current, or draft', enum: ['current', 'draft'] },
    ancestors,
    body: storageBody,
  },
  required: ['type'],
};

const UPDATE_PAGE: BodySchema = {
  type: 'object',
  properties: {
    version: {
      type: 'object',
      description: 'The new version: the current version number plus one',
      properties: { number: { type: 'integer', description: 'The version number' }, message: { type: 'string', description: 'A note stored with the version' } },
      required: ['number'],
    },
    type: pageType,
    title: { type: 'string', description: 'The title (required for a page or blog post; the current one if unchanged)' },
    status: { type: 'string', description: 'The new status', enum: ['current', 'draft'] },
    ancestors,
    body: storageBody,
  },
  required: ['type', 'version'],
};

/** Classic scopes for the broad actions: Atlassian recommends them, granular ones come in sets. */
const actions: ActionInfo[] = [
  {
    id: 'know-you',
    title: 'Know who you are',
    scopes: ['read:me'],
    operations: [
      { method: 'GET', url: 'https://api.atlassian.com/me', source: THREE_LO },
      // Needs no scope beyond a valid token; a tool learns here the cloud id every other call names.
      { method: 'GET', url: 'https://api.atlassian.com/oauth/token/accessible-resources', source: THREE_LO_CALLS },
    ],
  },
  { id: 'stay-connected', title: 'Work while you are away', scopes: ['offline_access'] },
  {
    id: 'read-issues',
    title: 'Read Jira issues',
    scopes: ['read:jira-work'],
    operations: [
      { method: 'GET', url: `${JIRA_API}/issue/{issueIdOrKey}`, source: `${JIRA_ISSUES}#api-rest-api-3-issue-issueidorkey-get` },
      { method: 'GET', url: `${JIRA_API}/search/jql`, source: `${JIRA_SEARCH}#api-rest-api-3-search-jql-get` },
      // A search, sent as POST for long queries: it reads, and the reference asks read:jira-work.
      { method: 'POST', url: `${JIRA_API}/search/jql`, source: `${JIRA_SEARCH}#api-rest-api-3-search-jql-post`, body: SEARCH_ISSUES },
    ],
  },
  {
    id: 'create-issues',
    title: 'Create and edit Jira issues',
    scopes: ['write:jira-work'],
    operations: [
      { method: 'POST', url: `${JIRA_API}/issue`, source: `${JIRA_ISSUES}#api-rest-api-3-issue-post`, body: CREATE_ISSUE },
      { method: 'PUT', url: `${JIRA_API}/issue/{issueIdOrKey}`, source: `${JIRA_ISSUES}#api-rest-api-3-issue-issueidorkey-put`, body: EDIT_ISSUE },
    ],
    // An issue is created or changed in your name, and Jira notifies its watchers.
    effect: 'sends',
  },
  {
    // The reference accepts classic write:jira-work or granular delete:issue:jira; the granular
    // one is the narrower, so deleting does not also mean creating and editing.
    id: 'delete-issues',
    title: 'Delete Jira issues',
    scopes: ['delete:issue:jira'],
    operations: [{ method: 'DELETE', url: `${JIRA_API}/issue/{issueIdOrKey}`, source: `${JIRA_ISSUES}#api-rest-api-3-issue-issueidorkey-delete` }],
    effect: 'destroys',
  },
  {
    // The reference asks read:confluence-content.summary for the call itself; the page's text
    // (expand=body.storage) needs read:confluence-content.all (Confluence scopes page).
    id: 'read-pages',
    title: 'Read Confluence pages',
    scopes: ['read:confluence-content.all'],
    operations: [{ method: 'GET', url: `${WIKI_API}/content/{id}`, source: `${WIKI_CONTENT}#api-wiki-rest-api-content-id-get` }],
  },
  {
    id: 'write-pages',
    title: 'Write Confluence pages',
    scopes: ['write:confluence-content'],
    operations: [
      { method: 'POST', url: `${WIKI_API}/content`, source: `${WIKI_CONTENT}#api-wiki-rest-api-content-post`, body: CREATE_PAGE },
      { method: 'PUT', url: `${WIKI_API}/content/{id}`, source: `${WIKI_CONTENT}#api-wiki-rest-api-content-id-put`, body: UPDATE_PAGE },
    ],
    // A page is published in your name to everyone who can see its space.
    effect: 'sends',
  },
  {
    id: 'search-confluence',
    title: 'Search Confluence',
    scopes: ['search:confluence'],
    operations: [{ method: 'GET', url: `${WIKI_API}/search`, source: `${WIKI_SEARCH}#api-wiki-rest-api-search-get` }],
  },
];

export const ATLASSIAN: ProviderInfo = {
  id: 'atlassian',
  name: 'Atlassian (Jira and Confluence)',
  description: 'Jira issues and Confluence pages, through Atlassian’s 3LO sign-in.',
  kind: 'oauth2',
  endpoints: {
    authorization: 'https://auth.atlassian.com/authorize',
    token: 'https://auth.atlassian.com/oauth/token',
    userinfo: 'https://api.atlassian.com/me',
  },
  scopeFormat: { requestSeparator: ' ', responseSeparator: ' ', scopeParam: 'scope' },
  identityScopes: ['read:me', 'offline_access'],
  extraAuthorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
  // No documented revocation endpoint: the person removes the app under "Connected apps".
  reduce: ['provider-console'],
  add: { strategy: 'union' },
  revokeAll: 'console-only',
  consoleUrl: 'https://id.atlassian.com/manage-profile/apps',
  docsUrl: JIRA,
  scopes: [...identity, ...jiraClassic, ...jiraGranular, ...confluenceClassic, ...confluenceGranular],
  actions,
};
