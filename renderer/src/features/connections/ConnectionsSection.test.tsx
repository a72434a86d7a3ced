// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appStore } from '../../store';
import { aliceConnection } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ConnectionsSection } from './ConnectionsSection';

afterEach(resetApp);

async function renderLoaded(connections = [aliceConnection]) {
  const rendered = renderWithBridge(<ConnectionsSection />, { connections });
  await act(() => appStore.getState().init());
  return rendered;
}

describe('ConnectionsSection', () => {
  it('shows a connection with its granted scopes and the one that was not granted', async () => {
    await renderLoaded();

    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
    expect(within(article).getByRole('heading', { name: 'Sandbox' })).toBeTruthy();
    expect(within(article).getByText('alice@example.test')).toBeTruthy();

    const time = article.querySelector('time');
    expect(time?.getAttribute('dateTime')).toBe('2025-03-01T10:15:00.000Z');
    expect(time?.textContent).toBe(new Date('2025-03-01T10:15:00.000Z').toLocaleString());
    expect(time?.parentElement?.textContent).toMatch(/^Connected /);

    // Grouped by category, one list each, each row collapsed to its title with the code in small print.
    const groups = within(article).getAllByRole('list', { name: /^Granted permissions: / });
    expect(groups.map((ul) => ul.getAttribute('aria-label'))).toEqual(['Granted permissions: Identity', 'Granted permissions: Contacts']);
    const rows = groups.flatMap((ul) => within(ul).getAllByRole('listitem'));
    expect(rows.map((li) => li.getAttribute('aria-label'))).toEqual([
      'Know it is you',
      'See your basic profile',
      'See your contacts',
    ]);
    expect(rows.map((li) => li.querySelector('code')?.textContent)).toEqual(['openid', 'profile', 'contacts.read']);
    for (const ul of groups) expect(within(ul).queryByText('Not granted')).toBeNull();

    // The summary comes first, in the detail and in the sidebar.
    expect(within(article).getByText('3 permissions · 1 sensitive')).toBeTruthy();
    const option = screen.getByRole('option', { name: /^Sandbox: alice@example\.test(,|$)/ });
    expect(option.textContent).toContain('3 permissions · 1 sensitive');
    expect(option.textContent).toContain('Partial');

    const notGranted = within(article).getByRole('list', { name: 'Asked for but not granted' });
    const items = within(notGranted).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(within(items[0]!).getByText('contacts.write')).toBeTruthy();
    expect(within(items[0]!).getByText('Edit your contacts')).toBeTruthy();
    expect(within(items[0]!).getByText('Not granted')).toBeTruthy();
  });

  it('leaves out the not-granted list when everything was granted', async () => {
    await renderLoaded([{ ...aliceConnection, notGrantedScopes: [], notGranted: [] }]);
    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
    expect(within(article).queryByRole('list', { name: 'Asked for but not granted' })).toBeNull();
  });

  it('says so when nothing is connected yet', async () => {
    await renderLoaded([]);
    expect(screen.getByText('No accounts connected yet.')).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
    // With nothing to show, the pane offers to connect one.
    expect(screen.getByRole('heading', { name: 'Connect an account' })).toBeTruthy();
  });

  it('one Tab stop for the whole list: the arrow keys, Home and End move the selection, and the detail follows', async () => {
    const bob = { ...aliceConnection, id: 'conn-bob', account: 'bob@example.test' };
    const carol = { ...aliceConnection, id: 'conn-carol', account: 'carol@example.test' };
    await renderLoaded([aliceConnection, bob, carol]);
    const listbox = screen.getByRole('listbox', { name: 'Connected accounts' });
    expect(listbox.tabIndex).toBe(0);
    for (const option of within(listbox).getAllByRole('option')) expect(option.hasAttribute('tabindex')).toBe(false);

    act(() => listbox.focus());
    expect(listbox.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: /^Sandbox: alice@example\.test(,|$)/ }).id);
    act(() => void fireEvent.keyDown(listbox, { key: 'ArrowDown' }));
    expect(await screen.findByRole('article', { name: 'Sandbox: bob@example.test' })).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(1);
    act(() => void fireEvent.keyDown(listbox, { key: 'End' }));
    expect(screen.getByRole('option', { name: /^Sandbox: carol@example\.test(,|$)/ }).getAttribute('aria-selected')).toBe('true');
    act(() => void fireEvent.keyDown(listbox, { key: 'ArrowDown' }));
    expect(await screen.findByRole('article', { name: 'Sandbox: carol@example.test' })).toBeTruthy();
    act(() => void fireEvent.keyDown(listbox, { key: 'Home' }));
    expect(await screen.findByRole('article', { name: 'Sandbox: alice@example.test' })).toBeTruthy();
    expect(document.activeElement).toBe(listbox);
  });

  it('asks before forgetting; Keep changes nothing, Forget removes the connection', async () => {
    const { bridge } = await renderLoaded();
    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });

    act(() => within(article).getByRole('button', { name: 'Forget…' }).click());
    const dialog = screen.getByRole('dialog', { name: 'Forget alice@example.test on this computer?' });
    expect(dialog.textContent).toContain(
      "Scopekeeper deletes its saved tokens here. The provider still remembers the permissions you granted; remove them in the provider's settings.",
    );
    // It opens at the top, with focus on its title.
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Forget alice@example.test on this computer?' }));

    act(() => within(dialog).getByRole('button', { name: 'Keep' }).click());
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(bridge.api.grants.forget).not.toHaveBeenCalled();

    // Escape: the browser fires `cancel` on the dialog, then closes it.
    act(() => within(article).getByRole('button', { name: 'Forget…' }).click());
    expect(dialog.hasAttribute('open')).toBe(true);
    act(() => {
      dialog.dispatchEvent(new Event('cancel'));
    });
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(bridge.api.grants.forget).not.toHaveBeenCalled();

    act(() => within(article).getByRole('button', { name: 'Forget…' }).click());
    expect(dialog.hasAttribute('open')).toBe(true);
    bridge.data.connections = [];
    await act(async () => within(dialog).getByRole('button', { name: 'Forget' }).click());

    expect(bridge.api.grants.forget).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
    expect(screen.queryByRole('article')).toBeNull();
    expect(await screen.findByText('No accounts connected yet.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Connected accounts' }));
  });
});

