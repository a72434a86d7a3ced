import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { ConnectionList, ConnectionView, ProviderView, SandboxSetting, SignedInView } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { setBridgeForTests } from '../bridge';
import {
  aliceConnection,
  createFakeBridge,
  customProvider,
  deferred,
  fail,
  ok,
  readyStatus,
  sandboxProvider,
  statusWithSandbox,
  unsetSandboxProvider,
} from '../testing/fakeBridge';
import type { FakeBridge } from '../testing/fakeBridge';
import { createAppStore } from './appStore';
import { nextSelection } from './connectionsSlice';
import { listItemOf } from './connectionList';
import { connectionListOf } from '../testing/connectionListOf';
import { CANCELLED_NOTICE } from './flowSlice';
import { PLACES } from './places';
import type { AppState } from './types';

let bridge: FakeBridge;
let store: StoreApi<AppState>;

beforeEach(() => {
  bridge = createFakeBridge({ connections: [aliceConnection] });
  setBridgeForTests(bridge.api);
  store = createAppStore();
});

afterEach(() => {
  store.getState().dispose();
  setBridgeForTests(null);
});

const bob: ConnectionView = { ...aliceConnection, id: 'conn-bob', account: 'bob@example.test', notGrantedScopes: [], notGranted: [] };

describe('init', () => {
  it('loads app status, providers and connections', async () => {
    expect(store.getState().connectionsLoadStatus).toBe('idle');
    await store.getState().init();

    const state = store.getState();
    expect(state.app).toEqual(readyStatus);
    expect(state.providers).toEqual([sandboxProvider]);
    expect(state.connections).toEqual([aliceConnection].map(listItemOf));
    // The first (selected) connection's full view came with the first list: one answer, no second ask.
    expect(bridge.api.grants.list).toHaveBeenCalledWith({ withFirstDetail: true });
    expect(bridge.api.grants.detail).not.toHaveBeenCalled();
    expect(state.selectedId).toBe(aliceConnection.id);
    expect(state.connectionDetails.get(aliceConnection.id)).toEqual(aliceConnection);
    expect([state.appLoadStatus, state.providersLoadStatus, state.connectionsLoadStatus]).toEqual([
      'ready',
      'ready',
      'ready',
    ]);
    expect(state.error).toBeNull();
  });

  it('reloads the list alone after the first load, then asks for the shown connection in full', async () => {
    await store.getState().init();
    vi.mocked(bridge.api.grants.list).mockClear();
    await store.getState().loadConnections();
    expect(bridge.api.grants.list).toHaveBeenCalledWith(undefined);
    expect(bridge.api.grants.detail).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
  });

  it('asks for the shown connection in full when the first list brought none (an older main)', async () => {
    vi.mocked(bridge.api.grants.list).mockResolvedValueOnce({ ok: true, value: connectionListOf([aliceConnection]) });
    await store.getState().init();
    expect(bridge.api.grants.detail).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
    expect(store.getState().connectionDetails.get(aliceConnection.id)).toEqual(aliceConnection);
  });

  it('asks for the connection list alone first, and for the rest once it is in', async () => {
    const list = deferred<Result<ConnectionList>>();
    bridge.api.grants.list.mockReturnValueOnce(list.promise);
    const all = store.getState().init();
    expect(store.getState().connectionsLoadStatus).toBe('loading');
    expect(bridge.api.app.status).not.toHaveBeenCalled();
    expect(bridge.api.providers.list).not.toHaveBeenCalled();
    expect(bridge.api.policy.get).not.toHaveBeenCalled();

    list.resolve(ok({ ...connectionListOf([aliceConnection]), firstDetail: aliceConnection }));
    await all;
    expect(store.getState().connectionsLoadStatus).toBe('ready');
    expect(bridge.api.app.status).toHaveBeenCalledTimes(1);
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(1);
    expect(bridge.api.policy.get).toHaveBeenCalledTimes(1);
  });

  it('start() loads the connection list alone; init() then asks for the rest, once', async () => {
    await store.getState().start();
    expect(store.getState().connectionsLoadStatus).toBe('ready');
    expect(bridge.api.app.status).not.toHaveBeenCalled();
    expect(bridge.api.providers.list).not.toHaveBeenCalled();
    await store.getState().init();
    await store.getState().init();
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(1);
    expect(bridge.api.app.status).toHaveBeenCalledTimes(1);
  });

  it('start() and init() share one load while subscribed; after dispose, init() loads again', async () => {
    await store.getState().start();
    await store.getState().init();
    store.getState().dispose();
    await store.getState().init();
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(2);
    expect(bridge.api.app.status).toHaveBeenCalledTimes(2);
  });

  it('subscribes to each event once, however often it runs', async () => {
    await store.getState().init();
    await store.getState().init();
    expect(bridge.api.events.onGrantsChanged).toHaveBeenCalledTimes(1);
    expect(bridge.api.events.onFlowProgress).toHaveBeenCalledTimes(1);
    expect(bridge.api.events.onChangeProgress).toHaveBeenCalledTimes(1);
    expect(bridge.listenerCounts()).toEqual({ grantsChanged: 1, flowProgress: 1, changeProgress: 1 });
  });

  it('refetches the connections when grants:changed arrives', async () => {
    await store.getState().init();
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(1);

    bridge.data.connections = [aliceConnection, bob];
    bridge.emitGrantsChanged({ connectionId: bob.id });
    await expect.poll(() => store.getState().connections).toEqual([aliceConnection, bob].map(listItemOf));
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(2);
  });

  it('dispose unsubscribes, and a later init subscribes again', async () => {
    await store.getState().init();
    store.getState().dispose();
    expect(bridge.listenerCounts()).toEqual({ grantsChanged: 0, flowProgress: 0, changeProgress: 0 });

    bridge.emitGrantsChanged();
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(1);

    await store.getState().init();
    expect(bridge.listenerCounts()).toEqual({ grantsChanged: 1, flowProgress: 1, changeProgress: 1 });
  });

  it('sets status and error when a list cannot be loaded', async () => {
    bridge.api.grants.list.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    await store.getState().init();
    expect(store.getState().connectionsLoadStatus).toBe('error');
    expect(store.getState().connectionsLoaded).toBe(false);
    expect(store.getState().error?.code).toBe('VAULT_LOCKED');
    expect(store.getState().providersLoadStatus).toBe('ready');
  });

  it('treats a rejected invoke as INTERNAL instead of throwing', async () => {
    bridge.api.providers.list.mockRejectedValueOnce(new Error('ipc channel closed'));
    await expect(store.getState().init()).resolves.toBeUndefined();
    expect(store.getState().providersLoadStatus).toBe('error');
    expect(store.getState().error).toEqual({ code: 'INTERNAL', message: 'ipc channel closed' });
  });

  it('reports INTERNAL when there is no bridge at all', async () => {
    setBridgeForTests(null); // and this test environment has no window.scopekeeper
    await store.getState().init();
    expect(store.getState().error?.code).toBe('INTERNAL');
    expect(store.getState().error?.message).toMatch(/window\.scopekeeper is missing/);
  });

  it('keeps the newest list when answers arrive out of order', async () => {
    await store.getState().init();
    const slow = deferred<Result<ConnectionList>>();
    bridge.api.grants.list.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(ok(connectionListOf([bob])));

    const first = store.getState().loadConnections();
    await store.getState().loadConnections();
    slow.resolve(ok(connectionListOf([aliceConnection])));
    await first;
    expect(store.getState().connections).toEqual([listItemOf(bob)]);
  });
});

