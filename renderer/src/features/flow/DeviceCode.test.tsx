// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/errors';
import { App } from '../../App';
import { aliceConnection, deferred, fail, ok, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

const CODE = { userCode: 'WDJB-MJHT', verificationUri: 'http://127.0.0.1:4890/device', expiresAt: '2026-11-30T12:00:00.000Z' };

async function startWithCode() {
  const rendered = renderWithBridge(<App />, { providers: [sandboxProvider] });
  const answer = deferred<Result<ConnectionView>>();
  rendered.bridge.api.grants.connect.mockReturnValueOnce(answer.promise);
  const button = await screen.findByRole('button', { name: 'Connect with a code: Sandbox' });
  act(() => button.click());
  return { ...rendered, answer };
}

describe('connecting with a code', () => {
  it('asks for a device sign-in, shows the code and where to enter it, and opens the page on request', async () => {
    const { bridge, answer } = await startWithCode();
    expect(bridge.api.grants.connect).toHaveBeenCalledWith({ providerId: 'sandbox', scopes: ['contacts.read'], method: 'device' });
    const panel = screen.getByRole('status', { name: 'Connect Sandbox with a code' });
    expect(panel.textContent).toContain('Asking Sandbox for a code…');

    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-device', device: CODE }));
    expect(within(panel).getByRole('group', { name: 'Code to enter' }).textContent).toBe('WDJB-MJHT');
    expect(within(panel).getByRole('group', { name: 'Address to open' }).textContent).toBe(CODE.verificationUri);
    expect(panel.textContent).toContain('Waiting for you to enter the code…');

    await act(async () => within(panel).getByRole('button', { name: 'Open Sandbox’s page' }).click());
    expect(bridge.api.grants.openDevicePage).toHaveBeenCalledTimes(1);

    bridge.data.connections = [aliceConnection];
    await act(async () => answer.resolve(ok(aliceConnection)));
    expect(screen.queryByRole('status', { name: 'Connect Sandbox with a code' })).toBeNull();
    expect(screen.getByRole('status').textContent).toContain(`Sandbox is connected as ${aliceConnection.account}.`);
  });

  it('moves focus to the code’s heading when the code appears, not to Cancel', async () => {
    const { bridge } = await startWithCode();
    const panel = screen.getByRole('status', { name: 'Connect Sandbox with a code' });
    // While the code is on its way, focus is on the panel's title (the button clicked is disabled).
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Connect Sandbox with a code' }));

    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-device', device: CODE }));
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Enter this code on Sandbox’s page' }));
    // A later progress event (the same code) leaves focus where the person put it.
    const cancel = within(panel).getByRole('button', { name: 'Cancel' });
    act(() => cancel.focus());
    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-device', device: CODE }));
    expect(document.activeElement).toBe(cancel);
  });

  it('cancels from the panel, and says nothing was connected', async () => {
    const { bridge, answer } = await startWithCode();
    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-device', device: CODE }));
    await act(async () => screen.getByRole('button', { name: 'Cancel' }).click());
    expect(bridge.api.grants.cancelFlow).toHaveBeenCalledTimes(1);
    await act(async () => answer.resolve(fail('AUTH_CANCELLED')));
    expect(screen.getByRole('status').textContent).toContain('Sign-in cancelled. Nothing was connected.');
  });

  it('offers no code button for a provider that has no device flow', async () => {
    renderWithBridge(<App />, { providers: [{ ...sandboxProvider, deviceFlow: false }] });
    await screen.findByRole('button', { name: 'Connect Sandbox' });
    expect(screen.queryByRole('button', { name: 'Connect with a code: Sandbox' })).toBeNull();
  });
});