describe('Removed connections, from the sidebar', () => {
  const removed = {
    connectionId: 'conn-bob',
    providerId: 'github',
    providerName: 'GitHub',
    account: '@bob',
    removedAt: '2025-03-02T09:00:00.000Z',
    history: [{ at: '2025-03-01T09:00:00.000Z', kind: 'connected' as const, scopes: ['repo'], message: 'Connected with 1 permissions.' }],
  };

  it('is an entry "Removed (n)" that shows their history in the pane, not under Connect an account', async () => {
    renderWithBridge(<ConnectionsSection />, { connections: [aliceConnection], removedConnections: [removed] });
    await act(() => appStore.getState().init());
    fireEvent.click(screen.getByRole('button', { name: 'Connect an account' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Connect an account' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Removed connections' })).toBeNull();

    const entry = screen.getByRole('button', { name: 'Removed (1)' });
    fireEvent.click(entry);
    expect(await screen.findByRole('article', { name: 'Removed connection: GitHub, @bob' })).toBeTruthy();
    expect(entry.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'Connect an account' }).getAttribute('aria-current')).toBeNull();

    // Choosing a connection, then Connect an account, leaves the removed ones.
    fireEvent.click(screen.getByRole('option', { name: /^Sandbox: alice@example\.test/ }));
    expect(await screen.findByRole('article', { name: 'Sandbox: alice@example.test' })).toBeTruthy();
    expect(entry.getAttribute('aria-current')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect an account' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Connect an account' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Removed connections' })).toBeNull();
  });

  it('is not offered while nothing was removed', async () => {
    await renderLoaded();
    expect(screen.queryByRole('button', { name: /^Removed/ })).toBeNull();
  });
});
