import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { formBrowser } from '../../../e2e/providers/formBrowser';
import { startProviders, type ProviderServers } from '../../../e2e/providers';
import { routingFetch } from '../../../e2e/providers/routing';
import { readTokens } from '../../../e2e/vaultFile';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import type { BrowserOpener } from '../ports';

/**
 * Signing in against the real Sandbox and the Slack and GitHub test servers: an account already
 * connected is never widened by a sign-in, "Add another account" asks only what the server
 * advertises, what comes back is named, and tokens a sign-in replaced are revoked where the
 * provider revokes one token alone.
 */
let sandbox: RunningAuthServer;
let providers: ProviderServers;
/** Every token the Sandbox issued since the test began, in order. */
const issued: string[] = [];
let tamper: ((body: Record<string, unknown>) => void) | undefined;
beforeAll(async () => {
  [sandbox, providers] = await Promise.all([
    startSandbox(0, {
      onTokenResponse: (body) => {
        for (const key of ['access_token', 'refresh_token'] as const) if (typeof body[key] === 'string') issued.push(body[key]);
        tamper?.(body);
      },
    }),
    startProviders(),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), providers.close()]);
});

let username = 'alex';
const opened: string[] = [];
let core: Core;
let dataDir: string;
beforeEach(() => {
  username = 'alex';
  tamper = undefined;
  issued.length = 0;
  opened.length = 0;
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-signin-'));
  const routed = routingFetch(providers.routes);
  const sandboxBrowser = consentingBrowser({ username: () => username, opened: (url) => opened.push(url) });
  const browser: BrowserOpener = {
    open: (url) => (new URL(url).protocol === 'https:' ? formBrowser(routed, { username }).open(url) : sandboxBrowser.open(url)),
  };
  const { slack, github } = providers.clients;
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser,
      clock: { now: () => new Date() },
      fetch: routed,
      config: {
        sandboxIssuer: sandbox.issuer,
        builtInClients: new Map([
          ['slack', { ...slack, source: 'built-in' as const }],
          ['github', { ...github, source: 'built-in' as const }],
        ]),
      },
    },
    () => undefined,
  );
});

const h = () => core.handlers;
const active = async (token: string): Promise<boolean> => (await sandbox.introspect(token)).active;
const FILES = ['files:read', 'files:write', 'files:admin'];

describe('an account that is already connected', () => {
  it('Connect signs in, leaves the connection as it is (what was taken back stays taken back) and ends the new sign-in’s tokens', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: FILES });
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [], remove: ['files:admin'] });
    const taken = await h()['grants:apply-plan']({ planId: plan.planId });
    expect(taken.connection?.grantedScopes).not.toContain('files:admin');
    const kept = await readTokens(dataDir, connection.id);
    issued.length = 0;

    const again = await h()['grants:connect']({ providerId: 'sandbox', scopes: FILES });

    expect(again.id).toBe(connection.id);
    expect(again.signIn).toEqual({ kind: 'already-connected', cameBack: [], notAdded: [{ scope: 'files:admin', title: 'Manage files and who sees them' }] });
    expect(again.grantedScopes).not.toContain('files:admin');
    expect(again.history.map((e) => e.kind)).toEqual(taken.connection!.history.map((e) => e.kind));
    const listed = (await h()['grants:list'](undefined)).connections;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.grantedScopes).toEqual(taken.connection!.grantedScopes);
    expect(await readTokens(dataDir, connection.id)).toEqual(kept);
    // The sign-in's own tokens belong to nobody: revoked (the Sandbox ends one sign-in's grant alone).
    expect(issued.length).toBeGreaterThan(0);
    for (const token of issued) expect(await active(token)).toBe(false);
    expect(await active(kept.accessToken)).toBe(true);
    expect(await active(kept.refreshToken!)).toBe(true);
  });
});

describe('Add another account', () => {
  it('asks with a prompt value the Sandbox advertises; another person adds a connection, the same person again changes nothing', async () => {
    const alex = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    const alexTokens = await readTokens(dataDir, alex.id);

    username = 'sam';
    const sam = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'], anotherAccount: true });
    expect(new URL(opened.at(-1)!).searchParams.get('prompt')).toBe('consent login');
    expect(sam.account).toBe('sam@sandbox.test');
    expect(sam.signIn?.kind).toBe('connected');
    expect((await h()['grants:list'](undefined)).connections).toHaveLength(2);

    username = 'alex';
    issued.length = 0;
    const same = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'tasks:read'], anotherAccount: true });
    expect(same.id).toBe(alex.id);
    expect(same.signIn?.kind).toBe('same-account');
    expect(same.grantedScopes).toEqual(alex.grantedScopes);
    expect((await h()['grants:list'](undefined)).connections.map((c) => c.account).sort()).toEqual(['alex@sandbox.test', 'sam@sandbox.test']);
    for (const token of issued) expect(await active(token)).toBe(false);
    expect(await active(alexTokens.refreshToken!)).toBe(true);
  });
});

describe('a sign-in that lands on an existing connection', () => {
  it('names each permission that came back, in the history and in the answer', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'files:write'] });
    // The provider ends the grant, then grants more than the reconnect asks for.
    await sandbox.revokeGrantOf((await readTokens(dataDir, connection.id)).refreshToken!);
    expect((await h()['grants:check']({ connectionId: connection.id })).state).toBe('disconnected');
    tamper = (body) => void (body.scope = `${String(body.scope)} files:admin`);

    const back = await h()['grants:reconnect']({ connectionId: connection.id });

    expect(back.grantedScopes).toContain('files:admin');
    expect(back.signIn).toEqual({ kind: 'signed-in-again', cameBack: [{ scope: 'files:admin', title: 'Manage files and who sees them' }], notAdded: [] });
    const cameBack = back.history.find((e) => e.message.startsWith('Came back'));
    expect(cameBack).toMatchObject({ kind: 'upgraded', scopes: ['files:admin'], message: 'Came back: Manage files and who sees them (files:admin).' });
  });

  it('revokes the tokens it replaced at the Sandbox (RFC 7009); the new ones work', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    const before = await readTokens(dataDir, connection.id);
    const again = await h()['grants:reconnect']({ connectionId: connection.id });
    expect(again.signIn).toEqual({ kind: 'signed-in-again', cameBack: [], notAdded: [] });
    const after = await readTokens(dataDir, connection.id);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(await active(before.accessToken)).toBe(false);
    expect(await active(before.refreshToken!)).toBe(false);
    expect(await active(after.accessToken)).toBe(true);
    expect(await active(after.refreshToken!)).toBe(true);
  });

  it.each(['slack', 'github'] as const)('revokes the token it replaced at %s (one token, not the grant); the new one works', async (providerId) => {
    const server = providers[providerId];
    const first = providerId === 'slack' ? ['channels:read'] : ['read:user'];
    const connection = await h()['grants:connect']({ providerId, scopes: first });
    const before = await readTokens(dataDir, connection.id);
    expect(server.isActive(before.accessToken)).toBe(true);
    const added = providerId === 'slack' ? 'chat:write' : 'repo';
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [added], remove: [] });
    const outcome = await h()['grants:apply-plan']({ planId: plan.planId });
    expect(outcome.connection?.grantedScopes).toContain(added);
    const after = await readTokens(dataDir, connection.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(server.isActive(before.accessToken)).toBe(false);
    expect(server.isActive(after.accessToken)).toBe(true);
  });
});
