// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { fail, offlineProvider, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

const atlassian: ProviderView = {
  ...offlineProvider,
  id: 'atlassian',
  name: 'Atlassian',
  unavailableReason: 'This build of Scopekeeper has no OAuth client for Atlassian.',
  appScopes: ['read:me', 'read:jira-work', 'offline_access'],
};

async function openSettings(providers: ProviderView[] = [sandboxProvider, offlineProvider]) {
  const rendered = renderWithBridge(<App />, { providers });
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  await act(async () => {});
  openSettingsAt('Providers and clients');
  return rendered;
}

const panel = (name: string) => screen.getByRole('form', { name: `Your own OAuth app for ${name}` });
const input = (name: string, label: RegExp) => within(panel(name)).getByLabelText(label) as HTMLInputElement;
const type = (name: string, label: RegExp, value: string) => fireEvent.change(input(name, label), { target: { value } });
const save = (name: string) => act(async () => within(panel(name)).getByRole('button', { name: 'Save OAuth app' }).click());

describe('Settings → Providers and clients', () => {
  it('says which client each provider signs in with, never a secret', async () => {
    await openSettings();
    const region = screen.getByRole('region', { name: 'Providers and clients' });
    expect(region.textContent).toContain('Signs in with this build’s OAuth app (client ID scopekeeper-sandbox, no secret).');
    expect(region.textContent).toContain('No OAuth client: Offline Co cannot be connected until you add your own.');
  });

  it('saves a client with a secret, then empties the secret field and shows the client as the person’s own', async () => {
    const { bridge } = await openSettings();
    type('Offline Co', /^Client ID/, '  my-app  ');
    type('Offline Co', /^Client secret/, 's3cret-value');
    await save('Offline Co');
    expect(bridge.api.providers.setClient).toHaveBeenCalledWith({ providerId: 'offline', clientId: 'my-app', clientSecret: 's3cret-value' });
    expect(input('Offline Co', /^Client secret/).value).toBe('');
    expect(screen.getByRole('region', { name: 'Providers and clients' }).textContent).toContain('Signs in with your own OAuth app (client ID my-app, secret saved).');
    // Said right beside Save, inside the form, with focus on it.
    const saved = within(panel('Offline Co')).getByRole('status');
    expect(saved.textContent).toBe('Offline Co now signs in with your own OAuth app.Dismiss');
    expect(document.activeElement).toBe(saved);
    expect(document.body.innerHTML).not.toContain('s3cret-value');
  });

  it('keeps a saved secret when the field is left empty, and removes it only when asked', async () => {
    const { bridge } = await openSettings();
    type('Offline Co', /^Client ID/, 'my-app');
    type('Offline Co', /^Client secret/, 'first');
    await save('Offline Co');
    await save('Offline Co');
    expect(bridge.api.providers.setClient).toHaveBeenLastCalledWith({ providerId: 'offline', clientId: 'my-app' });
    act(() => within(panel('Offline Co')).getByRole('checkbox', { name: 'Remove the saved secret' }).click());
    await save('Offline Co');
    expect(bridge.api.providers.setClient).toHaveBeenLastCalledWith({ providerId: 'offline', clientId: 'my-app', clientSecret: null });
  });

  it('refuses what the contract would refuse, says why next to the field, and sends nothing', async () => {
    const { bridge } = await openSettings([sandboxProvider, atlassian]);
    await save('Atlassian');
    expect(within(panel('Atlassian')).getByText('Enter the client ID the provider gave your app.')).toBeTruthy();
    expect(within(panel('Atlassian')).getByText(/accepts only one exact callback URL/)).toBeTruthy();
    type('Atlassian', /^Client ID/, 'abc');
    type('Atlassian', /^Fixed redirect port/, '80');
    await save('Atlassian');
    expect(within(panel('Atlassian')).getByText('Enter a port number from 1024 to 65535, or leave it empty for any port.')).toBeTruthy();
    expect(bridge.api.providers.setClient).not.toHaveBeenCalled();
  });

  it('shows the redirect URI to register with the fixed port typed, and the scopes to add', async () => {
    await openSettings([sandboxProvider, atlassian]);
    const details = document.getElementById('own-client-atlassian')!;
    expect(within(details).getByLabelText('Redirect URI to register').textContent).toBe('http://127.0.0.1/callback');
    type('Atlassian', /^Fixed redirect port/, '47123');
    expect(within(details).getByLabelText('Redirect URI to register').textContent).toBe('http://127.0.0.1:47123/callback');
    expect(within(details).getByText(/set the Callback URL under Authorization to http:\/\/127\.0\.0\.1:47123\/callback/)).toBeTruthy();
    expect(within(details).getByRole('link', { name: 'Open the Atlassian developer console' }).getAttribute('href')).toBe(
      'https://developer.atlassian.com/console/myapps/',
    );
    const scopes = within(details).getByRole('list', { name: 'Scopes to add for Atlassian' });
    expect(within(scopes).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['read:me', 'read:jira-work', 'offline_access']);
  });

  it('shows a failure from the main process next to the form, and keeps what was typed', async () => {
    const { bridge } = await openSettings();
    bridge.api.providers.setClient.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    type('Offline Co', /^Client ID/, 'my-app');
    await save('Offline Co');
    const failed = within(panel('Offline Co')).getByRole('alert');
    expect(failed.textContent).toMatch(/secure storage/);
    expect(document.activeElement).toBe(failed);
    expect(input('Offline Co', /^Client ID/).value).toBe('my-app');
  });

  it('goes back to the built-in client on request', async () => {
    const own = { ...sandboxProvider, client: { clientId: 'mine', hasSecret: true, source: 'own' as const } };
    const { bridge } = await openSettings([own]);
    bridge.api.providers.clearClient.mockImplementationOnce(async () => ({ ok: true, value: sandboxProvider }));
    await act(async () => within(panel('Sandbox')).getByRole('button', { name: 'Use the built-in app again' }).click());
    expect(bridge.api.providers.clearClient).toHaveBeenCalledWith({ providerId: 'sandbox' });
  });

  it('leads from a provider without a client to its form', async () => {
    renderWithBridge(<App />, { providers: [sandboxProvider, offlineProvider] });
    const link = await screen.findByRole('link', { name: 'Use your own OAuth app' });
    await act(async () => {
      window.location.hash = link.getAttribute('href')!;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const details = document.getElementById('own-client-offline') as HTMLDetailsElement;
    expect(details.open).toBe(true);
    expect(document.activeElement).toBe(details.querySelector('summary'));
  });
});
