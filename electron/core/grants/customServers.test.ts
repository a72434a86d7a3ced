import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import { createIpcBinding, type InvokeHandler } from '../ipc/binding';
import { CHANGES_FILE, readVaultFiles } from '../vault/changeLog';

/**
 * Servers the person adds: by issuer or by endpoints typed in, with their own client and secret,
 * edited and removed, through the real IPC binding and core against the real sandbox server.
 */
let sandbox: RunningAuthServer;
let broken: Server;
let brokenIssuer: string;
beforeAll(async () => {
  sandbox = await startSandbox(0);
  // A server whose OpenID document fails with 500 while the RFC 8414 one is simply absent.
  broken = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') res.writeHead(500, { 'Content-Type': 'text/plain' }).end('database down');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  brokenIssuer = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([sandbox.close(), new Promise((resolve) => broken.close(resolve))]);
});

let dataDir: string;
let core: Core;
let invoke: InvokeHandler;
const APP = { url: 'app://scopekeeper', isMainFrame: true };

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-servers-'));
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: consentingBrowser(),
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: {},
    },
    () => undefined,
  );
  invoke = createIpcBinding(core.handlers, (sender) => sender.url === APP.url);
});

// Answers of several channels, read loosely and checked with toMatchObject.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value?: any; error?: { code: string; details?: Record<string, unknown> } };
const call = async (channel: string, payload?: unknown): Promise<Answer> => (await invoke(channel, payload, APP)) as Answer;
/** Both files of the vault (the document and its change log), as written. */
const vaultFile = (): string => readVaultFiles(join(dataDir, 'vault.json'), join(dataDir, CHANGES_FILE)).raw.trim();

describe('servers the person adds', () => {
  it('by issuer with a client secret: signs in, revokes through its own endpoint, is edited and removed', async () => {
    const { clientId, clientSecret } = sandbox.ownApp;
    const added = await call('providers:add', { name: 'Acme', issuer: sandbox.issuer, clientId, clientSecret });
    expect(added).toMatchObject({ ok: true, value: { name: 'Acme', custom: true, server: { issuer: sandbox.issuer }, client: { clientId, hasSecret: true, source: 'own' } } });
    expect(vaultFile()).not.toContain(clientSecret);
    const id = added.value.id as string;

    const connected = await call('grants:connect', { providerId: id, scopes: ['files:read'] });
    expect(connected).toMatchObject({ ok: true, value: { account: 'alex@sandbox.test' } });
    const plan = await call('grants:plan-disconnect', { connectionId: connected.value.id });
    expect(plan.value.strategy).toBe('revoke-all');

    expect(await call('providers:remove-server', { providerId: id })).toMatchObject({
      ok: false,
      error: { code: 'CHANGE_REFUSED', details: { reason: 'server-in-use', connections: 1 } },
    });
    const edited = await call('providers:edit-server', { providerId: id, name: 'Acme Login', issuer: sandbox.issuer, clientId });
    expect(edited).toMatchObject({ ok: true, value: { name: 'Acme Login', client: { hasSecret: true } } });

    const applied = await call('grants:apply-plan', { planId: plan.value.planId });
    expect(applied).toMatchObject({ ok: true, value: { connection: null } });
    expect(await call('providers:remove-server', { providerId: id })).toEqual({ ok: true, value: null });
    expect((await call('providers:list')).value.some((p: { id: string }) => p.id === id)).toBe(false);
    // What the vault holds now (the change log keeps earlier lines until it is compacted).
    const saved = readVaultFiles(join(dataDir, 'vault.json'), join(dataDir, CHANGES_FILE)).document;
    expect(JSON.stringify(saved)).not.toContain(clientId);
  });

  it('by endpoints typed in, for a server without discovery: plain OAuth 2.0, no OpenID scopes asked', async () => {
    const endpoints = { authorization: `${sandbox.issuer}/auth`, token: `${sandbox.issuer}/token`, revocation: `${sandbox.issuer}/token/revocation` };
    const added = await call('providers:add', { name: 'Legacy', endpoints, clientId: sandbox.clientId });
    expect(added).toMatchObject({ ok: true, value: { server: { endpoints }, deviceFlow: false } });
    const connected = await call('grants:connect', { providerId: added.value.id, scopes: ['files:read'] });
    expect(connected).toMatchObject({ ok: true, value: { account: 'Legacy account', requestedScopes: ['files:read'], grantedScopes: ['files:read'] } });
    expect((await call('grants:plan-disconnect', { connectionId: connected.value.id })).value.strategy).toBe('revoke-all');
  });

  it('shows the server’s real discovery error, not the fallback’s 404, and saves nothing', async () => {
    const answer = await call('providers:add', { name: 'Broken', issuer: brokenIssuer, clientId: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNREACHABLE', details: { cause: 'no-metadata', status: 500, error: 'discovery_failed' } } });
    expect(answer.error?.details?.error_description).toBe(`HTTP 500 Internal Server Error at ${brokenIssuer}/.well-known/openid-configuration`);
    expect(vaultFile()).toBe('');
  });

  it.each([
    ['both an issuer and endpoints', { name: 'X', issuer: 'https://a.example', endpoints: { authorization: 'https://a.example/a', token: 'https://a.example/t' }, clientId: 'x' }],
    ['neither', { name: 'X', clientId: 'x' }],
    ['a token endpoint that is no URL', { name: 'X', endpoints: { authorization: 'https://a.example/a', token: 'token' }, clientId: 'x' }],
    ['an empty secret', { name: 'X', issuer: 'https://a.example', clientId: 'x', clientSecret: '' }],
  ])('refuses %s with INVALID_REQUEST and saves nothing', async (_what, payload) => {
    expect(await call('providers:add', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(vaultFile()).toBe('');
  });

  it('refuses plain http endpoints off this computer, and editing or removing a built-in provider', async () => {
    const insecure = { name: 'X', endpoints: { authorization: 'http://login.example/a', token: 'http://login.example/t' }, clientId: 'x' };
    expect(await call('providers:add', insecure)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { reason: 'insecure-url' } } });
    expect(await call('providers:edit-server', { providerId: 'github', name: 'G', issuer: 'https://github.com', clientId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'PROVIDER_UNKNOWN', details: { reason: 'not-custom' } },
    });
    expect(await call('providers:remove-server', { providerId: 'github' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNKNOWN' } });
    expect(vaultFile()).toBe('');
  });
});
