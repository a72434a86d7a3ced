import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { ChangeOutcome, ConnectionView, ExportFile } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { setBridgeForTests } from '../bridge';
import { aliceConnection, changePlan, createFakeBridge, deferred, explained, fail, ok } from '../testing/fakeBridge';
import type { FakeBridge } from '../testing/fakeBridge';
import { createAppStore } from './appStore';
import { CHANGE_CANCELLED_NOTICE, isChangeBusy } from './changesSlice';
import { listItemOf } from './connectionList';
import type { AppState } from './types';

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

const disconnected: ConnectionView = {
  ...aliceConnection,
  state: 'disconnected',
  grantedScopes: [],
  granted: [],
  notGrantedScopes: [],
  notGranted: [],
  restore: [explained('openid', { category: 'identity' }), explained('contacts.read')],
};

/** Plans a removal and leaves it waiting for confirmation. */
async function planned(): Promise<string> {
  await store.getState().planChange(aliceConnection.id, { remove: ['contacts.read'] });
  const plan = store.getState().plan;
  if (plan === null) throw new Error('no plan');
  return plan.planId;
}

describe('planning', () => {
  it('asks for exactly what was clicked and shows the plan, applying nothing', async () => {
    await store.getState().planChange(aliceConnection.id, { remove: ['contacts.read'] });
    expect(bridge.api.grants.planChange).toHaveBeenCalledWith({ connectionId: aliceConnection.id, remove: ['contacts.read'] });
    expect(store.getState().changeStatus).toBe('confirming');
    expect(store.getState().plan?.remove.map((s) => s.scope)).toEqual(['contacts.read']);
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();

    store.getState().dismissPlan();
    await store.getState().planChange(aliceConnection.id, { add: ['contacts.write'] });
    expect(bridge.api.grants.planChange).toHaveBeenLastCalledWith({ connectionId: aliceConnection.id, add: ['contacts.write'] });
  });

  it('plans actions and disconnects with their own calls', async () => {
    await store.getState().planAction(aliceConnection.id, 'edit-contacts', true);
    expect(bridge.api.grants.planAction).toHaveBeenCalledWith({ connectionId: aliceConnection.id, actionId: 'edit-contacts', enable: true });
    store.getState().dismissPlan();
    await store.getState().planDisconnect(aliceConnection.id);
    expect(bridge.api.grants.planDisconnect).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
    expect(store.getState().plan?.kind).toBe('disconnect');
  });

  it('dismissing drops the plan and never applies it', async () => {
    await planned();
    store.getState().dismissPlan();
    expect(store.getState()).toMatchObject({ plan: null, changeStatus: 'idle' });
    await store.getState().confirmPlan();
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();
  });

  it('a refused plan shows the error as a change, with the provider, and refetches', async () => {
    bridge.api.grants.planAction.mockResolvedValueOnce(fail('CHANGE_REFUSED'));
    await store.getState().planAction(aliceConnection.id, 'sign-in', false);
    expect(store.getState()).toMatchObject({ plan: null, changeStatus: 'idle', errorProviderName: 'Sandbox', errorDuring: 'change' });
    expect(store.getState().error?.code).toBe('CHANGE_REFUSED');
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(2);
  });

  it('plans nothing while a sign-in runs, or while another change waits', async () => {
    bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-callback' });
    await store.getState().planChange(aliceConnection.id, { remove: ['contacts.read'] });
    expect(bridge.api.grants.planChange).not.toHaveBeenCalled();

    bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'cancelled' });
    await planned();
    await store.getState().planDisconnect(aliceConnection.id);
    expect(bridge.api.grants.planDisconnect).not.toHaveBeenCalled();
  });
});

