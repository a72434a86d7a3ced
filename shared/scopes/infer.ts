import { findScope, getProvider, GRAPH_RESOURCE } from '../catalog';
import type { AccessLevel, Category, ScopeInfo } from '../catalog';

/**
 * A best-effort explanation of a scope the catalog does not list, read from its name:
 * Microsoft `Sites.Read.All`, Atlassian `read:jira-work` / `write:issue:jira`, Google
 * `https://www.googleapis.com/auth/x.readonly`, Slack `channels:history`, GitHub `read:org`,
 * `thing:read`. Every title and sentence says "Probably", and a name that names no verb is taken
 * to allow changes: overstating what an unknown permission may do is the safer mistake.
 */
export type InferredScopeInfo = ScopeInfo & { inferred: true };
export type ExplainedScope = ScopeInfo & { inferred: boolean };

/**
 * A word's entry in one of the tables below. Scope names come from providers: a word such as
 * `constructor` or `__proto__` must find nothing, not a property of Object.prototype.
 */
function own<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

const RANK: Record<AccessLevel, number> = { read: 0, write: 1, delete: 2, admin: 3 };

const VERBS: Record<string, AccessLevel> = {
  read: 'read',
  readonly: 'read',
  view: 'read',
  list: 'read',
  get: 'read',
  history: 'read',
  search: 'read',
  write: 'write',
  readwrite: 'write',
  send: 'write',
  create: 'write',
  edit: 'write',
  update: 'write',
  modify: 'write',
  compose: 'write',
  insert: 'write',
  post: 'write',
  delete: 'delete',
  remove: 'delete',
  manage: 'admin',
  admin: 'admin',
  full: 'admin',
  control: 'admin',
};

type Qualifier = 'all' | 'shared' | 'history';
const QUALIFIERS: Record<string, Qualifier> = { all: 'all', shared: 'shared', history: 'history' };
/** Words that only restate the kind of access and add nothing a person needs. */
const FILLER = new Set(['basic', 'selected', 'only', 'scope', 'scopes', 'auth']);
const PRODUCTS: Record<string, string> = {
  jira: 'Jira',
  confluence: 'Confluence',
  gmail: 'Gmail',
  onedrive: 'OneDrive',
  sharepoint: 'SharePoint',
  github: 'GitHub',
  slack: 'Slack',
};

const CATEGORY_WORDS: Record<string, Category> = {
  openid: 'identity', profile: 'identity', me: 'identity', account: 'identity', identity: 'identity',
  userinfo: 'identity', presence: 'identity',
  user: 'contacts', users: 'contacts', people: 'contacts', contacts: 'contacts', contact: 'contacts',
  directory: 'contacts',
  mail: 'mail', gmail: 'mail', email: 'mail', inbox: 'mail', mailbox: 'mail',
  calendar: 'calendar', calendars: 'calendar', event: 'calendar', events: 'calendar', freebusy: 'calendar',
  files: 'files', file: 'files', drive: 'files', sites: 'files', site: 'files', documents: 'files',
  document: 'files', docs: 'files', spreadsheets: 'files', sheets: 'files', attachment: 'files',
  attachments: 'files', page: 'files', pages: 'files', content: 'files', notes: 'files', confluence: 'files',
  chat: 'chat', channel: 'chat', channels: 'chat', message: 'chat',
  messages: 'chat', im: 'chat', mpim: 'chat', reactions: 'chat', pins: 'chat', conversations: 'chat',
  repo: 'code', repos: 'code', repository: 'code', code: 'code', gist: 'code', workflow: 'code',
  commit: 'code', packages: 'code', codespace: 'code', hook: 'code',
  task: 'tasks', tasks: 'tasks', todo: 'tasks', issue: 'tasks', issues: 'tasks', jira: 'tasks',
  project: 'tasks', projects: 'tasks', planner: 'tasks', reminders: 'tasks', sprint: 'tasks', board: 'tasks',
  admin: 'admin', policy: 'admin', audit: 'admin', role: 'admin', roles: 'admin',
  workspace: 'workspace', team: 'workspace', teams: 'workspace', org: 'workspace',
  organization: 'workspace', group: 'workspace', groups: 'workspace', space: 'workspace', spaces: 'workspace',
  usergroups: 'workspace',
};