describe('connect', () => {
  beforeEach(async () => {
    await store.getState().init();
  });

  it('asks for the default scopes, shows the flow while pending, then refetches and clears it', async () => {
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);

    const connecting = store.getState().connect('sandbox');
    expect(bridge.api.grants.connect).toHaveBeenCalledWith({ providerId: 'sandbox', scopes: ['contacts.read'] });
    expect(store.getState().flow).toMatchObject({
      providerId: 'sandbox',
      providerName: 'Sandbox',
      stage: 'opening-browser',
      origin: 'here',
    });

    bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-callback' });
    expect(store.getState().flow?.stage).toBe('waiting-for-callback');
    // Its own end is settled by the answer, not by the event.
    bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'finished' });
    expect(store.getState().flow).not.toBeNull();

    bridge.data.connections = [aliceConnection, bob];
    answer.resolve(ok(bob));
    await connecting;

    expect(store.getState().flow).toBeNull();
    expect(store.getState().connections).toEqual([aliceConnection, bob].map(listItemOf));
    expect(store.getState().notice).toBe('Sandbox is connected as bob@example.test.');
    expect(store.getState().error).toBeNull();
    // The new connection is selected, and the sentence belongs at the top of its detail.
    expect(store.getState().selectedId).toBe(bob.id);
    expect(store.getState().messagePlace).toBe(PLACES.connection(bob.id));
    expect(store.getState().noticeTone).toBe('success');
  });

  it('says what a partial grant left out and what will not work because of it', async () => {
    bridge.api.grants.connect.mockResolvedValueOnce(ok(aliceConnection));
    await store.getState().connect('sandbox');
    expect(store.getState().notice).toBe(
      'Sandbox is connected as alice@example.test. Not everything asked for was granted. Not granted: “Edit your contacts”. ' +
        'What will not work: “Edit your contacts”. Use Ask again to ask once more.',
    );
    expect(store.getState().noticeTone).toBe('warning');
  });

  it('a denied consent is the person’s choice: a neutral notice beside the Connect button, no error', async () => {
    bridge.api.grants.connect.mockResolvedValueOnce(fail('AUTH_DENIED'));
    await store.getState().connect('sandbox');
    expect(store.getState().error).toBeNull();
    expect(store.getState().notice).toBe('You chose not to connect Sandbox. Nothing was saved.');
    expect(store.getState().messagePlace).toBe(PLACES.provider('sandbox'));
  });

  it('asks for exactly the scopes it is given, even none', async () => {
    await store.getState().connect('sandbox', ['files.read', 'contacts.write']);
    expect(bridge.api.grants.connect).toHaveBeenLastCalledWith({
      providerId: 'sandbox',
      scopes: ['files.read', 'contacts.write'],
    });
    await store.getState().connect('sandbox', []);
    expect(bridge.api.grants.connect).toHaveBeenLastCalledWith({ providerId: 'sandbox', scopes: [] });
  });

  it('leaves the scopes to the main process for a provider it does not know', async () => {
    await store.getState().connect('nowhere');
    expect(bridge.api.grants.connect).toHaveBeenCalledWith({ providerId: 'nowhere' });
  });

  it('ignores progress of another flow', async () => {
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);
    const connecting = store.getState().connect('sandbox');

    bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-callback' });
    bridge.emitFlowProgress({ flowId: 'other', providerId: 'sandbox', stage: 'saving' });
    bridge.emitFlowProgress({ flowId: 'f2', providerId: 'github', stage: 'saving' });
    expect(store.getState().flow?.stage).toBe('waiting-for-callback');

    answer.resolve(fail('AUTH_CANCELLED'));
    await connecting;
  });

  it('sets the error, with the provider name, beside its Connect button when the sign-in fails', async () => {
    bridge.api.grants.connect.mockResolvedValueOnce(fail('AUTH_TIMEOUT'));
    await store.getState().connect('sandbox');

    expect(store.getState().flow).toBeNull();
    expect(store.getState().error).toEqual({ code: 'AUTH_TIMEOUT', message: 'AUTH_TIMEOUT in test' });
    expect(store.getState().errorProviderName).toBe('Sandbox');
    expect(store.getState().messagePlace).toBe(PLACES.provider('sandbox'));
    expect(store.getState().notice).toBeNull();
  });

  it('AUTH_CANCELLED returns quietly to idle with a neutral notice, no alert', async () => {
    store.getState().reportError({ code: 'AUTH_TIMEOUT', message: 'earlier' });
    bridge.api.grants.connect.mockResolvedValueOnce(fail('AUTH_CANCELLED'));
    await store.getState().connect('sandbox');

    expect(store.getState().flow).toBeNull();
    expect(store.getState().error).toBeNull();
    expect(store.getState().notice).toBe(CANCELLED_NOTICE);
    expect(CANCELLED_NOTICE).toBe('Sign-in cancelled. Nothing was connected.');
  });

  it('a rejected connect becomes an INTERNAL error', async () => {
    bridge.api.grants.connect.mockRejectedValueOnce(new Error('boom'));
    await store.getState().connect('sandbox');
    expect(store.getState().flow).toBeNull();
    expect(store.getState().error?.code).toBe('INTERNAL');
  });

  it('starts no second flow while one runs', async () => {
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);
    const connecting = store.getState().connect('sandbox');
    await store.getState().connect('sandbox');
    expect(bridge.api.grants.connect).toHaveBeenCalledTimes(1);
    answer.resolve(fail('AUTH_CANCELLED'));
    await connecting;
  });

  it('cancelFlow asks the main process; the pending connect then ends as cancelled', async () => {
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);
    const connecting = store.getState().connect('sandbox');

    const cancelling = store.getState().cancelFlow();
    expect(store.getState().flow?.cancelling).toBe(true);
    await cancelling;
    expect(bridge.api.grants.cancelFlow).toHaveBeenCalledTimes(1);

    answer.resolve(fail('AUTH_CANCELLED'));
    await connecting;
    expect(store.getState().flow).toBeNull();
    expect(store.getState().notice).toBe(CANCELLED_NOTICE);
    expect(store.getState().error).toBeNull();
  });

  it('a failed cancel keeps the flow and shows the error', async () => {
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);
    const connecting = store.getState().connect('sandbox');
    bridge.api.grants.cancelFlow.mockResolvedValueOnce(fail('INTERNAL'));

    await store.getState().cancelFlow();
    expect(store.getState().flow).toMatchObject({ cancelling: false });
    expect(store.getState().error?.code).toBe('INTERNAL');

    answer.resolve(fail('AUTH_TIMEOUT'));
    await connecting;
  });
});

