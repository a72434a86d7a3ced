// @vitest-environment happy-dom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView, ProviderView } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { appStore } from '../../store';
import { aliceConnection, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(() => resetApp());

const acme: ProviderView = { ...sandboxProvider, id: 'acme', name: 'Acme Cloud' };
const sam: ConnectionView = { ...aliceConnection, id: 'conn-sam', account: 'sam@example.test' };
const bob: ConnectionView = { ...aliceConnection, id: 'conn-bob', providerId: 'acme', providerName: 'Acme Cloud', account: 'bob@acme.test' };

async function openSettings() {
  const rendered = renderWithBridge(<App />, { providers: [sandboxProvider, acme], connections: [aliceConnection, sam, bob] });
  await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
  openSettingsAt('Remove all');
  await screen.findByRole('heading', { level: 3, name: 'Remove all' });
  return rendered;
}

const button = (name: string) => screen.getByRole('button', { name });
const status = () => within(resultsOf()).getByRole('status');
const alert = () => within(resultsOf()).getByRole('alert');
const resultsOf = () => screen.getByRole('heading', { level: 3, name: 'Remove all' }).closest('section')!.querySelector<HTMLElement>('.remove-all-results')!;
const resultRows = () => within(screen.getByRole('list', { name: 'Remove all results' })).getAllByRole('listitem').map((li) => li.textContent);

describe('Settings → Remove all', () => {
  it('lists every connection with what happens at its provider; Keep them changes nothing', async () => {
    const { bridge } = await openSettings();
    act(() => button('Remove all connections…').click());
    const dialog = await screen.findByRole('dialog', { name: 'Remove all 3 connections?' });
    const items = within(within(dialog).getByRole('list', { name: 'What happens to each connection' })).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual(['Sandbox: alice@example.test', 'Sandbox: sam@example.test', 'Acme Cloud: bob@acme.test']);
    expect(items[2]?.textContent).toContain('Revoked through Acme Cloud’s API');
    expect(items[2]?.textContent).toContain('Scopekeeper asks Acme Cloud to revoke all of its access.');

    act(() => within(dialog).getByRole('button', { name: 'Keep them' }).click());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.api.grants.applyRemoveAll).not.toHaveBeenCalled();
    expect(bridge.data.connections).toHaveLength(3);
    expect(within(resultsOf()).queryByRole('status')).toBeNull();
  });

  it('removes one by one with progress, keeps a failure visible with its reason, and never starts a second run', async () => {
    const { bridge } = await openSettings();
    bridge.removeAll.failures.set('conn-bob', { code: 'PROVIDER_ERROR', message: 'revocation failed', details: { error: 'temporarily_unavailable' } });
    let release!: () => void;
    bridge.removeAll.holds.set('conn-sam', new Promise((resolve) => (release = resolve)));
    act(() => button('Remove all connections…').click());
    const dialog = await screen.findByRole('dialog', { name: 'Remove all 3 connections?' });
    act(() => within(dialog).getByRole('button', { name: 'Remove all' }).click());

    // The first is done and says so while the second is being removed.
    await waitFor(() => expect(status().textContent).toBe('Removing 2 of 3 …'));
    expect(document.activeElement).toBe(resultsOf());
    expect(resultRows()).toEqual([
      'Sandbox: alice@example.testRemoved. Sandbox revoked Scopekeeper’s access; the connection is removed.',
      'Sandbox: sam@example.testRemoving …',
      'Acme Cloud: bob@acme.testWaiting',
    ]);
    // A second confirmation while the run goes starts nothing; the buttons that would are disabled.
    await act(() => appStore.getState().confirmRemoveAll());
    expect((button('Remove all connections…') as HTMLButtonElement).disabled).toBe(true);
    expect((button('Remove all Sandbox connections…') as HTMLButtonElement).disabled).toBe(true);

    await act(async () => release());
    await waitFor(() => expect(alert().textContent).toBe('Removed 2 of 3 connections; 1 connection could not be removed and is still saved.'));
    expect(bridge.api.grants.applyRemoveAll).toHaveBeenCalledTimes(1);
    expect(status().textContent).toBe('');
    expect(resultRows()).toEqual([
      'Sandbox: alice@example.testRemoved. Sandbox revoked Scopekeeper’s access; the connection is removed.',
      'Sandbox: sam@example.testRemoved. Sandbox revoked Scopekeeper’s access; the connection is removed.',
      expect.stringMatching(/^Acme Cloud: bob@acme\.testNot removed: still saved here\. Acme Cloud returned an error, so nothing was changed\. It said: temporarily_unavailable\./),
    ]);
    await waitFor(() => expect(appStore.getState().connections.map((c) => c.id)).toEqual(['conn-bob']));
  });

  it('per provider: plans only that provider’s connections', async () => {
    const { bridge } = await openSettings();
    act(() => button('Remove all Sandbox connections…').click());
    const dialog = await screen.findByRole('dialog', { name: 'Remove all 2 Sandbox connections?' });
    expect(bridge.api.grants.planRemoveAll).toHaveBeenCalledWith({ providerId: 'sandbox' });
    act(() => within(dialog).getByRole('button', { name: 'Remove all' }).click());
    await waitFor(() => expect(status().textContent).toBe('Removed 2 connections.'));
    expect(bridge.data.connections.map((c) => c.id)).toEqual(['conn-bob']);
  });
});
