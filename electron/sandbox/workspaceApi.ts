/**
 * The sandbox's workspace API: a small REST API under `<issuer>/api` for files, messages, tasks,
 * calendar events, workspace settings and webhooks. Every call needs a bearer access token issued
 * by this server for this API (RFC 6750 §2.1), looked up in oidc-provider's own storage, whose
 * scopes must include one the route accepts; otherwise the answer is 401 `invalid_token` or 403
 * `insufficient_scope` with the scope it needs (RFC 6750 §3.1).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { z } from 'zod';
import { seedWorkspace, requestBodies, type Workspace } from './workspace';
import type { SandboxState } from './state';

export const API_PATH = '/api';
const MAX_BODY_BYTES = 256 * 1024;
const REALM = 'sandbox';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Call {
  workspace: Workspace;
  accountId: string;
  params: Record<string, string>;
  body: unknown;
  query: URLSearchParams;
}
type Answer = { status: number; body?: unknown };

interface Route {
  method: Method;
  /** Under /api; `:name` is one path segment. */
  path: string;
  /** Any one of these lets the call through; the first is the narrowest, named in a 403. */
  scopes: readonly string[];
  handle(call: Call): Answer;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

function found<T extends { id: string }>(items: T[], id: string | undefined, noun: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new ApiError(404, 'not_found', `There is no ${noun} with that id.`);
  return item;
}

function removeFrom<T extends { id: string }>(items: T[], id: string | undefined, noun: string): T {
  const item = found(items, id, noun);
  items.splice(items.indexOf(item), 1);
  return item;
}