describe('a flow this window did not start (reloaded mid-flow)', () => {
  beforeEach(async () => {
    await store.getState().init();
  });

  it('is shown from flow:progress and cleared by its last event', () => {
    bridge.emitFlowProgress({ flowId: 'f9', providerId: 'sandbox', stage: 'waiting-for-callback' });
    expect(store.getState().flow).toMatchObject({ origin: 'observed', providerName: 'Sandbox', flowId: 'f9' });

    bridge.emitFlowProgress({
      flowId: 'f9',
      providerId: 'sandbox',
      stage: 'failed',
      error: { code: 'AUTH_TIMEOUT', message: 'x' },
    });
    expect(store.getState().flow).toBeNull();
    expect(store.getState().error?.code).toBe('AUTH_TIMEOUT');
  });

  it('a denial it only observed is a neutral notice too', () => {
    bridge.emitFlowProgress({ flowId: 'f9', providerId: 'sandbox', stage: 'waiting-for-callback' });
    bridge.emitFlowProgress({ flowId: 'f9', providerId: 'sandbox', stage: 'failed', error: { code: 'AUTH_DENIED', message: 'x' } });
    expect(store.getState().error).toBeNull();
    expect(store.getState().notice).toBe('You chose not to connect Sandbox. Nothing was saved.');
  });

  it('can be cancelled', async () => {
    bridge.emitFlowProgress({ flowId: 'f9', providerId: 'sandbox', stage: 'waiting-for-callback' });
    await store.getState().cancelFlow();
    expect(store.getState().flow).toBeNull();
    expect(store.getState().notice).toBe(CANCELLED_NOTICE);
  });

  it('a finished event alone starts nothing', () => {
    bridge.emitFlowProgress({ flowId: 'f9', providerId: 'sandbox', stage: 'finished' });
    expect(store.getState().flow).toBeNull();
  });
});

