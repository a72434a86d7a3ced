import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWN_MCP_CLIENT, startMcpAuthServer, type RunningMcpAuthServer } from '../../../e2e/mcpServers/authServer';
import { startResourceServer, type RunningResourceServer } from '../../../e2e/mcpServers/resourceServer';
import { readTokens } from '../../../e2e/vaultFile';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';

/**
 * Adding a remote MCP server by URL and signing in to it, against an MCP server made of the SDK's
 * own pieces in front of oidc-provider (dynamic registration, resource indicators, JWT access
 * tokens the MCP server checks with the JWKS).
 */
const SCOPES = ['notes:read', 'notes:write'];
const closers: (() => Promise<void>)[] = [];
let core: Core;
let dataDir: string;
/** Every request core made: where, and with which credentials in its headers or body. */
let sent: { url: string; authorization: string | null; body: string }[];

async function authServer(options: { registration?: boolean } = {}): Promise<RunningMcpAuthServer> {
  const as = await startMcpAuthServer(options);
  closers.push(() => as.close());
  return as;
}

async function mcpServer(as: RunningMcpAuthServer | undefined, challengeScopes?: string[]): Promise<RunningResourceServer> {
  const server = await startResourceServer({
    tools: [{ name: 'list_notes', description: 'Lists notes', scope: 'notes:read', run: () => '[]' }],
    ...(as ? { auth: { verifier: as.jwtVerifier(), authorizationServers: [as.issuer], scopesSupported: SCOPES, ...(challengeScopes ? { challengeScopes } : {}) } } : {}),
  });
  closers.push(() => server.close());
  as?.addResource(server.url, SCOPES);
  return server;
}

beforeEach(() => {
  sent = [];
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-mcp-'));
  const recording: typeof fetch = async (input, init = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    sent.push({ url, authorization: new Headers(init.headers).get('authorization'), body: init.body === undefined || init.body === null ? '' : String(init.body) });
    return fetch(input, init);
  };
  core = createCore({ ...dataFolderStores(dataDir), browser: consentingBrowser(), clock: { now: () => new Date() }, fetch: recording, config: {} }, () => undefined);
});
afterEach(async () => {
  await core.dispose();
  while (closers.length) await closers.pop()!();
});

const h = () => core.handlers;

describe('adding an MCP server by URL and signing in to it', () => {
  it('registers once per authorization server, asks for the token with `resource` on both requests, and the token works there only', async () => {
    const as = await authServer();
    const notes = await mcpServer(as, ['notes:read']);
    const tasks = await mcpServer(as);

    const added = await h()['providers:add-mcp']({ url: notes.url, name: 'Notes' });
    expect(added).toMatchObject({ name: 'Notes', available: true, defaultScopes: ['notes:read'], mcp: { url: notes.url, signIn: true }, client: { source: 'registered', hasSecret: false } });
    expect(added.scopeOptions.map((o) => o.scope)).toEqual(SCOPES);
    expect(as.registrations).toHaveLength(1);

    const connection = await h()['grants:connect']({ providerId: added.id });
    expect(connection.grantedScopes).toEqual(['notes:read']);
    expect(connection.granted.map((s) => [s.scope, s.inferred, s.title])).toEqual([["notes:read", true, expect.stringMatching(/note/i)]]);
    expect(as.authorizationRequests.at(-1)?.get('resource')).toBe(notes.url);
    expect(as.tokenRequests.at(-1)?.get('grant_type')).toBe('authorization_code');
    expect(as.tokenRequests.map((r) => r.get('resource'))).toEqual([notes.url]);

    // Refreshing (a check) and taking back a scope ask for the same resource.
    await h()['grants:check']({ connectionId: connection.id });
    expect(as.tokenRequests.every((r) => r.get('resource') === notes.url)).toBe(true);

    const tokens = await readTokens(dataDir, connection.id);
    const call = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
      });
    expect((await call(notes.url)).status).toBe(200);
    // Bound to its resource: the other server of the same authorization server refuses it.
    expect((await call(tasks.url)).status).toBe(401);

    const second = await h()['providers:add-mcp']({ url: tasks.url, name: 'Tasks' });
    expect(second.client?.clientId).toBe(added.client?.clientId);
    expect(as.registrations).toHaveLength(1);

    // Core never sent a token anywhere but the authorization server, and never to an MCP server.
    const secrets = [tokens.accessToken, tokens.refreshToken].filter((t): t is string => t !== undefined);
    for (const request of sent.filter((r) => secrets.some((t) => r.body.includes(t) || r.authorization?.includes(t)))) {
      expect(new URL(request.url).origin).toBe(as.issuer);
    }
    const mcpOrigins = [notes.url, tasks.url].map((u) => new URL(u).origin);
    expect(sent.filter((r) => mcpOrigins.includes(new URL(r.url).origin) && r.authorization !== null)).toEqual([]);
    expect(core.remoteMcp.serverFor(connection.id)).toEqual({ providerId: added.id, name: 'Notes', url: notes.url, signIn: true });
    expect(core.remoteMcp.connections()).toEqual([{ connectionId: connection.id, server: { providerId: added.id, name: 'Notes', url: notes.url, signIn: true } }]);
  });

  it('needs the person’s own client where the authorization server registers no apps, and says so; with it, signs in', async () => {
    const as = await authServer({ registration: false });
    const notes = await mcpServer(as);
    await expect(h()['providers:add-mcp']({ url: notes.url, name: 'Notes' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      details: { reason: 'mcp-needs-own-client' },
      message: expect.stringContaining('enter its client ID'),
    });
    expect((await h()['providers:list'](undefined)).filter((p) => p.mcp)).toEqual([]);

    const added = await h()['providers:add-mcp']({ url: notes.url, name: 'Notes', clientId: OWN_MCP_CLIENT });
    expect(added.client).toMatchObject({ clientId: OWN_MCP_CLIENT, source: 'own' });
    const connection = await h()['grants:connect']({ providerId: added.id });
    expect(connection.grantedScopes).toEqual(SCOPES);
    expect(as.registrations).toEqual([]);
  });

  it('adds a server that needs no sign-in as a connection that says so, with nothing granted and no tokens', async () => {
    const open = await mcpServer(undefined);
    const added = await h()['providers:add-mcp']({ url: open.url, name: 'Echo' });
    expect(added).toMatchObject({ mcp: { url: open.url, signIn: false }, available: false });
    const [connection] = (await h()['grants:list'](undefined)).connections;
    expect(connection).toMatchObject({ providerId: added.id, account: 'No sign-in needed', grantedScopes: [] });
    expect(core.remoteMcp.serverFor(connection!.id)?.signIn).toBe(false);
    await expect(h()['providers:add-mcp']({ url: open.url, name: 'Again' })).rejects.toMatchObject({ details: { reason: 'mcp-already-added' } });
  });

  it('Cancel ends an add that is still waiting for the server, and nothing is kept', async () => {
    const as = await authServer();
    const notes = await mcpServer(as);
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const stalled = createCore(
      {
        ...dataFolderStores(dataDir),
        browser: consentingBrowser(),
        clock: { now: () => new Date() },
        config: {},
        // The probe never answers until it is aborted.
        fetch: (_input, init = {}) =>
          new Promise((_resolve, reject) => {
            arrived();
            init.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error));
          }),
      },
      () => undefined,
    );
    closers.push(() => stalled.dispose());
    const adding = stalled.handlers['providers:add-mcp']({ url: notes.url, name: 'Notes' });
    await waiting;
    expect(await stalled.handlers['providers:cancel-add-mcp'](undefined)).toBe(true);
    await expect(adding).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    expect((await stalled.handlers['providers:list'](undefined)).filter((p) => p.mcp)).toEqual([]);
    expect(await stalled.handlers['providers:cancel-add-mcp'](undefined)).toBe(false);
  });
});

