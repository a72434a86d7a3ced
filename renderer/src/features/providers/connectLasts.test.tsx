// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView, ProviderView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { aliceConnection, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { App } from '../../App';
import { ProvidersSection } from './ProvidersSection';

afterEach(resetApp);

const howLong = () => screen.getByRole('combobox', { name: 'How long to connect Sandbox' }) as HTMLSelectElement;

describe('connecting for a while', () => {
  it('asks for nothing else by default, and carries the chosen time box or "just this session" to grants:connect', async () => {
    const { bridge } = renderWithBridge(<ProvidersSection />, { providers: [sandboxProvider] });
    await act(() => appStore.getState().init());
    expect(within(howLong()).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Until I take it back',
      'For 1 hour',
      'For 1 day',
      'For 7 days',
      'For 30 days',
      'Just this session',
    ]);
    await act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    expect(bridge.api.grants.connect).toHaveBeenLastCalledWith({ providerId: 'sandbox', scopes: ['contacts.read'] });
    fireEvent.change(howLong(), { target: { value: '1d' } });
    await act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    expect(bridge.api.grants.connect).toHaveBeenLastCalledWith({ providerId: 'sandbox', scopes: ['contacts.read'], lasts: '1d' });
    fireEvent.change(howLong(), { target: { value: 'session' } });
    await act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    expect(bridge.api.grants.connect).toHaveBeenLastCalledWith({ providerId: 'sandbox', scopes: ['contacts.read'], lasts: 'session' });
  });

  it('says why "just this session" is not offered for a provider that cannot end its tokens', async () => {
    const note = 'GitHub’s token does not expire and Scopekeeper cannot revoke it, so it cannot end this access when it quits.';
    const provider: ProviderView = { ...sandboxProvider, sessionOnly: { offered: false, note } };
    renderWithBridge(<ProvidersSection />, { providers: [provider] });
    await act(() => appStore.getState().init());
    expect((within(howLong()).getByRole('option', { name: 'Just this session' }) as HTMLOptionElement).disabled).toBe(true);
    expect(screen.getByText(note)).not.toBeNull();
  });
});

describe('the time left', () => {
  it('shows on the connection row, its header and the permission given for a while, from the end core keeps', async () => {
    const inOneDay = new Date(Date.now() + 24 * 3_600_000 - 30_000).toISOString();
    const inOneHour = new Date(Date.now() + 3_600_000 - 30_000).toISOString();
    const connection: ConnectionView = {
      ...aliceConnection,
      timeBox: { until: inOneDay, chosen: '1d' },
      granted: aliceConnection.granted.map((s, i) => (i === 0 ? { ...s, timeBox: { until: inOneHour, chosen: '1h' } } : s)),
    };
    renderWithBridge(<App />, { connections: [connection] });
    const detail = await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
    expect(screen.getByRole('option', { name: /Expires in 23 h$/ })).not.toBeNull();
    expect(within(detail).getByText(/Removed when its time is up/).textContent).toBe('Removed when its time is up: Expires in 23 h');
    const first = within(detail).getByRole('listitem', { name: aliceConnection.granted[0]!.title });
    expect(within(first).getByText('Expires in 59 min')).not.toBeNull();
  });
});