describe('forget', () => {
  beforeEach(async () => {
    bridge.data.connections = [aliceConnection, bob];
    await store.getState().init();
  });

  it('asks the main process to forget the connection and refetches', async () => {
    const answer = deferred<Result<null>>();
    bridge.api.grants.forget.mockReturnValueOnce(answer.promise);
    const forgetting = store.getState().forget(aliceConnection.id);
    expect(store.getState().forgettingId).toBe(aliceConnection.id);

    bridge.data.connections = [bob];
    answer.resolve(ok(null));
    await expect(forgetting).resolves.toBe(true);

    expect(bridge.api.grants.forget).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
    expect(store.getState().forgettingId).toBeNull();
    expect(store.getState().connections).toEqual([bob].map(listItemOf));
    expect(store.getState().notice).toBe('alice@example.test on Sandbox was forgotten on this computer.');
    await expect.poll(() => bridge.api.grants.list.mock.calls.length).toBe(2);
  });

  it('keeps the connection and shows the error when forgetting fails', async () => {
    bridge.api.grants.forget.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    await expect(store.getState().forget(aliceConnection.id)).resolves.toBe(false);
    expect(store.getState().connections).toEqual([aliceConnection, bob].map(listItemOf));
    expect(store.getState().error?.code).toBe('VAULT_LOCKED');
    expect(store.getState().errorProviderName).toBe('Sandbox');
  });

  it('refetches when the connection was already gone', async () => {
    bridge.api.grants.forget.mockResolvedValueOnce(fail('CONNECTION_NOT_FOUND'));
    bridge.data.connections = [bob];
    await store.getState().forget(aliceConnection.id);
    expect(store.getState().error?.code).toBe('CONNECTION_NOT_FOUND');
    await expect.poll(() => store.getState().connections).toEqual([bob].map(listItemOf));
  });
});

