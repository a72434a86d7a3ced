import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc/channels';
import { eventContract, invokeContract } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { createIpcBinding, type Handlers, type Sender } from './binding';

const APP = 'http://127.0.0.1:5173/index.html';
const trusted = (sender: Sender): boolean => sender.url !== undefined && new URL(sender.url).origin === new URL(APP).origin;
const fromApp: Sender = { url: APP, isMainFrame: true };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:status': () => ({ vault: { state: 'ready' } }),
    'providers:list': () => [],
    'grants:list': () => [],
    'grants:connect': vi.fn(),
    'grants:cancel-flow': () => ({ cancelled: false }),
    'grants:forget': () => null,
    'providers:add': vi.fn(),
    'providers:set-client': vi.fn(),
    'providers:clear-client': vi.fn(),
    'grants:reconnect': vi.fn(),
    'grants:plan-change': vi.fn(),
    'grants:plan-action': vi.fn(),
    'grants:plan-disconnect': vi.fn(),
    'grants:apply-plan': vi.fn(),
    'grants:export': vi.fn(),
    'history:list-removed': () => [],
    'settings:set-sandbox': vi.fn(),
    ...overrides,
  } as Handlers;
}

describe('IPC binding', () => {
  it('has a schema for every channel and a channel for every schema', () => {
    expect(Object.keys(invokeContract).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(eventContract).sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('answers a valid request with { ok: true, value }', async () => {
    const handle = createIpcBinding(handlers(), trusted);
    expect(await handle('grants:cancel-flow', undefined, fromApp)).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('rejects a payload the schema refuses, without calling core', async () => {
    const connect = vi.fn();
    const handle = createIpcBinding(handlers({ 'grants:connect': connect }), trusted);
    for (const payload of [undefined, { providerId: '' }, { providerId: 'sandbox', scopes: 'files:read' }, { providerId: 'sandbox', extra: 1 }]) {
      const result = await handle('grants:connect', payload, fromApp);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(connect).not.toHaveBeenCalled();
  });

  it('rejects a foreign sender and a sub-frame, without calling core', async () => {
    const forget = vi.fn();
    const handle = createIpcBinding(handlers({ 'grants:forget': forget }), trusted);
    const foreign = await handle('grants:forget', { connectionId: 'c1' }, { url: 'https://evil.example/', isMainFrame: true });
    const subFrame = await handle('grants:forget', { connectionId: 'c1' }, { url: APP, isMainFrame: false });
    const noUrl = await handle('grants:forget', { connectionId: 'c1' }, { url: undefined, isMainFrame: true });
    for (const result of [foreign, subFrame, noUrl]) expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(forget).not.toHaveBeenCalled();
  });

  it('rejects an unknown channel', async () => {
    const handle = createIpcBinding(handlers(), trusted);
    expect(await handle('fs:read', '/etc/passwd', fromApp)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('keeps the code of an error thrown by core', async () => {
    const handle = createIpcBinding(
      handlers({
        'grants:forget': () => {
          throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'gone', { id: 'c1' });
        },
      }),
      trusted,
    );
    expect(await handle('grants:forget', { connectionId: 'c1' }, fromApp)).toEqual({
      ok: false,
      error: { code: 'CONNECTION_NOT_FOUND', message: 'gone', details: { id: 'c1' } },
    });
  });

  it('never lets a response outside the contract reach the renderer', async () => {
    const handle = createIpcBinding(handlers({ 'grants:list': () => [{ accessToken: 'secret' }] as never }), trusted);
    const result = await handle('grants:list', undefined, fromApp);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});

describe('an answer prepared before it is asked', () => {
  const EMPTY = { connections: [], meanings: [] };
  /** A grants:list handler that counts its calls and answers with the n-th list. */
  function counting(): { handler: Handlers['grants:list']; calls: () => number } {
    let calls = 0;
    const handler = (() => {
      calls += 1;
      return { ...EMPTY, meanings: [{ providerId: `call-${calls}`, scopes: [] }] };
    }) as Handlers['grants:list'];
    return { handler, calls: () => calls };
  }

  it('is made once at prepare, and given to the first same ask only; the next one is answered anew', async () => {
    const list = counting();
    const handle = createIpcBinding(handlers({ 'grants:list': list.handler }), trusted);
    await handle.prepare('grants:list', { withFirstDetail: true });
    expect(list.calls()).toBe(1);
    expect(await handle('grants:list', { withFirstDetail: true }, fromApp)).toMatchObject({ ok: true, value: { meanings: [{ providerId: 'call-1' }] } });
    expect(list.calls()).toBe(1);
    expect(await handle('grants:list', { withFirstDetail: true }, fromApp)).toMatchObject({ ok: true, value: { meanings: [{ providerId: 'call-2' }] } });
  });

  it('is not given to an ask with another payload, nor to a sender the edge refuses', async () => {
    const list = counting();
    const handle = createIpcBinding(handlers({ 'grants:list': list.handler }), trusted);
    await handle.prepare('grants:list', { withFirstDetail: true });
    expect(await handle('grants:list', undefined, fromApp)).toMatchObject({ ok: true, value: { meanings: [{ providerId: 'call-2' }] } });
    const foreign = await handle('grants:list', { withFirstDetail: true }, { url: 'https://evil.example/', isMainFrame: true });
    const subFrame = await handle('grants:list', { withFirstDetail: true }, { url: APP, isMainFrame: false });
    for (const result of [foreign, subFrame]) expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) });
    // Still there for the window's own ask.
    expect(await handle('grants:list', { withFirstDetail: true }, fromApp)).toMatchObject({ ok: true, value: { meanings: [{ providerId: 'call-1' }] } });
  });

  it('is dropped when something changed (dropPrepared): the ask then sees the change', async () => {
    const list = counting();
    const handle = createIpcBinding(handlers({ 'grants:list': list.handler }), trusted);
    await handle.prepare('grants:list', { withFirstDetail: true });
    handle.dropPrepared();
    expect(await handle('grants:list', { withFirstDetail: true }, fromApp)).toMatchObject({ ok: true, value: { meanings: [{ providerId: 'call-2' }] } });
  });

  it('goes through the same contract check: a prepared answer outside it is an error, never the value', async () => {
    const handle = createIpcBinding(handlers({ 'grants:list': () => ({ ...EMPTY, accessToken: 'secret', connections: 'x' }) as never }), trusted);
    await handle.prepare('grants:list', { withFirstDetail: true });
    const result = await handle('grants:list', { withFirstDetail: true }, fromApp);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
