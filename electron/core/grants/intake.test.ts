import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { aesKeyFileCipher, confVault, dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import { createIpcBinding } from '../ipc/binding';
import { Vault } from '../vault/vault';
import type { ConnectionList } from '../../../shared/ipc/contract';

/**
 * What a provider answers is checked before anything is saved. The real sandbox issues real tokens;
 * `tamper` changes its token endpoint's answer the way a misbehaving provider would.
 */
let sandbox: RunningAuthServer;
let tamper: ((body: Record<string, unknown>) => void) | undefined;
const issued: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox(0, {
    onTokenResponse: (body) => {
      for (const key of ['access_token', 'refresh_token'] as const) if (typeof body[key] === 'string') issued.push(body[key]);
      tamper?.(body);
    },
  });
});
afterAll(() => sandbox.close());

let core: Core;
let dataDir: string;
const open = (): Core =>
  createCore(
    {
      ...dataFolderStores(dataDir),
      browser: consentingBrowser(),
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: { sandboxIssuer: sandbox.issuer },
    },
    () => undefined,
  );
beforeEach(() => {
  tamper = undefined;
  issued.length = 0;
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-intake-'));
  core = open();
});

async function expectAllRevoked(): Promise<void> {
  await core.settled();
  expect(issued.length).toBeGreaterThan(0);
  for (const token of issued) expect((await sandbox.introspect(token)).active).toBe(false);
}

describe('provider input checked at intake', () => {
  it('refuses a granted scope longer than the contract allows; nothing is saved and the list still works', async () => {
    tamper = (body) => void (body.scope = `${String(body.scope)} ${'x'.repeat(501)}`);
    await expect(core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringContaining('501 characters'),
      details: { error: 'invalid_scope_value' },
    });
    expect((await core.handlers['grants:list'](undefined)).connections).toEqual([]);
    await expectAllRevoked();
  });

  it('refuses an OpenID sign-in without an ID token instead of saving a second, nameless account', async () => {
    const first = await core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    issued.length = 0;
    tamper = (body) => void delete body.id_token;
    await expect(core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { error: 'missing_id_token' },
    });
    expect((await core.handlers['grants:list'](undefined)).connections.map((c) => c.id)).toEqual([first.id]);
    await expectAllRevoked();
  });

  it('records a grant broader than asked and says so in the history', async () => {
    tamper = (body) => void (body.scope = `${String(body.scope)} calendar:write`);
    const connection = await core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    expect(connection.grantedScopes).toContain('calendar:write');
    const flagged = connection.history.find((e) => e.kind === 'broader-grant');
    expect(flagged).toMatchObject({ scopes: ['calendar:write'], message: expect.stringContaining('did not ask for') });
  });

  it('connection ids and scopes named like Object.prototype members are plain keys', async () => {
    const h = core.handlers;
    for (const connectionId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const calls: (() => unknown)[] = [
        () => h['grants:forget']({ connectionId }),
        () => h['grants:reconnect']({ connectionId }),
        () => h['grants:check']({ connectionId }),
        () => h['grants:plan-disconnect']({ connectionId }),
        () => h['grants:plan-change']({ connectionId, add: [], remove: ['files:read'] }),
      ];
      for (const call of calls) await expect(Promise.resolve().then(call)).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    }
    tamper = (body) => void (body.scope = `${String(body.scope)} __proto__ constructor`);
    const connection = await h['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    expect(connection.grantedScopes).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    const proto = connection.granted.find((e) => e.scope === '__proto__');
    expect(proto?.grantedAt).toBe(connection.connectedAt);
    // Saved and read back by a new start of the app, the connection still lists with those scopes.
    const reopenedCore = open();
    const { connections: [reopened], meanings } = await reopenedCore.handlers['grants:list'](undefined);
    expect(reopened?.damaged).toBeUndefined();
    expect(reopened?.grantedScopes).toEqual(connection.grantedScopes);
    // Granted when the connection was made: the summary leaves the date out (it is connectedAt).
    expect(reopened?.connectedAt).toBe(connection.connectedAt);
    expect(reopened?.grantedFacts?.[reopened.grantedScopes.indexOf('constructor')] ?? null).toBeNull();
    expect(meanings.flatMap((m) => m.scopes.map((s) => s.scope))).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    const detail = await reopenedCore.handlers['grants:detail']({ connectionId: connection.id });
    expect(detail.granted.find((e) => e.scope === 'constructor')?.grantedAt).toBe(connection.connectedAt);
  });

  it('one record that breaks the limits (saved by an older version) is listed as damaged and can be removed; the others still list', async () => {
    const good = await core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    // What an older Scopekeeper, which did not check provider input, could have saved.
    const vault = Vault.open(confVault(dataDir), aesKeyFileCipher(join(dataDir, 'vault.key')), { now: () => new Date() });
    const bad = { ...vault.get(good.id)!, id: 'older-record', grantedScopes: ['files:read', 'x'.repeat(501)] };
    await vault.save(bad, null);
    const reopened = open();
    const invoke = createIpcBinding(reopened.handlers, () => true);
    const sender = { url: 'app', isMainFrame: true };

    const listed = await invoke('grants:list', undefined, sender);
    expect(listed.ok).toBe(true);
    const views = (listed as { ok: true; value: ConnectionList }).value.connections;
    expect(views.find((v) => v.id === good.id)).toMatchObject({ grantedScopes: good.grantedScopes });
    expect(views.find((v) => v.id === 'older-record')).toMatchObject({ damaged: { reason: expect.stringContaining('cannot be shown') }, grantedScopes: [] });

    expect(await invoke('grants:forget', { connectionId: 'older-record' }, sender)).toEqual({ ok: true, value: null });
    const after = await invoke('grants:list', undefined, sender);
    expect(after).toMatchObject({ ok: true, value: { connections: [{ id: good.id }] } });
    expect((after as { value: ConnectionList }).value.connections).toHaveLength(1);
  });
});