describe('addProvider', () => {
  const server = { name: 'Acme Login', issuer: 'https://login.acme.test', clientId: 'scopekeeper' };

  beforeEach(async () => {
    await store.getState().init();
  });

  it('adds the server, refetches the providers, then says so', async () => {
    const answer = deferred<Result<ProviderView>>();
    bridge.api.providers.add.mockReturnValueOnce(answer.promise);
    const adding = store.getState().addProvider(server);
    expect(store.getState().addingProvider).toBe(true);
    expect(bridge.api.providers.add).toHaveBeenCalledWith(server);

    bridge.data.providers = [sandboxProvider, customProvider];
    answer.resolve(ok(customProvider));
    await expect(adding).resolves.toBe(true);

    expect(bridge.api.providers.list).toHaveBeenCalledTimes(2);
    expect(store.getState().providers).toEqual([sandboxProvider, customProvider]);
    expect(store.getState().addingProvider).toBe(false);
    expect(store.getState().notice).toBe('Acme Login was added. Connect it from Connect an account.');
    expect(store.getState().messagePlace).toBe(PLACES.addServer);
    expect(store.getState().error).toBeNull();
  });

  it('reports a failure with the server name and keeps the list', async () => {
    bridge.api.providers.add.mockResolvedValueOnce(fail('PROVIDER_UNREACHABLE'));
    await expect(store.getState().addProvider(server)).resolves.toBe(false);
    expect(store.getState().error?.code).toBe('PROVIDER_UNREACHABLE');
    expect(store.getState().errorProviderName).toBe('Acme Login');
    expect(store.getState().addingProvider).toBe(false);
    expect(store.getState().notice).toBeNull();
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(1);
  });
});

