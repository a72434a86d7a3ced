import { mkdtempSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxProvider } from '../../shared/catalog';
import { CodeFlow, CookieBrowser } from '../testing/sandboxCodeFlow';
import { startAuthServer, type RunningAuthServer } from './server';
import { STATE_FILE } from './state';
import { workspaceRoutes } from './workspaceApi';

/** Tokens for `scopes` from the real server, through its login and consent pages. */
async function tokensFor(server: RunningAuthServer, scopes: string[], username = 'alex') {
  const flow = await CodeFlow.start(server);
  const browser = new CookieBrowser();
  const login = await flow.authorize(browser, { scope: ['openid', 'offline_access', ...scopes].join(' '), prompt: 'consent' });
  const consent = await flow.signIn(browser, login, username);
  return { flow, tokens: await flow.allow(browser, consent, ['offline_access', ...scopes]) };
}

/** A path template with its parameter names left out: `/files/{fileId}` and `/files/{id}` are one shape. */
const shape = (path: string) => path.replace(/\{\w+\}/g, '{}');

/**
 * One request on a fresh connection (node:http, no agent): a pooled keep-alive socket to a server
 * that was just restarted on the same port would fail the first request after the restart.
 */
function call(server: RunningAuthServer, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${server.apiBase}${path}`, {
      method,
      agent: false,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
        const text = Buffer.concat(chunks);
        resolve(new Response(res.statusCode === 204 ? null : text, { status: res.statusCode ?? 500, headers }));
      });
    });
    req.end(payload);
  });
}

describe('the sandbox workspace API', () => {
  let server: RunningAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(() => server.close());

  it('serves what the token’s scopes allow and refuses the rest with RFC 6750 challenges', async () => {
    const { tokens } = await tokensFor(server, ['files:read', 'messages:write']);
    const token = tokens.access_token;

    const files = await call(server, 'GET', '/files', token);
    expect(files.status).toBe(200);
    expect(((await files.json()) as { files: { name: string }[] }).files.map((f) => f.name)).toContain('Welcome.txt');

    const write = await call(server, 'POST', '/files', token, { name: 'notes.txt', content: 'x' });
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toBe('Bearer realm="sandbox", error="insufficient_scope", scope="files:write"');

    const sent = await call(server, 'POST', '/messages', token, { to: 'sam@sandbox.test', text: 'Hello' });
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ from: 'alex@sandbox.test', to: 'sam@sandbox.test', text: 'Hello' });

    const anonymous = await call(server, 'GET', '/files');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="sandbox"');

    const forged = await call(server, 'GET', '/files', 'not-a-token');
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBe('Bearer realm="sandbox", error="invalid_token"');
  });

  it('keeps each account’s data apart and checks request bodies', async () => {
    const alex = (await tokensFor(server, ['tasks:write'], 'alex')).tokens.access_token;
    const sam = (await tokensFor(server, ['tasks:read'], 'sam')).tokens.access_token;
    const created = await call(server, 'POST', '/tasks', alex, { title: 'Only for alex' });
    expect(created.status).toBe(201);
    const samTasks = (await (await call(server, 'GET', '/tasks', sam)).json()) as { tasks: { title: string }[] };
    expect(samTasks.tasks.map((t) => t.title)).not.toContain('Only for alex');

    const invalid = await call(server, 'POST', '/tasks', alex, { title: '', extra: true });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: 'invalid_request' });
    const tooLarge = await call(server, 'POST', '/tasks', alex, { title: 'x'.repeat(300_000) });
    expect(tooLarge.status).toBe(413);
  });

  it('stops accepting a token once its grant is revoked', async () => {
    const { flow, tokens } = await tokensFor(server, ['files:read']);
    expect((await call(server, 'GET', '/files', tokens.access_token)).status).toBe(200);
    await oidc.tokenRevocation(flow.config, tokens.refresh_token!);
    expect((await call(server, 'GET', '/files', tokens.access_token)).status).toBe(401);
  });

  it('serves every operation the catalog lists for the sandbox, with the action’s own scope accepted', () => {
    const routes = workspaceRoutes();
    const provider = sandboxProvider(server.issuer);
    for (const action of provider.actions) {
      for (const operation of action.operations ?? []) {
        const path = shape(operation.url.slice(server.apiBase.length));
        const route = routes.find((r) => r.method === operation.method && shape(r.path) === path);
        expect(route, `${action.id}: ${operation.method} ${path}`).toBeDefined();
        expect(action.scopes.some((s) => route!.scopes.includes(s)), `${action.id} scopes ${action.scopes.join(' ')}`).toBe(true);
      }
    }
    // And nothing the API serves is left out of the catalog.
    const listed = new Set(provider.actions.flatMap((a) => (a.operations ?? []).map((o) => `${o.method} ${shape(o.url.slice(server.apiBase.length))}`)));
    expect(routes.filter((r) => !listed.has(`${r.method} ${shape(r.path)}`))).toEqual([]);
  });
});

describe('the sandbox’s state file', () => {
  it('keeps grants, tokens and data across a restart on the same port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-sandbox-state-'));
    const first = await startAuthServer({ dataDir });
    const { tokens } = await tokensFor(first, ['files:write']);
    const created = await call(first, 'POST', '/files', tokens.access_token, { name: 'kept.txt', content: 'still here' });
    expect(created.status).toBe(201);
    const port = Number(new URL(first.issuer).port);
    await first.close();
    expect(statSync(join(dataDir, STATE_FILE)).mode & 0o777).toBe(0o600);

    const second = await startAuthServer({ dataDir, port });
    try {
      const listed = (await (await call(second, 'GET', '/files', tokens.access_token)).json()) as { files: { name: string }[] };
      expect(listed.files.map((f) => f.name)).toContain('kept.txt');
      const config = await CodeFlow.start(second).then((flow) => flow.config);
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
      expect(refreshed.scope?.split(' ')).toContain('files:write');
      expect((await call(second, 'GET', '/files', refreshed.access_token)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
