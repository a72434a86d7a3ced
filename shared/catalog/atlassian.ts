import type { ActionInfo, ProviderInfo, ScopeEntry, ScopeInfo } from './types';

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

/** Classic scopes for the broad actions: Atlassian recommends them, granular ones come in sets. */
const actions: ActionInfo[] = [
  { id: 'know-you', title: 'Know who you are', scopes: ['read:me'] },
  { id: 'stay-connected', title: 'Work while you are away', scopes: ['offline_access'] },
  { id: 'read-issues', title: 'Read Jira issues', scopes: ['read:jira-work'] },
  { id: 'create-issues', title: 'Create and edit Jira issues', scopes: ['write:jira-work'] },
  { id: 'delete-issues', title: 'Delete Jira issues', scopes: ['delete:issue:jira'], effect: 'destroys' },
  { id: 'read-pages', title: 'Read Confluence pages', scopes: ['read:confluence-content.all'] },
  { id: 'write-pages', title: 'Write Confluence pages', scopes: ['write:confluence-content'] },
  { id: 'search-confluence', title: 'Search Confluence', scopes: ['search:confluence'] },
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
