import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sandboxProvider } from '../../../shared/catalog';
import type { ConnectionList, ConnectionView } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { dataFolderStores } from '../../headless/adapters';
import { connectedRecord, seedDataFolder } from '../../testing/seedVault';
import { createCore, type Core } from '../createCore';
import { createIpcBinding, type InvokeHandler } from '../ipc/binding';
import { Vault } from '../vault/vault';
import { connectionList } from './summaries';

const ISSUER = 'http://127.0.0.1:4890';
const sandbox = sandboxProvider(ISSUER);
const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';
const lookup = () => ({ info: vi.fn((id: string) => (id === 'sandbox' ? sandbox : undefined)), name: vi.fn((id: string) => (id === 'sandbox' ? 'Sandbox' : id)) });

describe('the connection list main builds (grants:list)', () => {
  it('one summary per connection, each scope explained once per provider however many connections hold it', () => {
    const records = [
      connectedRecord('a', 'sandbox', ['files:read', 'files:write'], AT, { grantedAt: { 'files:read': AT, 'files:write': LATER }, scopeTimeBoxes: { 'files:write': { until: LATER, chosen: '1d' } } }),
      connectedRecord('b', 'sandbox', ['files:read', '__proto__', 'constructor'], AT, { requestedScopes: ['files:read', '__proto__', 'constructor', 'tasks:read'] }),
      connectedRecord('c', 'sandbox', ['files:read', 'tasks:read'], AT, { grantedAt: { 'files:read': AT } }),
      connectedRecord('d', 'gone-provider', ['x:read'], AT),
    ];
    const list = connectionList(records, lookup());

    expect(list.connections.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    // What is the connection's own, in grantedScopes' order: when (left out when it is connectedAt,
    // null when not recorded) and for how long; null for a scope with neither. Which granted
    // scopes include another is the detail's (files:write includes files:read here).
    expect(list.connections[0]).toMatchObject({
      grantedScopes: ['files:read', 'files:write'],
      grantedFacts: [null, { grantedAt: LATER, timeBox: { until: LATER, chosen: '1d' } }],
      notGrantedScopes: [],
    });
    expect(list.connections[2]!.grantedFacts).toEqual([null, { grantedAt: null }]);
    // A connection whose scopes were all granted when it was made carries no facts at all.
    const plain = connectionList([connectedRecord('e', 'sandbox', ['files:read', 'files:write'], AT, { grantedAt: { 'files:read': AT, 'files:write': AT } })], lookup());
    expect(plain.connections[0]).not.toHaveProperty('grantedFacts');
    expect(list.connections[1]).toMatchObject({ notGrantedScopes: ['tasks:read'] });
    // Nothing of the detail: no explanations per connection, no actions, no history.
    for (const summary of list.connections) expect(Object.keys(summary)).not.toEqual(expect.arrayContaining(['granted', 'actions', 'history', 'restore']));

    // One provider known here: its scopes once each (the not granted one too); the unknown provider has none, as its view has none.
    expect(list.meanings.map((m) => m.providerId)).toEqual(['sandbox']);
    const scopes = list.meanings[0]!.scopes.map((m) => m.scope);
    expect(scopes.sort()).toEqual(['__proto__', 'constructor', 'files:read', 'files:write', 'tasks:read']);
    expect(list.meanings[0]!.scopes.find((m) => m.scope === 'files:read')).toMatchObject({ title: expect.any(String), sentence: expect.any(String), inferred: false });
  });

  it('builds each summary once per list call', () => {
    const providers = lookup();
    connectionList([connectedRecord('a', 'sandbox', ['files:read'], AT), connectedRecord('b', 'sandbox', ['tasks:read'], AT)], providers);
    // Each summary asks for its provider's name once; the old list built every view twice.
    expect(providers.name).toHaveBeenCalledTimes(2);
  });

  it('leaves a scope or provider id beyond the contract out of the meanings, so one damaged record cannot fail the list', () => {
    const long = 'x'.repeat(501);
    const list = connectionList([connectedRecord('a', 'sandbox', ['files:read', long], AT)], lookup());
    expect(list.meanings[0]!.scopes.map((m) => m.scope)).toEqual(['files:read']);
  });
});

describe('grants:list and grants:detail through the IPC edge', () => {
  let dataDir: string;
  let core: Core;
  let invoke: InvokeHandler;
  const sender = { url: 'app', isMainFrame: true };
  const ask = (channel: string, payload?: unknown): Promise<Result<unknown>> => invoke(channel, payload, sender);
  const value = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await ask(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as T;
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-summaries-'));
    await seedDataFolder(
      dataDir,
      [
        connectedRecord('good', 'sandbox', ['files:read', 'files:write'], AT, { issuer: ISSUER }),
        // What an older Scopekeeper, which did not check provider input, could have saved.
        connectedRecord('older-record', 'sandbox', ['files:read', 'y'.repeat(501)], AT, { issuer: ISSUER }),
      ],
      () => 'Sandbox',
    );
    core = createCore({ ...dataFolderStores(dataDir), browser: { open: async () => undefined }, clock: { now: () => new Date() }, fetch: globalThis.fetch, config: { sandboxIssuer: ISSUER } }, () => undefined);
    invoke = createIpcBinding(core.handlers, () => true);
  });
  afterEach(() => core.dispose());

  it('the list reads no history and explains nothing per connection; the detail is the full view, asked for one connection', async () => {
    const history = vi.spyOn(Vault.prototype, 'history');
    const list = await value<ConnectionList>('grants:list');
    expect(history).not.toHaveBeenCalled();
    const detail = await value<ConnectionView>('grants:detail', { connectionId: 'good' });
    expect(history).toHaveBeenCalledTimes(1);
    history.mockRestore();

    // The window's list item is the summary with its provider's meanings: the same explanations as the full view.
    const summary = list.connections.find((c) => c.id === 'good')!;
    const meanings = new Map(list.meanings.find((m) => m.providerId === 'sandbox')!.scopes.map((m) => [m.scope, m]));
    const assembled = summary.grantedScopes.map((scope, i) => ({ ...meanings.get(scope), grantedAt: summary.connectedAt, ...summary.grantedFacts?.[i] }));
    expect(detail.granted.map(({ redundantWith: _detailOnly, ...listed }) => listed)).toEqual(assembled);
    expect(detail).toMatchObject({ id: 'good', actions: expect.any(Array), history: [expect.objectContaining({ kind: 'connected' })] });
  });

  it('with withFirstDetail, the list brings its first connection in full, as grants:detail gives it; anything else asked is refused', async () => {
    const list = await value<ConnectionList & { firstDetail?: ConnectionView }>('grants:list', { withFirstDetail: true });
    expect(list.firstDetail).toEqual(await value<ConnectionView>('grants:detail', { connectionId: list.connections[0]!.id }));
    expect(list.connections).toEqual((await value<ConnectionList>('grants:list')).connections);
    expect(await value('grants:list')).not.toHaveProperty('firstDetail');
    for (const payload of [{ withFirstDetail: false }, { withFirstDetail: true, connectionId: 'good' }, { detail: 'good' }, 'first']) {
      expect(await ask('grants:list', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('checks each summary once, at the edge: one that breaks the limits is the damaged placeholder, the others list; its detail says the same', async () => {
    // The handler itself does not check: the IPC edge's one parse does.
    const unchecked = (await core.handlers['grants:list'](undefined)).connections.find((c) => c.id === 'older-record');
    expect(unchecked?.damaged).toBeUndefined();

    const list = await value<ConnectionList>('grants:list');
    expect(list.connections.find((c) => c.id === 'good')).toMatchObject({ grantedScopes: ['files:read', 'files:write'] });
    expect(list.connections.find((c) => c.id === 'older-record')).toMatchObject({
      damaged: { reason: expect.stringMatching(/cannot be shown \(grantedScopes\.1: /) },
      grantedScopes: [],
      state: 'disconnected',
    });
    expect(list.connections.find((c) => c.id === 'older-record')).not.toHaveProperty('grantedFacts');
    expect(await value('grants:detail', { connectionId: 'older-record' })).toMatchObject({ damaged: { reason: expect.stringContaining('cannot be shown') }, granted: [], history: [] });
  });

  it('grants:detail refuses what is not a connection id, finds nothing for a hostile one, and changes nothing', async () => {
    const before = await value<ConnectionList>('grants:list');
    const invalid: unknown[] = [undefined, null, 'good', 42, {}, { connectionId: '' }, { connectionId: 'x'.repeat(201) }, { connectionId: 7 }, { connectionId: 'good', extra: true }];
    for (const payload of invalid) expect(await ask('grants:detail', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    for (const connectionId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'GOOD', 'good ']) {
      expect(await ask('grants:detail', { connectionId })).toMatchObject({ ok: false, error: { code: 'CONNECTION_NOT_FOUND' } });
    }
    // From anything but the window's own main frame, nothing is answered.
    const guarded = createIpcBinding(core.handlers, (s) => s.url === 'app');
    expect(await guarded('grants:detail', { connectionId: 'good' }, { url: 'https://evil.example', isMainFrame: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await guarded('grants:detail', { connectionId: 'good' }, { url: 'app', isMainFrame: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await value('grants:list')).toEqual(before);
  });

  it('no answer carries a token', async () => {
    const answers = JSON.stringify([await value('grants:list'), await value('grants:detail', { connectionId: 'good' })]);
    expect(answers).not.toMatch(/access-good|refresh-good/);
  });
});