describe('removing an MCP server the person added', () => {
  it('with its connections: each revoked at the sign-in service (RFC 7009), removed here, then the server; asked without them, refused', async () => {
    const as = await authServer();
    const notes = await mcpServer(as);
    const added = await h()['providers:add-mcp']({ url: notes.url, name: 'Notes' });
    expect(added.mcp).toEqual({ url: notes.url, signIn: true, revocation: true });
    const connection = await h()['grants:connect']({ providerId: added.id, scopes: ['notes:read'] });
    await expect(h()['providers:remove-server']({ providerId: added.id })).rejects.toMatchObject({ code: 'CHANGE_REFUSED', details: { reason: 'server-in-use' } });

    expect(await h()['providers:remove-server']({ providerId: added.id, withConnections: true })).toBeNull();
    expect(sent.filter((r) => r.url.startsWith(as.issuer) && /revo/.test(new URL(r.url).pathname)).length).toBeGreaterThan(0);
    expect((await h()['grants:list'](undefined)).connections).toEqual([]);
    expect((await h()['providers:list'](undefined)).filter((p) => p.mcp)).toEqual([]);
    expect(core.remoteMcp.connections()).toEqual([]);
    const [removed] = await h()['history:list-removed'](undefined);
    expect(removed).toMatchObject({ connectionId: connection.id, providerName: 'Notes' });
    expect(JSON.stringify(removed)).toMatch(/Notes revoked Scopekeeper’s access/);
  });

  it('a server with no sign-in: its connection removed here, nothing revoked', async () => {
    const open = await mcpServer(undefined);
    const added = await h()['providers:add-mcp']({ url: open.url, name: 'Echo' });
    expect(added.mcp).toEqual({ url: open.url, signIn: false, revocation: false });
    expect(await h()['providers:remove-server']({ providerId: added.id, withConnections: true })).toBeNull();
    expect((await h()['grants:list'](undefined)).connections).toEqual([]);
    expect((await h()['providers:list'](undefined)).filter((p) => p.mcp)).toEqual([]);
  });

  it('keeps the server, and the connection whose revocation failed, and says why', async () => {
    const as = await authServer();
    const notes = await mcpServer(as);
    const added = await h()['providers:add-mcp']({ url: notes.url, name: 'Notes' });
    const connection = await h()['grants:connect']({ providerId: added.id, scopes: ['notes:read'] });
    await as.close();
    await expect(h()['providers:remove-server']({ providerId: added.id, withConnections: true })).rejects.toMatchObject({ code: expect.stringMatching(/PROVIDER/) });
    expect((await h()['grants:list'](undefined)).connections.map((c) => c.id)).toEqual([connection.id]);
    expect((await h()['providers:list'](undefined)).filter((p) => p.mcp).map((p) => p.name)).toEqual(['Notes']);
  });
});