describe('setSandbox', () => {
  beforeEach(async () => {
    bridge.data.status = statusWithSandbox({ source: 'none' });
    bridge.data.providers = [unsetSandboxProvider];
    await store.getState().init();
  });

  it('saves the address, refetches app status and providers, then says so', async () => {
    const answer = deferred<Result<SandboxSetting>>();
    bridge.api.app.setSandbox.mockReturnValueOnce(answer.promise);
    const saving = store.getState().setSandbox('http://127.0.0.1:5000/');
    expect(store.getState().savingSandbox).toBe(true);
    expect(bridge.api.app.setSandbox).toHaveBeenCalledWith({ issuer: 'http://127.0.0.1:5000/' });
    // A second save while one is pending sends nothing.
    await expect(store.getState().setSandbox('http://127.0.0.1:6000')).resolves.toBe(false);
    expect(bridge.api.app.setSandbox).toHaveBeenCalledTimes(1);

    const saved: SandboxSetting = { issuer: 'http://127.0.0.1:5000', source: 'settings' };
    bridge.data.status = statusWithSandbox(saved);
    bridge.data.providers = [sandboxProvider];
    answer.resolve(ok(saved));
    await expect(saving).resolves.toBe(true);

    expect(bridge.api.app.status).toHaveBeenCalledTimes(2);
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(2);
    expect(store.getState().app?.sandbox).toEqual(saved);
    expect(store.getState().providers[0]?.available).toBe(true);
    expect(store.getState().savingSandbox).toBe(false);
    expect(store.getState().notice).toBe('The Sandbox now uses http://127.0.0.1:5000.');
    expect(store.getState().error).toBeNull();
  });

  it('clears it with null', async () => {
    bridge.data.status = statusWithSandbox({ issuer: 'http://127.0.0.1:5000', source: 'settings' });
    await expect(store.getState().setSandbox(null)).resolves.toBe(true);
    expect(bridge.api.app.setSandbox).toHaveBeenCalledWith({ issuer: null });
    expect(store.getState().app?.sandbox).toEqual({ source: 'none' });
    expect(store.getState().providers[0]?.available).toBe(false);
    expect(store.getState().notice).toBe('The Sandbox is no longer set up.');
  });

  it('reports a failure about the Sandbox and refetches nothing', async () => {
    bridge.api.app.setSandbox.mockResolvedValueOnce(fail('PROVIDER_UNREACHABLE'));
    await expect(store.getState().setSandbox('http://127.0.0.1:4999')).resolves.toBe(false);
    expect(store.getState()).toMatchObject({ errorProviderName: 'Sandbox', errorDuring: 'sandbox', savingSandbox: false, notice: null });
    expect(store.getState().error?.code).toBe('PROVIDER_UNREACHABLE');
    expect(bridge.api.app.status).toHaveBeenCalledTimes(1);
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(1);
  });

  it('refetches the app status when the environment fixes the address', async () => {
    bridge.data.status = readyStatus;
    await expect(store.getState().setSandbox('http://127.0.0.1:5000')).resolves.toBe(false);
    expect(store.getState().error).toMatchObject({ code: 'CHANGE_REFUSED', details: { reason: 'sandbox-from-environment' } });
    await expect.poll(() => store.getState().app?.sandbox.source).toBe('environment');
  });

  it('a rejected invoke becomes INTERNAL', async () => {
    bridge.api.app.setSandbox.mockRejectedValueOnce(new Error('ipc closed'));
    await expect(store.getState().setSandbox(null)).resolves.toBe(false);
    expect(store.getState().error?.code).toBe('INTERNAL');
    expect(store.getState().savingSandbox).toBe(false);
  });
});

describe('notices', () => {
  it('dismissing clears the error, the notice and the vault notice', () => {
    const state = store.getState();
    state.reportError({ code: 'INTERNAL', message: 'x' }, 'Sandbox');
    state.dismissError();
    state.showNotice('hello');
    state.dismissNotice();
    state.dismissVaultNotice();
    expect(store.getState()).toMatchObject({
      error: null,
      errorProviderName: null,
      notice: null,
      vaultNoticeDismissed: true,
    });
  });
});

