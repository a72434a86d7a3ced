import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { ConnectionView, SignedInView } from '../../../shared/ipc/contract';
import { setBridgeForTests } from '../bridge';
import { aliceConnection, createFakeBridge, ok, type FakeBridge } from '../testing/fakeBridge';
import { createAppStore } from './appStore';
import { PLACES } from './places';
import type { AppState } from './types';

/** What the window says after a sign-in that did not simply add a connection. */
let bridge: FakeBridge;
let store: StoreApi<AppState>;
beforeEach(async () => {
  bridge = createFakeBridge({ connections: [aliceConnection] });
  setBridgeForTests(bridge.api);
  store = createAppStore();
  await store.getState().init();
});
afterEach(() => {
  store.getState().dispose();
  setBridgeForTests(null);
});

const answer = (connection: ConnectionView, signIn: SignedInView['signIn']): SignedInView => ({ ...connection, ...(signIn ? { signIn } : {}) });
const admin = { scope: 'files:admin', title: 'Manage files and who sees them' };

describe('a sign-in of an account already connected', () => {
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
