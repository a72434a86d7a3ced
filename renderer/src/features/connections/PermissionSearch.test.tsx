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
  // The sentence mentions the calendar: what a permission does is searched too.
  explained('mail.send', { title: 'Send email', sentence: 'Lets the app send calendar invitations by email.', category: 'mail' }),
  explained('tasks.calendarsync', { title: 'Sync tasks', category: 'tasks' }),
  explained('files.delete', { title: 'Remove files', sentence: 'Lets the app delete your files.', includes: ['Emptying the trash'], category: 'files' }),
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
/** Only the selected connection's detail is rendered: select it, then read it. */
const card = async (account: string) => {
  const option = screen.getByRole('option', { name: (name) => name.startsWith(`Sandbox: ${account}`) });
  act(() => option.click());
  // Its full view is asked for when it is shown.
  return screen.findByRole('article', { name: `Sandbox: ${account}` });
};
const grantedCodes = async (account: string) =>
  within(await card(account))
    .queryAllByRole('listitem')
    .filter((li) => li.closest('ul')?.getAttribute('aria-label')?.startsWith('Granted permissions') === true)
    .map((li) => li.querySelector('code')?.textContent);

describe('Search permissions', () => {
  it('filters the granted scopes by title, sentence, includes, raw scope or category, and says how many match', async () => {
    await renderLoaded();
    expect((search() as HTMLInputElement).type).toBe('search');
    expect(screen.queryByText(/^Showing /)).toBeNull();

    type('CALENDAR');
    expect(await grantedCodes('bob@example.test')).toEqual(['mail.send', 'calendar.read', 'events.write', 'tasks.calendarsync']);
    const alice = await card('alice@example.test');
    expect(within(alice).queryByRole('list', { name: /^Granted permissions/ })).toBeNull();
    expect(within(alice).getByText('No permissions match “CALENDAR”.')).toBeTruthy();
    expect(screen.getByText('Showing 4 of 8 permissions')).toBeTruthy();
    // The sidebar says how many of each connection's match.
    expect(screen.getByRole('option', { name: /^Sandbox: bob@example\.test(,|$)/ }).textContent).toContain('4 of 5 match');

    // Not filtered: what was not granted. Actions are matched by their title.
    const notGranted = within(alice).getByRole('list', { name: 'Asked for but not granted' });
    expect(within(notGranted).getByText('contacts.write')).toBeTruthy();
    expect(within(alice).getByText('No actions match “calendar”.')).toBeTruthy();

    type('delete');
    expect(await grantedCodes('bob@example.test')).toEqual(['files.delete']);
    type('trash');
    expect(await grantedCodes('bob@example.test')).toEqual(['files.delete']);

    type('contacts.read');
    expect(await grantedCodes('alice@example.test')).toEqual(['contacts.read']);
    expect(within(await card('bob@example.test')).getByText('No permissions match “contacts.read”.')).toBeTruthy();
    expect(screen.getByText('Showing 1 of 8 permissions')).toBeTruthy();

    type('basic profile');
    expect(await grantedCodes('alice@example.test')).toEqual(['profile']);

    type('edit your');
    const actions = within(await card('alice@example.test')).getByRole('list', { name: 'What this connection can do' });
    expect(within(actions).getAllByRole('listitem').map((li) => li.querySelector('.action-title')?.textContent)).toEqual(['Edit your contacts']);

    type('   ');
    expect(await grantedCodes('alice@example.test')).toEqual(['openid', 'profile', 'contacts.read']);
    expect(screen.queryByText(/^Showing /)).toBeNull();
  });

  it('shows everything again when cleared', async () => {
    await renderLoaded();
    type('identity');
    expect(await grantedCodes('alice@example.test')).toEqual(['openid', 'profile']);
    expect(within(await card('bob@example.test')).getByText('No permissions match “identity”.')).toBeTruthy();

    type('');
    expect(await grantedCodes('alice@example.test')).toEqual(['openid', 'profile', 'contacts.read']);
    // Sorted by category: mail comes before calendar.
    expect(await grantedCodes('bob@example.test')).toEqual(['mail.send', 'calendar.read', 'events.write', 'files.delete', 'tasks.calendarsync']);
    expect(screen.queryByText(/^No permissions match/)).toBeNull();
  });

  it('finds the forms of a word and the actions by title, and marks what matched in what is shown', async () => {
    const admin = explained('files:admin', {
      title: 'Manage files and who sees them',
      sentence: 'Lets the app do anything with your sandbox files, including sharing them and deleting them for everyone.',
      category: 'files',
    });
    const carol: ConnectionView = {
      ...aliceConnection,
      id: 'conn-carol',
      account: 'carol@example.test',
      grantedScopes: ['files:admin'],
      granted: [admin],
      actions: [{ id: 'send-email', title: 'Send email', available: true, missingScopes: [] }],
    };
    renderWithBridge(<ConnectionsSection />, { connections: [carol] });
    await act(() => appStore.getState().init());
    const marks = (element: Element) => [...element.querySelectorAll('mark')].map((mark) => mark.textContent);
    const carolCard = await card('carol@example.test');
    const row = () => within(carolCard).getByRole('listitem', { name: 'Manage files and who sees them' });

    // "delete" is only in the sentence, as "deleting": the row says so under its title, marked.
    type('delete');
    expect(marks(row())).toEqual(['deleting']);
    expect(row().querySelector('.scope-match')?.textContent).toBe(admin.sentence);
    expect(screen.getByText('Showing 1 of 1 permissions')).toBeTruthy();

    // Found in the title and the raw scope: marked there, no sentence needed.
    type('FILE');
    expect(marks(row())).toEqual(['files', 'files']);
    expect(row().querySelector('.scope-match')).toBeNull();
    // The row's names do not change with the marks.
    expect(within(row()).getByRole('button', { name: 'Take back Manage files and who sees them' })).toBeTruthy();

    type('sending');
    const actions = within(carolCard).getByRole('list', { name: 'What this connection can do' });
    expect(within(actions).getAllByRole('listitem').map((li) => marks(li))).toEqual([['Send']]);
    expect(within(carolCard).getByText('No permissions match “sending”.')).toBeTruthy();

    type('');
    expect(document.querySelectorAll('mark')).toHaveLength(0);
  });
});