describe('selection', () => {
  it('selects the first connection on the first list, and nothing when there is none', async () => {
    bridge.data.connections = [aliceConnection, bob];
    await store.getState().init();
    expect(store.getState().selectedId).toBe(aliceConnection.id);

    const empty = createAppStore();
    bridge.data.connections = [];
    await empty.getState().init();
    expect(empty.getState().selectedId).toBeNull();
    empty.getState().dispose();
  });

  it('keeps "Connect an account" chosen across refetches, and a selection while it exists', async () => {
    bridge.data.connections = [aliceConnection, bob];
    await store.getState().init();
    store.getState().select(bob.id);
    await store.getState().loadConnections();
    expect(store.getState().selectedId).toBe(bob.id);
    store.getState().select(null);
    await store.getState().loadConnections();
    expect(store.getState().selectedId).toBeNull();
  });

  it('moves to the connection now in its place when the selected one goes away', () => {
    const carol = { ...bob, id: 'conn-carol' };
    expect(nextSelection([aliceConnection, bob, carol], [aliceConnection, carol], bob.id, false)).toBe(carol.id);
    expect(nextSelection([aliceConnection, bob], [aliceConnection], bob.id, false)).toBe(aliceConnection.id);
    expect(nextSelection([aliceConnection], [], aliceConnection.id, false)).toBeNull();
  });
});

/** What the window says after a sign-in that did not simply add a connection. */
const answer = (connection: ConnectionView, signIn: SignedInView['signIn']): SignedInView => ({ ...connection, ...(signIn ? { signIn } : {}) });
const admin = { scope: 'files:admin', title: 'Manage files and who sees them' };

describe('a sign-in of an account already connected', () => {
  beforeEach(async () => {
    await store.getState().init();
  });

  it('Connect opens that connection with “Already connected”, nothing changed, and offers Add permissions for what it lacks', async () => {
    bridge.api.grants.connect.mockResolvedValueOnce(ok(answer(aliceConnection, { kind: 'already-connected', cameBack: [], notAdded: [admin] })));
    await store.getState().connect('sandbox');
    const state = store.getState();
    expect(state.selectedId).toBe(aliceConnection.id);
    expect(state.messagePlace).toBe(PLACES.connection(aliceConnection.id));
    expect(state.noticeTone).toBe('info');
    expect(state.notice).toBe(
      `Already connected: ${aliceConnection.account} was connected already, so nothing was changed. It does not have “Manage files and who sees them” (files:admin): to add it, use Add permissions.`,
    );
    // The connection in the list is the one the main process answered, without the sign-in's outcome.
    expect(state.connections.find((c) => c.id === aliceConnection.id)).not.toHaveProperty('signIn');
  });

  it('Add another account that signs in the same person again says what to do, beside the button, and selects nothing new', async () => {
    store.setState({ selectedId: null });
    bridge.api.grants.connect.mockResolvedValueOnce(ok(answer(aliceConnection, { kind: 'same-account', cameBack: [], notAdded: [] })));
    await store.getState().connect('sandbox', undefined, { anotherAccount: true });
    const state = store.getState();
    expect(state.messagePlace).toBe(PLACES.provider('sandbox'));
    expect(state.noticeTone).toBe('warning');
    expect(state.noticeFocus).toBe(true);
    expect(state.notice).toBe(
      `You signed in as ${aliceConnection.account} again. To add a different account, sign out of ${aliceConnection.account} at Sandbox in your browser, or use a private window, then try again.`,
    );
    expect(state.selectedId).toBeNull();
  });

  it('names each permission that came back after a sign-in that landed', async () => {
    bridge.api.grants.connect.mockResolvedValueOnce(ok(answer({ ...aliceConnection, notGranted: [], notGrantedScopes: [] }, { kind: 'signed-in-again', cameBack: [admin], notAdded: [] })));
    await store.getState().connect('sandbox');
    expect(store.getState().notice).toBe(`Sandbox is connected as ${aliceConnection.account}. Came back: “Manage files and who sees them” (files:admin).`);
  });
});
