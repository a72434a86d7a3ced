// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { aliceConnection, explained } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ConnectionsSection } from './ConnectionsSection';

afterEach(resetApp);

const bobGranted = [
  explained('calendar.read', { title: 'See your calendar', category: 'calendar' }),
  explained('events.write', { title: 'Change events', category: 'calendar' }),
  // The sentence mentions the calendar, but the title, scope and category do not: no match.
  explained('mail.send', { title: 'Send email', sentence: 'Lets the app send calendar invitations by email.', category: 'mail' }),
  explained('tasks.calendarsync', { title: 'Sync tasks', category: 'tasks' }),
];
const bob: ConnectionView = {
  ...aliceConnection,
  id: 'conn-bob',
  providerName: 'Sandbox',
  account: 'bob@example.test',
  grantedScopes: bobGranted.map((s) => s.scope),
  granted: bobGranted,
};

async function renderLoaded() {
  renderWithBridge(<ConnectionsSection />, { connections: [aliceConnection, bob] });
  await act(() => appStore.getState().init());
}

const search = () => screen.getByRole('searchbox', { name: 'Search permissions' });
const type = (text: string) => fireEvent.change(search(), { target: { value: text } });
const card = (account: string) => screen.getByRole('article', { name: `Sandbox: ${account}` });
const grantedCodes = (account: string) =>
  within(card(account))
    .queryAllByRole('listitem')
    .filter((li) => li.closest('ul')?.getAttribute('aria-label') === 'Granted permissions')
    .map((li) => li.querySelector('code')?.textContent);

describe('Search permissions', () => {
  it('filters the granted scopes of every connection by title, raw scope or category', async () => {
    await renderLoaded();
    expect((search() as HTMLInputElement).type).toBe('search');
    expect(screen.queryByText(/^Showing /)).toBeNull();

    type('CALENDAR');
    expect(grantedCodes('bob@example.test')).toEqual(['calendar.read', 'events.write', 'tasks.calendarsync']);
    const alice = card('alice@example.test');
    expect(within(alice).queryByRole('list', { name: 'Granted permissions' })).toBeNull();
    expect(within(alice).getByText('No permissions match “CALENDAR”.')).toBeTruthy();
    expect(screen.getByText('Showing 3 of 7 permissions')).toBeTruthy();

    // Not filtered: what was not granted, and the actions.
    const notGranted = within(alice).getByRole('list', { name: 'Asked for but not granted' });
    expect(within(notGranted).getByText('contacts.write')).toBeTruthy();
    expect(within(within(alice).getByRole('list', { name: 'What this connection can do' })).getAllByRole('listitem')).toHaveLength(2);

    type('contacts.read');
    expect(grantedCodes('alice@example.test')).toEqual(['contacts.read']);
    expect(within(card('bob@example.test')).getByText('No permissions match “contacts.read”.')).toBeTruthy();
    expect(screen.getByText('Showing 1 of 7 permissions')).toBeTruthy();

    type('basic profile');
    expect(grantedCodes('alice@example.test')).toEqual(['profile']);

    type('   ');
    expect(grantedCodes('alice@example.test')).toEqual(['openid', 'profile', 'contacts.read']);
    expect(screen.queryByText(/^Showing /)).toBeNull();
  });

  it('shows everything again when cleared', async () => {
    await renderLoaded();
    type('identity');
    expect(grantedCodes('alice@example.test')).toEqual(['openid', 'profile']);
    expect(within(card('bob@example.test')).getByText('No permissions match “identity”.')).toBeTruthy();

    type('');
    expect(grantedCodes('alice@example.test')).toEqual(['openid', 'profile', 'contacts.read']);
    // Sorted by category: mail comes before calendar.
    expect(grantedCodes('bob@example.test')).toEqual(['mail.send', 'calendar.read', 'events.write', 'tasks.calendarsync']);
    expect(screen.queryByText(/^No permissions match/)).toBeNull();
  });
});