describe('applying', () => {
  it('applies only on confirm, shows progress of its own plan, then the outcome, and refetches', async () => {
    const planId = await planned();
    const answer = deferred<Result<ChangeOutcome>>();
    bridge.api.grants.applyPlan.mockReturnValueOnce(answer.promise);

    const applying = store.getState().confirmPlan();
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledWith({ planId });
    expect(store.getState().changeStatus).toBe('applying');
    expect(isChangeBusy(store.getState())).toBe(true);

    bridge.emitChangeProgress({ planId, step: 0, of: 2, description: 'Revoking', state: 'running' });
    expect(store.getState().changeProgress).toMatchObject({ step: 0, of: 2, description: 'Revoking' });
    bridge.emitChangeProgress({ planId: 'someone-else', step: 1, of: 2, description: 'Other', state: 'running' });
    expect(store.getState().changeProgress?.description).toBe('Revoking');

    answer.resolve(ok({ connection: aliceConnection, message: 'Sandbox no longer grants See your contacts.', notGranted: [] }));
    await applying;
    expect(store.getState()).toMatchObject({ plan: null, changeStatus: 'idle', changeProgress: null, error: null });
    expect(store.getState().notice).toBe('Sandbox no longer grants See your contacts.');
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(2);

    // A late event, after the answer, changes nothing.
    bridge.emitChangeProgress({ planId, step: 1, of: 2, description: 'Late', state: 'done' });
    expect(store.getState().changeProgress).toBeNull();
  });

  it('confirming twice applies once', async () => {
    await planned();
    const first = store.getState().confirmPlan();
    await store.getState().confirmPlan();
    await first;
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledTimes(1);
  });

  it('shows the sign-in step as a cancellable flow; a cancel ends as a neutral notice and the new state', async () => {
    const planId = await planned();
    const answer = deferred<Result<ChangeOutcome>>();
    bridge.api.grants.applyPlan.mockReturnValueOnce(answer.promise);
    const applying = store.getState().confirmPlan();

    bridge.emitChangeProgress({ planId, step: 1, of: 2, description: 'Your browser opens', state: 'running' });
    bridge.emitFlowProgress({ flowId: 'f7', providerId: 'sandbox', stage: 'waiting-for-callback' });
    expect(store.getState().flow).toMatchObject({ origin: 'change', providerName: 'Sandbox', flowId: 'f7' });

    await store.getState().cancelFlow();
    expect(bridge.api.grants.cancelFlow).toHaveBeenCalledTimes(1);
    bridge.emitFlowProgress({ flowId: 'f7', providerId: 'sandbox', stage: 'cancelled', error: { code: 'AUTH_CANCELLED', message: 'x' } });
    expect(store.getState().flow).toBeNull();
    // The flow's own end says nothing; the change's answer does.
    expect(store.getState().notice).toBeNull();

    bridge.data.connections = [disconnected];
    answer.resolve(fail('AUTH_CANCELLED'));
    await applying;
    expect(store.getState().error).toBeNull();
    expect(store.getState().notice).toBe(CHANGE_CANCELLED_NOTICE);
    expect(CHANGE_CANCELLED_NOTICE).toBe('The change was cancelled in the browser.');
    expect(store.getState().connections).toEqual([disconnected].map(listItemOf));
    expect(store.getState().connectionDetails.get(disconnected.id)).toEqual(disconnected);
  });

  it('a failure shows the error about the change and refetches the connection', async () => {
    await planned();
    bridge.api.grants.applyPlan.mockResolvedValueOnce(fail('PROVIDER_UNREACHABLE'));
    await store.getState().confirmPlan();
    expect(store.getState().error?.code).toBe('PROVIDER_UNREACHABLE');
    expect(store.getState()).toMatchObject({ errorProviderName: 'Sandbox', errorDuring: 'change', notice: null, changeStatus: 'idle' });
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(2);
  });

  it('clears a change sign-in panel the answer overtook', async () => {
    await planned();
    const answer = deferred<Result<ChangeOutcome>>();
    bridge.api.grants.applyPlan.mockReturnValueOnce(answer.promise);
    const applying = store.getState().confirmPlan();
    bridge.emitFlowProgress({ flowId: 'f7', providerId: 'sandbox', stage: 'exchanging-code' });
    answer.resolve(fail('AUTH_DENIED'));
    await applying;
    expect(store.getState().flow).toBeNull();
    expect(store.getState().error?.code).toBe('AUTH_DENIED');
  });

  it('keeps Connect from starting a sign-in while a change is applied', async () => {
    await planned();
    const answer = deferred<Result<ChangeOutcome>>();
    bridge.api.grants.applyPlan.mockReturnValueOnce(answer.promise);
    const applying = store.getState().confirmPlan();
    await store.getState().connect('sandbox');
    expect(bridge.api.grants.connect).not.toHaveBeenCalled();
    answer.resolve(ok({ connection: null, message: 'Removed.', notGranted: [] }));
    await applying;
  });
});

describe('reconnect', () => {
  beforeEach(async () => {
    bridge.data.connections = [disconnected];
    await store.getState().loadConnections();
  });

  it('signs in again through the flow panel, then says so and refetches', async () => {
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.reconnect.mockReturnValueOnce(answer.promise);
    const reconnecting = store.getState().reconnect(disconnected.id);
    expect(bridge.api.grants.reconnect).toHaveBeenCalledWith({ connectionId: disconnected.id });
    expect(store.getState().flow).toMatchObject({ origin: 'here', providerName: 'Sandbox', stage: 'opening-browser' });

    bridge.data.connections = [aliceConnection];
    answer.resolve(ok(aliceConnection));
    await reconnecting;
    expect(store.getState().flow).toBeNull();
    expect(store.getState().notice).toBe('Sandbox is connected again as alice@example.test.');
    expect(store.getState().connections).toEqual([aliceConnection].map(listItemOf));
  });

  it('a cancelled reconnect says the connection stays disconnected', async () => {
    bridge.api.grants.reconnect.mockResolvedValueOnce(fail('AUTH_CANCELLED'));
    await store.getState().reconnect(disconnected.id);
    expect(store.getState().error).toBeNull();
    expect(store.getState().notice).toBe('Sign-in cancelled. alice@example.test on Sandbox is still disconnected.');
  });
});

describe('export', () => {
  it('resolves the file the main process wrote', async () => {
    const file: ExportFile = { filename: 'perms.csv', mimeType: 'text/csv', content: 'a,b' };
    bridge.api.grants.export.mockResolvedValueOnce(ok(file));
    await expect(store.getState().exportPermissions('csv')).resolves.toEqual(file);
    expect(bridge.api.grants.export).toHaveBeenCalledWith({ format: 'csv' });
    expect(store.getState().exporting).toBe(false);
  });

  it('resolves null and shows the error when it fails', async () => {
    bridge.api.grants.export.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    await expect(store.getState().exportPermissions('json')).resolves.toBeNull();
    expect(store.getState().error?.code).toBe('VAULT_LOCKED');
  });
});

describe('the fake main process', () => {
  it('applies the plans it handed out, once', async () => {
    const planId = await planned();
    expect(bridge.pendingPlans().map((p) => p.planId)).toEqual([planId]);
    await store.getState().confirmPlan();
    expect(bridge.pendingPlans()).toEqual([]);
    expect(store.getState().connections[0]?.grantedScopes).toEqual(['openid', 'profile']);
    await expect(bridge.api.grants.applyPlan({ planId })).resolves.toMatchObject({ ok: false });
    expect(changePlan().planId).toBe('plan-1');
  });
});