/** The part of the scope that carries meaning: a URL's last path segment, a name without its resource. */
function meaningfulName(providerId: string, scope: string): string {
  const trimmed = scope.trim();
  if (providerId === 'microsoft' && trimmed.toLowerCase().startsWith(GRAPH_RESOURCE)) {
    return trimmed.slice(GRAPH_RESOURCE.length);
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/i.exec(trimmed);
  if (url === null) return trimmed;
  const segments = (url[2] ?? '').split('/').filter((s) => s !== '');
  return segments.at(-1) ?? (url[1] ?? '').split('.')[0] ?? trimmed;
}

/** Lower-case words: split on punctuation and on camelCase (`ReadWrite` → read, write). */
function words(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
}

interface Shape {
  access: AccessLevel;
  qualifier?: Qualifier;
  resource: string[];
}

function shapeOf(tokens: readonly string[]): Shape {
  let access: AccessLevel | undefined;
  let qualifier: Qualifier | undefined;
  const products: string[] = [];
  const rest: string[] = [];
  for (const token of tokens) {
    const verb = own(VERBS, token);
    if (verb !== undefined && (access === undefined || RANK[verb] > RANK[access])) access = verb;
    qualifier ??= own(QUALIFIERS, token);
    if (verb !== undefined || own(QUALIFIERS, token) !== undefined || FILLER.has(token)) continue;
    const product = own(PRODUCTS, token);
    if (product !== undefined) products.push(product);
    else rest.push(token);
  }
  return { access: access ?? 'write', ...(qualifier ? { qualifier } : {}), resource: [...products, ...rest] };
}

function categoryOf(tokens: readonly string[]): Category {
  for (const token of tokens) {
    const category = own(CATEGORY_WORDS, token);
    if (category !== undefined) return category;
  }
  return 'other';
}

const TITLE_VERB: Record<AccessLevel, string> = { read: 'read', write: 'change', delete: 'delete', admin: 'manage' };
const SENTENCE_VERB: Record<AccessLevel, string> = {
  read: 'see',
  write: 'see and change',
  delete: 'see, change and delete',
  admin: 'fully manage',
};

function objectPhrase(providerId: string, shape: Shape, resource: string): string {
  switch (shape.qualifier) {
    case 'all':
      return providerId === 'microsoft'
        ? `all ${resource} you can access in your organization`
        : `all ${resource} you can access`;
    case 'shared':
      return `your ${resource} and ${resource} shared with you`;
    case 'history':
      return `the message history of your ${resource}`;
    default:
      return `your ${resource}`;
  }
}

function titleOf(shape: Shape): string {
  // "Probably:" + verb + qualifier + at most three words keeps titles at six words.
  const resource = (shape.resource.length > 0 ? shape.resource.slice(0, 3) : ['data']).join(' ');
  const which = shape.qualifier === 'all' || shape.qualifier === 'shared' ? shape.qualifier : 'your';
  return `Probably: ${TITLE_VERB[shape.access]} ${which} ${resource}`;
}

function docsFor(providerId: string): string {
  if (providerId === 'sandbox') return 'https://github.com/panva/node-oidc-provider/blob/main/docs/README.md';
  return getProvider(providerId)?.docsUrl ?? '';
}

/**
 * A guess at what `scope` lets an app do, from the shape of its name. `source` is the provider's
 * documentation where known (empty for servers Scopekeeper has no documentation for).
 */
export function inferScope(providerId: string, scope: string): InferredScopeInfo {
  const tokens = words(meaningfulName(providerId, scope));
  const shape = shapeOf(tokens);
  const resource = shape.resource.length > 0 ? shape.resource.join(' ') : 'data';
  const category = categoryOf(tokens);
  return {
    scope: scope.trim(),
    title: titleOf(shape),
    sentence: `Probably lets the app ${SENTENCE_VERB[shape.access]} ${objectPhrase(providerId, shape, resource)}, judging only by the permission's name "${scope.trim()}".`,
    includes: [],
    access: shape.access,
    sensitivity: shape.access === 'read' && category === 'identity' ? 'basic' : 'sensitive',
    category,
    source: docsFor(providerId),
    inferred: true,
  };
}

/** The catalog's explanation of `scope`, or a marked guess when the catalog does not list it. */
export function explainScope(providerId: string, scope: string): ExplainedScope {
  const known = findScope(providerId, scope);
  return known !== undefined ? { ...known, inferred: false } : inferScope(providerId, scope);
}
