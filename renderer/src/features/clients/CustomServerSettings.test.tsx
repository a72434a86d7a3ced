// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { customProvider, fail, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

const acme: ProviderView = { ...customProvider, server: { issuer: 'https://login.acme.test' }, client: { clientId: 'scopekeeper', hasSecret: true, source: 'own' } };

async function openSettings(providers: ProviderView[] = [sandboxProvider, acme]) {
  const rendered = renderWithBridge(<App />, { providers });
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  await act(async () => {});
  openSettingsAt('Providers and clients');
  return rendered;
}

describe('Settings → a server the person added', () => {
  it('edits it with what is saved filled in, keeping the saved secret when the field stays empty', async () => {
    const { bridge } = await openSettings();
    const form = screen.getByRole('form', { name: 'Edit Acme Login' });
    expect((within(form).getByLabelText('Issuer URL') as HTMLInputElement).value).toBe('https://login.acme.test');
    expect((within(form).getByLabelText('Client secret (optional)') as HTMLInputElement).value).toBe('');
    expect(within(form).getByText('A secret is saved. Leave this empty to keep it (for the same client ID).')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Acme SSO' } });
    await act(async () => within(form).getByRole('button', { name: 'Save server' }).click());
    expect(bridge.api.providers.editServer).toHaveBeenCalledWith({ providerId: acme.id, name: 'Acme SSO', issuer: 'https://login.acme.test', clientId: 'scopekeeper' });
    expect(screen.getByRole('status').textContent).toBe('Acme SSO was saved.Dismiss');
  });

  it('switches to endpoints typed in and checks them before sending', async () => {
    const { bridge } = await openSettings();
    const form = screen.getByRole('form', { name: 'Edit Acme Login' });
    act(() => within(form).getByRole('radio', { name: /Typed in/ }).click());
    await act(async () => within(form).getByRole('button', { name: 'Save server' }).click());
    expect(within(form).getByText(/Enter the authorization endpoint/)).toBeTruthy();
    expect(within(form).getByText(/Enter the token endpoint/)).toBeTruthy();
    expect(bridge.api.providers.editServer).not.toHaveBeenCalled();
  });

  it('says next to the button why it was not removed', async () => {
    const { bridge } = await openSettings();
    bridge.api.providers.removeServer.mockResolvedValueOnce(fail('CHANGE_REFUSED', { reason: 'server-in-use' }));
    await act(async () => screen.getByRole('button', { name: 'Remove Acme Login' }).click());
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^Acme Login still has saved connections, so it was not removed\. Remove its connections first, then the server\./);
    expect(document.activeElement).toBe(alert);
    await act(async () => screen.getByRole('button', { name: 'Remove Acme Login' }).click());
    expect(screen.queryByRole('button', { name: 'Remove Acme Login' })).toBeNull();
    // Its own place went with it: said under the list, with focus there.
    const removed = screen.getByRole('status');
    expect(removed.textContent).toBe('Acme Login was removed.Dismiss');
    expect(document.activeElement).toBe(removed);
  });
});

describe('adding a server by its endpoints', () => {
  it('sends the endpoints and the secret, leaving out what was left blank', async () => {
    const { bridge } = await openSettings([sandboxProvider]);
    const form = screen.getByRole('form', { name: 'Add an OAuth or OpenID server' });
    act(() => within(form).getByRole('radio', { name: /Typed in/ }).click());
    const type = (label: string, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
    type('Name', 'Legacy');
    type('Authorization endpoint', 'https://legacy.test/oauth/authorize');
    type('Token endpoint', 'https://legacy.test/oauth/token');
    type('Client ID', 'sk');
    type('Client secret (optional)', 'hunter2');
    await act(async () => within(form).getByRole('button', { name: 'Add server' }).click());
    expect(bridge.api.providers.add).toHaveBeenCalledWith({
      name: 'Legacy',
      endpoints: { authorization: 'https://legacy.test/oauth/authorize', token: 'https://legacy.test/oauth/token' },
      clientId: 'sk',
      clientSecret: 'hunter2',
    });
  });
});
