import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { formBrowser } from '../../../e2e/providers/formBrowser';
import { startMicrosoft, type MicrosoftServer } from '../../../e2e/providers/microsoft';
import { routingFetch } from '../../../e2e/providers/routing';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import type { BrowserOpener } from '../ports';
import type { TokenSecret } from '../vault/schema';
import { readTokens } from '../../../e2e/vaultFile';

/**
 * Core end to end without a UI: the real sandbox and the Microsoft test server (reached at
 * login.microsoftonline.com through the routing fetch), and a "browser" that signs in and answers
 * the consent page by posting its forms, unticking what a test says.
 */
const MICROSOFT_CLIENT = { clientId: '6731de76-14a6-49ae-97bc-6eba6914391e' };
let sandbox: RunningAuthServer;
let microsoft: MicrosoftServer;
let routed: typeof fetch;
beforeAll(async () => {
  [sandbox, microsoft] = await Promise.all([startSandbox(0), startMicrosoft(MICROSOFT_CLIENT)]);
  routed = routingFetch(microsoft.routes);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), microsoft.close()]);
});

let untick: string[] = [];
let hold: Promise<void | 'close-tab'> | undefined;
let onOpened: (() => void) | undefined;
const scripted = consentingBrowser({ untick: () => untick, gate: () => hold, opened: () => onOpened?.() });
/** Sandbox pages go to the scripted sandbox browser, the routed providers' pages to the form browser. */
const browser: BrowserOpener = {
  open: (url) => (new URL(url).protocol === 'https:' ? formBrowser(routed, { untick: () => untick }).open(url) : scripted.open(url)),
};

let core: Core;
let dataDir: string;
beforeEach(() => {
  untick = [];
  hold = undefined;
  onOpened = undefined;
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-changes-'));
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser,
      clock: { now: () => new Date() },
      fetch: routed,
      config: { sandboxIssuer: sandbox.issuer, builtInClients: new Map([['microsoft', { ...MICROSOFT_CLIENT, source: 'built-in' as const }]]) },
    },
    () => undefined,
  );
});

const h = () => core.handlers;
const tokens = (connectionId: string): Promise<TokenSecret> => readTokens(dataDir, connectionId);