const now = () => new Date().toISOString();
const read = (area: string, extra: string[] = []) => [`${area}:read`, `${area}:write`, ...extra];
const write = (area: string, extra: string[] = []) => [`${area}:write`, ...extra];

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/me', scopes: ['openid'], handle: ({ accountId }) => ({ status: 200, body: { sub: accountId, name: accountId, email: `${accountId}@sandbox.test` } }) },

  { method: 'GET', path: '/files', scopes: read('files', ['files:admin']), handle: ({ workspace }) => ({ status: 200, body: { files: workspace.files.map(({ content: _c, ...f }) => f) } }) },
  { method: 'GET', path: '/files/:id', scopes: read('files', ['files:admin']), handle: ({ workspace, params }) => ({ status: 200, body: found(workspace.files, params.id, 'file') }) },
  {
    method: 'POST',
    path: '/files',
    scopes: write('files', ['files:admin']),
    handle: ({ workspace, body }) => {
      const file = { id: randomUUID(), ...parseBody(requestBodies.newFile, body), updatedAt: now(), sharedWith: [] };
      workspace.files.push(file);
      return { status: 201, body: file };
    },
  },
  {
    method: 'PUT',
    path: '/files/:id',
    scopes: write('files', ['files:admin']),
    handle: ({ workspace, params, body }) => {
      const file = found(workspace.files, params.id, 'file');
      Object.assign(file, parseBody(requestBodies.fileUpdate, body), { updatedAt: now() });
      return { status: 200, body: file };
    },
  },
  {
    method: 'DELETE',
    path: '/files/:id',
    scopes: write('files', ['files:admin']),
    handle: ({ workspace, params }) => {
      workspace.trash.push(removeFrom(workspace.files, params.id, 'file'));
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    path: '/files/:id/sharing',
    scopes: ['files:admin'],
    handle: ({ workspace, params, body }) => {
      const file = found(workspace.files, params.id, 'file');
      file.sharedWith = parseBody(requestBodies.sharing, body).sharedWith;
      return { status: 200, body: file };
    },
  },
  {
    method: 'DELETE',
    path: '/trash',
    scopes: ['files:admin'],
    handle: ({ workspace }) => {
      workspace.trash = [];
      return { status: 204 };
    },
  },

  { method: 'GET', path: '/messages', scopes: read('messages'), handle: ({ workspace }) => ({ status: 200, body: { messages: workspace.messages } }) },
  { method: 'GET', path: '/messages/:id', scopes: read('messages'), handle: ({ workspace, params }) => ({ status: 200, body: found(workspace.messages, params.id, 'message') }) },
  {
    method: 'POST',
    path: '/messages',
    scopes: write('messages'),
    handle: ({ workspace, accountId, body }) => {
      const message = { id: randomUUID(), from: `${accountId}@sandbox.test`, ...parseBody(requestBodies.newMessage, body), sentAt: now() };
      workspace.messages.push(message);
      return { status: 201, body: message };
    },
  },

  { method: 'GET', path: '/tasks', scopes: read('tasks'), handle: ({ workspace }) => ({ status: 200, body: { tasks: workspace.tasks } }) },
  { method: 'GET', path: '/tasks/:id', scopes: read('tasks'), handle: ({ workspace, params }) => ({ status: 200, body: found(workspace.tasks, params.id, 'task') }) },
  {
    method: 'POST',
    path: '/tasks',
    scopes: write('tasks'),
    handle: ({ workspace, body }) => {
      const task = { id: randomUUID(), ...parseBody(requestBodies.newTask, body), done: false, createdAt: now() };
      workspace.tasks.push(task);
      return { status: 201, body: task };
    },
  },
  {
    method: 'PATCH',
    path: '/tasks/:id',
    scopes: write('tasks'),
    handle: ({ workspace, params, body }) => {
      const task = found(workspace.tasks, params.id, 'task');
      Object.assign(task, parseBody(requestBodies.taskUpdate, body));
      return { status: 200, body: task };
    },
  },
  {
    method: 'DELETE',
    path: '/tasks/:id',
    scopes: write('tasks'),
    handle: ({ workspace, params }) => {
      removeFrom(workspace.tasks, params.id, 'task');
      return { status: 204 };
    },
  },

  { method: 'GET', path: '/calendar/events', scopes: read('calendar'), handle: ({ workspace }) => ({ status: 200, body: { events: workspace.events } }) },
  { method: 'GET', path: '/calendar/events/:id', scopes: read('calendar'), handle: ({ workspace, params }) => ({ status: 200, body: found(workspace.events, params.id, 'event') }) },
  {
    method: 'POST',
    path: '/calendar/events',
    scopes: write('calendar'),
    handle: ({ workspace, body }) => {
      const fields = parseBody(requestBodies.newEvent, body);
      if (fields.end < fields.start) throw new ApiError(400, 'invalid_request', 'An event ends after it starts.');
      const event = { id: randomUUID(), ...fields };
      workspace.events.push(event);
      return { status: 201, body: event };
    },
  },
  {
    method: 'DELETE',
    path: '/calendar/events/:id',
    scopes: write('calendar'),
    handle: ({ workspace, params }) => {
      removeFrom(workspace.events, params.id, 'event');
      return { status: 204 };
    },
  },

  { method: 'GET', path: '/workspace', scopes: read('workspace'), handle: ({ workspace }) => ({ status: 200, body: workspace.settings }) },
  {
    method: 'PATCH',
    path: '/workspace',
    scopes: write('workspace'),
    handle: ({ workspace, body }) => {
      Object.assign(workspace.settings, parseBody(requestBodies.settingsUpdate, body));
      return { status: 200, body: workspace.settings };
    },
  },

  { method: 'GET', path: '/webhooks', scopes: read('webhooks'), handle: ({ workspace }) => ({ status: 200, body: { webhooks: workspace.webhooks } }) },
  {
    method: 'POST',
    path: '/webhooks',
    scopes: write('webhooks'),
    handle: ({ workspace, body }) => {
      const webhook = { id: randomUUID(), ...parseBody(requestBodies.newWebhook, body), createdAt: now() };
      workspace.webhooks.push(webhook);
      return { status: 201, body: webhook };
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/:id',
    scopes: write('webhooks'),
    handle: ({ workspace, params }) => {
      removeFrom(workspace.webhooks, params.id, 'webhook');
      return { status: 204 };
    },
  },
];

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
  const segments = path.split('/').slice(1);
  let pathMatched = false;
  for (const route of ROUTES) {
    const expected = route.path.split('/').slice(1);
    if (expected.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = expected.every((part, i) => {
      const actual = segments[i]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = safeDecode(actual);
        return actual.length > 0;
      }
      return part === actual;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'wrong-method' : undefined;
}

/** The routes as method + path templates, for tests that compare them with the catalog. */
export function workspaceRoutes(): { method: Method; path: string; scopes: readonly string[] }[] {
  return ROUTES.map(({ method, path, scopes }) => ({ method, path: path.replace(/:(\w+)/g, '{$1}'), scopes }));
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const common = { 'Cache-Control': 'no-store', ...headers };
  if (body === undefined) return void res.writeHead(status, common).end();
  res.writeHead(status, { ...common, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** RFC 6750 §3: the challenge, with the error and the scope the route needs when there is one. */
function challenge(error?: string, scope?: string): string {
  return [`Bearer realm="${REALM}"`, ...(error ? [`error="${error}"`] : []), ...(scope ? [`scope="${scope}"`] : [])].join(', ');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'request_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not JSON.');
  }
}

export interface WorkspaceApiSettings {
  /** The resource indicator the API's tokens are issued for (`<issuer>/api`). */
  apiResource: string;
  state: Pick<SandboxState, 'workspaces' | 'changed'>;
}

/** Serves one request under /api; `path` is the part after /api. */
export function createWorkspaceApi(provider: Provider, settings: WorkspaceApiSettings) {
  const { state } = settings;

  async function authorize(req: IncomingMessage): Promise<{ accountId: string; scopes: Set<string> }> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header);
    if (!match) throw Object.assign(new ApiError(401, 'invalid_request', 'An access token is required.'), { bare: true });
    const token = await provider.AccessToken.find(match[1]!);
    const audience = token ? [token.aud ?? []].flat() : [];
    // A token from a revoked grant is gone with it; one for another resource is not ours to accept.
    const grant = token?.grantId ? await provider.Grant.find(token.grantId) : undefined;
    if (!token?.accountId || !grant || !audience.includes(settings.apiResource)) {
      throw new ApiError(401, 'invalid_token', 'The access token is unknown, expired or revoked.');
    }
    return { accountId: token.accountId, scopes: new Set((token.scope ?? '').split(' ').filter(Boolean)) };
  }

  function workspaceOf(accountId: string): Workspace {
    let workspace = state.workspaces.get(accountId);
    if (!workspace) {
      workspace = seedWorkspace(accountId, new Date());
      state.workspaces.set(accountId, workspace);
      state.changed();
    }
    return workspace;
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname.slice(API_PATH.length) || '/';
    try {
      const matched = matchRoute(req.method ?? 'GET', path);
      if (matched === undefined) throw new ApiError(404, 'not_found', 'There is no such API path.');
      if (matched === 'wrong-method') throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed here.`);
      const { accountId, scopes } = await authorize(req);
      const { route, params } = matched;
      if (!route.scopes.some((s) => scopes.has(s))) {
        return send(res, 403, { error: 'insufficient_scope', error_description: `This call needs the ${route.scopes[0]} scope.` }, {
          'WWW-Authenticate': challenge('insufficient_scope', route.scopes[0]),
        });
      }
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : await readJson(req);
      const answer = route.handle({ workspace: workspaceOf(accountId), accountId, params, body, query: url.searchParams });
      if (route.method !== 'GET') state.changed();
      send(res, answer.status, answer.body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const headers: Record<string, string> =
        error.status === 401 ? { 'WWW-Authenticate': (error as ApiError & { bare?: boolean }).bare ? challenge() : challenge(error.error) } : {};
      // Unread request bodies would otherwise keep the connection busy.
      req.resume();
      send(res, error.status, { error: error.error, error_description: error.message }, headers);
    }
  };
}
