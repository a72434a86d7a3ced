import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import type { ScopekeeperApi } from '../../shared/ipc/api';
import type * as Fake from '../testing/fakeElectron';

vi.mock('electron', () => import('../testing/fakeElectron'));
const fake = electron as unknown as typeof Fake;

let api: ScopekeeperApi;
beforeAll(async () => {
  fake.resetFakeElectron();
  await import('./index');
  api = fake.contextBridge.exposed.get('scopekeeper') as ScopekeeperApi;
});

/** Every function of the exposed object, by its path (`grants.connect`). */
function functionsOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, member]) =>
    typeof member === 'function' ? [`${prefix}${key}`] : functionsOf(member as object, `${prefix}${key}.`),
  );
}

describe('the preload', () => {
  it('exposes one object, window.scopekeeper, of named functions only', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['scopekeeper']);
    const names = functionsOf(api);
    expect(names).toContain('grants.connect');
    expect(names.some((name) => /ipcRenderer|invoke$|send$|^on$/.test(name))).toBe(false);
  });

  it('asks for the connection list as it starts, and the window’s first list takes that answer', async () => {
    const asked = fake.ipcRenderer.invoke.mock.calls.filter(([channel]) => channel === 'grants:list');
    expect(asked).toHaveLength(1);
    expect(asked[0]![1]).toEqual({ withFirstDetail: true });
    await api.grants.list({ withFirstDetail: true });
    expect(fake.ipcRenderer.invoke.mock.calls.filter(([channel]) => channel === 'grants:list')).toHaveLength(1);
    await api.grants.list();
    expect(fake.ipcRenderer.invoke.mock.calls.filter(([channel]) => channel === 'grants:list')).toHaveLength(2);
  });

  it('forwards a call to its contract channel with the request as given', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { id: 'c1' } });
    const result = await api.grants.connect({ providerId: 'sandbox', scopes: ['openid'] });
    expect(result).toEqual({ ok: true, value: { id: 'c1' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith('grants:connect', { providerId: 'sandbox', scopes: ['openid'] });
    for (const [channel] of fake.ipcRenderer.invoke.mock.calls) expect(INVOKE_CHANNELS).toContain(channel);
  });

  it('delivers pushed events without the IPC event object, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.events.onGrantsChanged(listener);
    fake.ipcRenderer.emit('grants:changed', { sender: 'ipc event' }, { connectionId: 'c1' });
    expect(listener).toHaveBeenCalledWith({ connectionId: 'c1' });
    expect(fake.ipcRenderer.listenerCount('grants:changed')).toBe(1);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount('grants:changed')).toBe(0);
    fake.ipcRenderer.emit('grants:changed', {}, { connectionId: 'c2' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
