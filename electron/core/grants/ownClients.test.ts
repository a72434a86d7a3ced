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
 * Bring your own client, through the real IPC binding and core, against the real sandbox server,
 * whose "own app" is a native client registered WITH a secret (client_secret_basic): a sign-in
 * only succeeds when the secret saved in Settings really reaches the token endpoint.
 */
let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(async () => {
  await sandbox.close();
});

let dataDir: string;
let core: Core;
let invoke: InvokeHandler;
const events: unknown[] = [];
const APP = { url: 'app://scopekeeper', isMainFrame: true };

function start(): void {
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: consentingBrowser(),
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: { sandboxIssuer: sandbox.issuer },
    },
    (channel, payload) => events.push({ channel, payload }),
  );
  invoke = createIpcBinding(core.handlers, (sender) => sender.url === APP.url);
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-clients-'));
  events.length = 0;
  start();
});

/** Both files of the vault (the document and its change log), as written. */
const vaultFile = (): string => readVaultFiles(join(dataDir, 'vault.json'), join(dataDir, CHANGES_FILE)).raw.trim();

// Answers of several channels, read loosely and checked with toMatchObject.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value?: any; error?: { code: string; details?: Record<string, unknown> } };
async function call(channel: string, payload?: unknown): Promise<Answer> {
  return (await invoke(channel, payload, APP)) as Answer;
}

describe('bring your own OAuth client', () => {
  it('signs in with the own client and its secret; the secret is sealed in the file and in no answer or event', async () => {
    const { clientId, clientSecret } = sandbox.ownApp;
    const set = await call('providers:set-client', { providerId: 'sandbox', clientId, clientSecret });
    expect(set).toMatchObject({ ok: true, value: { id: 'sandbox', client: { clientId, hasSecret: true, source: 'own' }, hasBuiltInClient: true } });

    const connected = await call('grants:connect', { providerId: 'sandbox', scopes: ['files:read'] });
    expect(connected).toMatchObject({ ok: true, value: { account: 'alex@sandbox.test' } });

    const answers = [set, connected, await call('providers:list'), await call('grants:list'), await call('app:status')];
    expect(JSON.stringify([answers, events])).not.toContain(clientSecret);
    const file = vaultFile();
    expect(file).toContain(clientId);
    expect(file).not.toContain(clientSecret);

    // A restart reads the sealed secret back: the own client still signs in.
    start();
    expect(await call('grants:connect', { providerId: 'sandbox', scopes: ['files:read'] })).toMatchObject({ ok: true });
  });

  it('takes precedence over the built-in client: without its secret the server refuses the own client', async () => {
    await call('providers:set-client', { providerId: 'sandbox', clientId: sandbox.ownApp.clientId });
    const refused = await call('grants:connect', { providerId: 'sandbox', scopes: ['files:read'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROVIDER_ERROR', details: { error: 'invalid_client' } } });

    const cleared = await call('providers:clear-client', { providerId: 'sandbox' });
    expect(cleared).toMatchObject({ ok: true, value: { client: { clientId: sandbox.clientId, hasSecret: false, source: 'built-in' } } });
    expect(await call('grants:connect', { providerId: 'sandbox', scopes: ['files:read'] })).toMatchObject({ ok: true });
  });

  it('keeps the saved secret when none is sent for the same client ID, drops it for another ID or on null', async () => {
    const { clientId, clientSecret } = sandbox.ownApp;
    await call('providers:set-client', { providerId: 'sandbox', clientId, clientSecret, redirectPort: 47999 });
    const kept = await call('providers:set-client', { providerId: 'sandbox', clientId });
    expect(kept.value.client).toEqual({ clientId, hasSecret: true, source: 'own' });
    expect(kept.value.redirectUri).toBe('http://127.0.0.1/callback');
    expect(await call('grants:connect', { providerId: 'sandbox', scopes: ['files:read'] })).toMatchObject({ ok: true });

    expect((await call('providers:set-client', { providerId: 'sandbox', clientId: 'another' })).value.client.hasSecret).toBe(false);
    await call('providers:set-client', { providerId: 'sandbox', clientId, clientSecret });
    expect((await call('providers:set-client', { providerId: 'sandbox', clientId, clientSecret: null })).value.client.hasSecret).toBe(false);
  });

  it('makes a catalog provider with no built-in client connectable, and shows its redirect URI with a fixed port', async () => {
    const before = (await call('providers:list')).value.find((p: { id: string }) => p.id === 'atlassian');
    expect(before).toMatchObject({ available: false, hasBuiltInClient: false, redirectUri: 'http://127.0.0.1/callback' });
    expect(before.client).toBeUndefined();
    expect(before.appScopes).toContain('offline_access');
    expect(await call('grants:connect', { providerId: 'atlassian' })).toMatchObject({
      ok: false,
      error: { code: 'PROVIDER_UNKNOWN', details: { reason: 'no-client' } },
    });

    const set = await call('providers:set-client', { providerId: 'atlassian', clientId: 'my-atlassian-app', clientSecret: 'x'.repeat(40), redirectPort: 47123 });
    expect(set.value).toMatchObject({ available: true, redirectUri: 'http://127.0.0.1:47123/callback', client: { redirectPort: 47123, source: 'own' } });
    expect(set.value.unavailableReason).toBeUndefined();

    const cleared = await call('providers:clear-client', { providerId: 'atlassian' });
    expect(cleared.value).toMatchObject({ available: false });
    expect(cleared.value.client).toBeUndefined();
  });

  it.each([
    ['no client ID', { providerId: 'sandbox', clientId: '   ' }],
    ['a port below 1024', { providerId: 'sandbox', clientId: 'a', redirectPort: 80 }],
    ['a port as text', { providerId: 'sandbox', clientId: 'a', redirectPort: '47123' }],
    ['a port that is no integer', { providerId: 'sandbox', clientId: 'a', redirectPort: 47123.5 }],
    ['an empty secret', { providerId: 'sandbox', clientId: 'a', clientSecret: '' }],
    ['a secret too long', { providerId: 'sandbox', clientId: 'a', clientSecret: 'x'.repeat(2001) }],
    ['an unknown field', { providerId: 'sandbox', clientId: 'a', tokenEndpoint: 'https://evil.example' }],
    ['no payload', undefined],
  ])('refuses %s with INVALID_REQUEST and changes nothing', async (_what, payload) => {
    const before = vaultFile();
    const answer = await call('providers:set-client', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(vaultFile()).toBe(before);
    expect((await call('providers:list')).value.find((p: { id: string }) => p.id === 'sandbox').client.source).toBe('built-in');
  });

  it('refuses an unknown provider and clearing a client that is not the person’s own, changing nothing', async () => {
    expect(await call('providers:set-client', { providerId: 'nope', clientId: 'a' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNKNOWN' } });
    expect(await call('providers:clear-client', { providerId: 'sandbox' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', details: { reason: 'no-own-client' } },
    });
    expect(await call('providers:clear-client', { providerId: 'nope' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNKNOWN' } });
    expect(vaultFile()).toBe('');
  });
});
