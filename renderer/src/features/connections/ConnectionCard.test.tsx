// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { aliceConnection, explained } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ConnectionsSection } from './ConnectionsSection';

afterEach(resetApp);

async function renderLoaded(connections: ConnectionView[] = [aliceConnection]) {
  const rendered = renderWithBridge(<ConnectionsSection />, { connections });
  await act(() => appStore.getState().init());
  return rendered;
}

function grantedRow(title: string): HTMLElement {
  const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
  return within(within(article).getByRole('list', { name: 'Granted permissions' })).getByRole('listitem', {
    name: title,
  });
}

function openDetails(row: HTMLElement): void {
  const details = row.querySelector('details');
  if (details === null) throw new Error('this row has no "What this includes"');
  act(() => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}

const withGranted = (granted: ConnectionView['granted']): ConnectionView => ({
  ...aliceConnection,
  grantedScopes: granted.map((s) => s.scope),
  granted,
});

describe('a granted scope, explained', () => {
  it('shows its title, sentence, badges and the raw scope, grouped by category', async () => {
    await renderLoaded();

    const profile = grantedRow('See your basic profile');
    expect(profile.dataset.category).toBe('identity');
    expect(within(profile).getByText('See your basic profile')).toBeTruthy();
    expect(within(profile).getByText('Lets the app see your name and picture.')).toBeTruthy();
    expect(within(profile).getByText('profile').tagName).toBe('CODE');
    expect(within(profile).getByText('Identity')).toBeTruthy();
    expect(within(profile).getByText('Read')).toBeTruthy();
    // Basic scopes get no sensitivity badge.
    expect(within(profile).queryByText('Sensitive')).toBeNull();
    expect(within(profile).queryByText('Restricted')).toBeNull();
    expect(within(profile).queryByText('Not in our catalog')).toBeNull();

    const contacts = grantedRow('See your contacts');
    expect(contacts.dataset.category).toBe('contacts');
    expect(within(contacts).getByText('Contacts')).toBeTruthy();
    expect(within(contacts).getByText('Sensitive')).toBeTruthy();
  });

  it('sorts rows by category, keeping the granted order within one', async () => {
    await renderLoaded([
      withGranted([
        explained('files.write', { title: 'Change your files', category: 'files' }),
        explained('openid', { title: 'Know it is you', category: 'identity' }),
        explained('mail.read', { title: 'Read your email', category: 'mail' }),
        explained('files.read', { title: 'See your files', category: 'files' }),
      ]),
    ]);
    const list = screen.getByRole('list', { name: 'Granted permissions' });
    expect(within(list).getAllByRole('listitem').map((li) => li.dataset.category)).toEqual([
      'identity',
      'mail',
      'files',
      'files',
    ]);
    expect(within(list).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual([
      'Know it is you',
      'Read your email',
      'Change your files',
      'See your files',
    ]);
  });

  it('"What this includes" lists includes, what it does not allow, and the documentation link', async () => {
    await renderLoaded();
    const profile = grantedRow('See your basic profile');
    const summary = within(profile).getByText('What this includes');
    expect(summary.tagName).toBe('SUMMARY');
    // Closed, its text is not in the row (it would make a search on the raw scope find other rows).
    expect(within(profile).queryByText('Name and nickname')).toBeNull();

    openDetails(profile);
    expect(within(profile).getByText('Name and nickname')).toBeTruthy();
    expect(within(profile).getByText('Picture and profile page')).toBeTruthy();
    expect(within(profile).getByText('Does not allow')).toBeTruthy();
    const doesNotAllow = within(profile).getByRole('list', { name: 'Does not allow' });
    expect(within(doesNotAllow).getByText('Changing your profile')).toBeTruthy();
    const link = within(profile).getByRole('link', { name: 'Provider documentation' });
    expect(link.getAttribute('href')).toBe('https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('links documentation only when it is https, and has no details when there is nothing to say', async () => {
    await renderLoaded([
      withGranted([
        explained('a', { title: 'Scope A', includes: ['Something'], source: 'javascript:alert(1)' }),
        explained('b', { title: 'Scope B' }),
      ]),
    ]);
    const a = grantedRow('Scope A');
    openDetails(a);
    expect(within(a).getByText('Something')).toBeTruthy();
    expect(within(a).queryByRole('link')).toBeNull();
    expect(within(grantedRow('Scope B')).queryByText('What this includes')).toBeNull();
  });

  it('marks a scope the catalog does not know', async () => {
    await renderLoaded([
      withGranted([
        explained('https://example.test/auth/widgets.manage', {
          title: 'Probably: manage your widgets',
          sentence: 'Probably lets the app see, change and delete your widgets.',
          access: 'admin',
          sensitivity: 'restricted',
          inferred: true,
        }),
      ]),
    ]);
    const row = grantedRow('Probably: manage your widgets');
    expect(within(row).getByText('Not in our catalog')).toBeTruthy();
    expect(within(row).getByText('Probably lets the app see, change and delete your widgets.')).toBeTruthy();
    expect(within(row).getByText('Admin')).toBeTruthy();
    expect(within(row).getByText('Restricted')).toBeTruthy();
    expect(within(row).getByText('Other')).toBeTruthy();
    expect(within(row).getByText('https://example.test/auth/widgets.manage')).toBeTruthy();
  });

  it('says which granted scopes already include a redundant one, by title', async () => {
    await renderLoaded([
      withGranted([
        explained('files.read', { title: 'See your files', category: 'files', redundantWith: ['files.write', 'files.gone'] }),
        explained('files.write', { title: 'Create and change your files', category: 'files', access: 'write' }),
      ]),
    ]);
    const read = grantedRow('See your files');
    // A scope no longer in the list is named by its raw string.
    expect(within(read).getByText('Already included in Create and change your files, files.gone')).toBeTruthy();
    expect(within(grantedRow('Create and change your files')).queryByText(/Already included/)).toBeNull();
  });
});

describe('what the connection can do', () => {
  it('lists each action as available or missing a scope, each with its switch', async () => {
    await renderLoaded();
    const actions = screen.getByRole('list', { name: 'What this connection can do' });
    const items = within(actions).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Sign you inAvailableTurn off',
      'Edit your contactsMissing scopeNeeds contacts.writeTurn on',
    ]);
    // An available action has no "Missing scope" button, only its switch.
    expect(within(items[0]!).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Turn off Sign you in']);
  });

  it('explains a missing scope in a tooltip on focus and on hover; Escape hides it', async () => {
    await renderLoaded([
      {
        ...aliceConnection,
        actions: [{ id: 'send', title: 'Send email', available: false, missingScopes: ['mail.send', 'mail.compose'] }],
      },
    ]);
    const missing = screen.getByRole('button', { name: 'Missing scope' });
    expect(missing.getAttribute('type')).toBe('button');
    // The description names the scopes even while the tooltip is hidden.
    const tooltipId = missing.getAttribute('aria-describedby');
    expect(document.getElementById(tooltipId ?? '')?.textContent).toBe('Needs mail.send, mail.compose');
    expect(screen.queryByRole('tooltip')).toBeNull();

    act(() => missing.focus());
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip.textContent).toBe('Needs mail.send, mail.compose');
    expect(tooltip.id).toBe(tooltipId);

    fireEvent.keyDown(missing, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => missing.blur());

    fireEvent.mouseEnter(missing);
    expect(screen.getByRole('tooltip').textContent).toBe('Needs mail.send, mail.compose');
    fireEvent.mouseLeave(missing);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });
});

describe('a very long grant', () => {
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      explained(`api.scope.${String(i).padStart(4, '0')}`, { title: `Permission ${i}`, category: i < 150 ? 'files' : 'other' }),
    );

  it('renders only a window of 1,000 rows, still as one list of list items', async () => {
    await renderLoaded([withGranted(many(1000))]);
    const list = screen.getByRole('list', { name: 'Granted permissions' });
    const rows = list.querySelectorAll('li');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(50);
    expect(list.querySelectorAll(':scope > li')).toHaveLength(rows.length);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('1000');
    expect(rows[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(rows[0]?.getAttribute('aria-label')).toBe('Permission 0');
  });

  it('renders every row again once a search leaves 200 or fewer', async () => {
    await renderLoaded([withGranted(many(1000))]);
    act(() => appStore.getState().setPermissionQuery('files'));
    const list = screen.getByRole('list', { name: 'Granted permissions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(150);
    expect(list.querySelector('li')?.hasAttribute('aria-setsize')).toBe(false);
  });
});

describe('a disconnected connection', () => {
  const disconnected: ConnectionView = {
    ...aliceConnection,
    state: 'disconnected',
    grantedScopes: [],
    granted: [],
    notGrantedScopes: [],
    notGranted: [],
    restore: [
      explained('openid', { title: 'Know it is you', category: 'identity' }),
      explained('contacts.read', { title: 'See your contacts', category: 'contacts' }),
    ],
    actions: [{ id: 'edit-contacts', title: 'Edit your contacts', available: false, missingScopes: ['contacts.write'] }],
  };

  it('says so, lists what a reconnect restores, and offers Reconnect instead of changes', async () => {
    const { bridge } = await renderLoaded([disconnected]);
    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
    expect(within(article).getByText('Disconnected — reconnect to restore')).toBeTruthy();

    const restore = within(article).getByRole('list', { name: 'Would restore' });
    expect(within(restore).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Know it is you openid',
      'See your contacts contacts.read',
    ]);
    expect(within(article).queryByRole('list', { name: 'Granted permissions' })).toBeNull();
    expect(within(article).queryByText('Granted permissions')).toBeNull();
    expect(within(article).queryByRole('button', { name: /^Remove (?!connection)/ })).toBeNull();
    expect(within(article).queryByRole('button', { name: /^Turn (on|off) / })).toBeNull();
    // Removing or forgetting the whole connection still works.
    expect(within(article).getByRole('button', { name: 'Remove connection…' })).toBeTruthy();
    expect(within(article).getByRole('button', { name: 'Forget…' })).toBeTruthy();

    await act(async () => within(article).getByRole('button', { name: 'Reconnect' }).click());
    expect(bridge.api.grants.reconnect).toHaveBeenCalledWith({ connectionId: disconnected.id });
    // The fake reconnects with what it would restore.
    const granted = await within(article).findByRole('list', { name: 'Granted permissions' });
    expect(within(granted).getAllByRole('listitem').map((li) => li.querySelector('code')?.textContent)).toEqual(['openid', 'contacts.read']);
    expect(within(article).queryByText('Disconnected — reconnect to restore')).toBeNull();
  });
});

describe('history', () => {
  function openHistory(article: HTMLElement): void {
    const details = within(article).getByText('History').closest('details');
    if (details === null) throw new Error('no History details');
    act(() => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
  }

  const history: ConnectionView['history'] = [
    { at: '2025-03-01T10:15:00.000Z', kind: 'connected', scopes: ['openid', 'contacts.read'], message: 'Connected with 2 permissions.' },
    { at: '2025-03-02T09:00:00.000Z', kind: 'partial-approval', scopes: ['contacts.write'], message: '1 asked-for permission was not granted.' },
    { at: '2025-03-03T09:00:00.000Z', kind: 'upgraded', scopes: ['files.read'], message: 'Added 1 permission.' },
    { at: '2025-03-04T09:00:00.000Z', kind: 'revoked', scopes: ['files.read'], message: 'Revoked to take back 1 permission.' },
    { at: '2025-03-05T09:00:00.000Z', kind: 'disconnected', scopes: [], message: 'The new consent did not finish.' },
    { at: '2025-03-06T09:00:00.000Z', kind: 'granted', scopes: ['openid'], message: 'Signed in again with 1 permission.' },
    { at: '2025-03-07T09:00:00.000Z', kind: 'refresh-failed', scopes: [], message: 'The narrower refresh failed.' },
    { at: '2025-03-08T09:00:00.000Z', kind: 'console-opened', scopes: [], message: 'Opened the settings page.' },
    { at: '2025-03-09T09:00:00.000Z', kind: 'removed', scopes: [], message: 'Removed.' },
  ];

  it('lists every entry oldest first, each starting with its label, then the time, message and raw scopes', async () => {
    await renderLoaded([{ ...aliceConnection, history }]);
    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
    const summary = within(article).getByText('History');
    expect(summary.tagName).toBe('SUMMARY');
    // Closed, the entries are not in the card: "Disconnected" there would read as its state.
    expect(within(article).queryByText('Connected with 2 permissions.')).toBeNull();
    openHistory(article);
    const list = within(article).getByRole('list', { name: 'History' });
    expect(list.tagName).toBe('OL');
    expect(list.closest('details')).toBe(summary.parentElement);

    const items = within(list).getAllByRole('listitem');
    const labels = [
      'Connected',
      'Partly approved',
      'Upgraded',
      'Revoked',
      'Disconnected',
      'Signed in again',
      'Refresh failed',
      'Opened provider settings',
      'Removed',
    ];
    expect(items.map((li) => li.querySelector('.history-kind')?.textContent)).toEqual(labels);
    // Each entry starts with its label, then the time.
    expect(items.map((li, i) => li.textContent?.startsWith(`${labels[i]} ${li.querySelector('time')?.textContent}`))).toEqual(
      labels.map(() => true),
    );

    const first = items[0]!;
    expect(first.textContent?.startsWith('Connected ')).toBe(true);
    expect(first.querySelector('time')?.getAttribute('dateTime')).toBe('2025-03-01T10:15:00.000Z');
    expect(first.querySelector('time')?.textContent).toBe(new Date('2025-03-01T10:15:00.000Z').toLocaleString());
    expect(within(first).getByText('Connected with 2 permissions.')).toBeTruthy();
    expect([...first.querySelectorAll('small code')].map((c) => c.textContent)).toEqual(['openid', 'contacts.read']);
    expect(items[4]!.querySelector('small')).toBeNull();
  });

  it('says when nothing has happened yet', async () => {
    await renderLoaded();
    openHistory(screen.getByRole('article', { name: 'Sandbox: alice@example.test' }));
    expect(screen.queryByRole('list', { name: 'History' })).toBeNull();
    expect(screen.getByText('Nothing has happened yet.')).toBeTruthy();
  });
});