describe('scope changes against a real authorization server', () => {
  it('revoke-and-reconsent: the new token lacks the scope, the old refresh token is dead', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'files:write', 'tasks:read'] });
    const before = await tokens(connection.id);
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [], remove: ['files:write'] });
    expect(plan.strategy).toBe('revoke-and-reconsent');
    const outcome = await h()['grants:apply-plan']({ planId: plan.planId });
    expect(outcome.connection?.grantedScopes).toEqual(expect.arrayContaining(['files:read', 'tasks:read']));
    expect(outcome.connection?.grantedScopes).not.toContain('files:write');
    const after = await tokens(connection.id);
    expect((await sandbox.introspect(after.accessToken)).scope?.split(' ')).not.toContain('files:write');
    expect((await sandbox.introspect(before.refreshToken!)).active).toBe(false);
    expect(outcome.connection?.history.map((e) => e.kind)).toEqual(['connected', 'revoked', 'granted']);
    const reapproved = outcome.connection!.history.at(-1)!;
    expect(reapproved.message).toMatch(/^You approved \d+ permissions again after Sandbox forgot the whole grant\.$/);
    // Each kept permission keeps the time it was first granted: a take back does not make it new.
    for (const kept of outcome.connection!.granted) expect(kept.grantedAt).toBe(connection.granted.find((s) => s.scope === kept.scope)!.grantedAt);
  });

  it('narrow refresh at Microsoft: the token loses the scope, nothing opens', async () => {
    const connection = await h()['grants:connect']({ providerId: 'microsoft', scopes: ['Mail.Read', 'Mail.Send'] });
    expect(connection.grantedScopes).toEqual(expect.arrayContaining(['Mail.Read', 'Mail.Send', 'offline_access']));
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [], remove: ['Mail.Send'] });
    expect(plan).toMatchObject({ strategy: 'narrow-refresh', opensBrowser: false });
    const outcome = await h()['grants:apply-plan']({ planId: plan.planId });
    expect(outcome.connection?.grantedScopes).not.toContain('Mail.Send');
    // Graph access tokens are JWTs whose `scp` lists the delegated scopes.
    const scp = String(decodeJwt((await tokens(connection.id)).accessToken).scp).split(' ');
    expect(scp).toContain('mail.read');
    expect(scp).not.toContain('mail.send');
  });

  it('an addition the person does not approve leaves the scopes as they were', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    untick = ['calendar:write'];
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: ['calendar:write'], remove: [] });
    const outcome = await h()['grants:apply-plan']({ planId: plan.planId });
    expect(outcome.notGranted).toEqual(['calendar:write']);
    expect(outcome.connection?.grantedScopes).toEqual(connection.grantedScopes);
    expect(outcome.message).toMatch(/unchanged/);
  });

  it('a cancelled re-consent leaves the connection disconnected with what reconnecting restores', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'files:write'] });
    // The person will close the consent tab instead of answering it: nothing reaches the loopback
    // port after the cancel, and no stale page shares the browser with the reconnect below.
    let closeTab!: (outcome: 'close-tab') => void;
    hold = new Promise((resolve) => (closeTab = resolve));
    const opened = new Promise<void>((resolve) => (onOpened = resolve));
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [], remove: ['files:write'] });
    const applying = h()['grants:apply-plan']({ planId: plan.planId });
    await opened; // the grant is revoked and the re-consent is waiting on the browser
    expect(await h()['grants:cancel-flow'](undefined)).toEqual({ cancelled: true });
    await expect(applying).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    closeTab('close-tab');
    await scripted.idle();
    expect(scripted.failures).toEqual([]);
    const disconnected = await h()['grants:detail']({ connectionId: connection.id });
    expect(disconnected).toMatchObject({ state: 'disconnected', grantedScopes: [] });
    expect(disconnected!.restore.map((s) => s.scope)).toEqual(expect.arrayContaining(['files:read']));
    expect(disconnected!.restore.map((s) => s.scope)).not.toContain('files:write');
    hold = undefined;
    const restored = await h()['grants:reconnect']({ connectionId: connection.id });
    expect(restored.state).toBe('connected');
    expect(restored.grantedScopes).toContain('files:read');
    expect(restored.grantedScopes).not.toContain('files:write');
  });

  it('removing the connection revokes it at the server and deletes its secret', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    const secret = await tokens(connection.id);
    const plan = await h()['grants:plan-disconnect']({ connectionId: connection.id });
    const outcome = await h()['grants:apply-plan']({ planId: plan.planId });
    expect(outcome.connection).toBeNull();
    expect((await sandbox.introspect(secret.refreshToken!)).active).toBe(false);
    expect((await h()['grants:list'](undefined)).connections).toEqual([]);
  });

  it('a sandbox address saved in settings makes the Sandbox connectable after a restart', async () => {
    const bare = (): Core =>
      createCore(
        { ...dataFolderStores(dataDir), browser, clock: { now: () => new Date() }, fetch: globalThis.fetch, config: {} },
        () => undefined,
      );
    const first = bare();
    expect((await first.handlers['app:status'](undefined)).sandbox).toEqual({ source: 'none' });
    expect((await first.handlers['providers:list'](undefined)).find((p) => p.id === 'sandbox')?.available).toBe(false);
    await expect(first.handlers['settings:set-sandbox']({ issuer: 'https://example.com' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(first.handlers['settings:set-sandbox']({ issuer: 'http://127.0.0.1:9' })).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE' });
    expect(await first.handlers['settings:set-sandbox']({ issuer: `${sandbox.issuer}/` })).toEqual({ issuer: sandbox.issuer, source: 'settings' });
    expect((await first.handlers['providers:list'](undefined)).find((p) => p.id === 'sandbox')?.available).toBe(true);

    const restarted = bare();
    const connection = await restarted.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    expect(connection.grantedScopes).toContain('files:read');
    await restarted.handlers['settings:set-sandbox']({ issuer: null });
    expect((await restarted.handlers['providers:list'](undefined)).find((p) => p.id === 'sandbox')?.available).toBe(false);
  });

  it('keeps the environment’s sandbox for the run and refuses to change it', async () => {
    await expect(h()['settings:set-sandbox']({ issuer: null })).rejects.toMatchObject({
      code: 'CHANGE_REFUSED',
      details: { reason: 'sandbox-from-environment' },
    });
    expect((await h()['app:status'](undefined)).sandbox).toEqual({ issuer: sandbox.issuer, source: 'environment' });
  });

  it('refuses a plan that was already used or never made', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'tasks:read'] });
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [], remove: ['tasks:read'] });
    await h()['grants:apply-plan']({ planId: plan.planId });
    await expect(h()['grants:apply-plan']({ planId: plan.planId })).rejects.toMatchObject({ code: 'PLAN_STALE' });
  });

  it('an implied take-back offers keeping what was asked; choosing that keeps it, history says so, and the other choice is spent', async () => {
    const connection = await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'files:write', 'files:admin'] });
    const plan = await h()['grants:plan-change']({ connectionId: connection.id, add: [], remove: ['files:read'] });
    expect(plan.remove.map((s) => s.scope)).toEqual(['files:read', 'files:write', 'files:admin']);
    expect(plan.implied?.why).toBe('Create and change your files and Manage files and who sees them also let an app see your files, so they go too.');
    const only = plan.onlyBroader!;
    expect(only.remove.map((s) => s.scope)).toEqual(['files:write', 'files:admin']);
    expect(only.steps.map((s) => s.kind)).toEqual(['revoke', 'authorize']);
    const outcome = await h()['grants:apply-plan']({ planId: only.planId });
    expect(outcome.connection?.grantedScopes).toContain('files:read');
    expect(outcome.connection?.grantedScopes).not.toContain('files:write');
    expect(outcome.connection?.grantedScopes).not.toContain('files:admin');
    const revoked = outcome.connection!.history.find((e) => e.kind === 'revoked')!;
    expect(revoked.scopes).toEqual(['files:write', 'files:admin']);
    expect(revoked.message).toMatch(/^You kept See your files and took back only the broader ones\. Sandbox forgot the whole grant/);
    await expect(h()['grants:apply-plan']({ planId: plan.planId })).rejects.toMatchObject({ code: 'PLAN_STALE' });
  });
});
