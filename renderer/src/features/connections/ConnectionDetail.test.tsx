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

function grantedLists(): HTMLElement[] {
  const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
  return within(article).getAllByRole('list', { name: /^Granted permissions/ });
}

function grantedRow(title: string): HTMLElement {
  const rows = grantedLists().flatMap((ul) => within(ul).queryAllByRole('listitem', { name: title }));
  if (rows.length !== 1) throw new Error(`expected one row named ${title}, found ${rows.length}`);
  return rows[0]!;
}

/** A row is collapsed to its title; the title is the button that opens the rest. */
function openDetails(row: HTMLElement): void {
  const toggle = within(row).getByRole('button', { name: row.getAttribute('aria-label') ?? '' });
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  act(() => toggle.click());
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
}

const withGranted = (granted: ConnectionView['granted']): ConnectionView => ({
  ...aliceConnection,
  grantedScopes: granted.map((s) => s.scope),
  granted,
});

describe('a granted scope, explained', () => {
  it('shows its title, badges and the raw scope, in its category group; the sentence on demand', async () => {
    await renderLoaded();

    const profile = grantedRow('See your basic profile');
    expect(profile.dataset.category).toBe('identity');
    expect(profile.closest('ul')?.getAttribute('aria-label')).toBe('Granted permissions: Identity');
    expect(within(profile).getByText('See your basic profile')).toBeTruthy();
    expect(within(profile).getByText('profile').tagName).toBe('CODE');
    expect(within(profile).getByText('Read')).toBeTruthy();
    // Basic scopes get no sensitivity badge.
    expect(within(profile).queryByText('Sensitive')).toBeNull();
    expect(within(profile).queryByText('Restricted')).toBeNull();
    expect(within(profile).queryByText('Not in our catalog')).toBeNull();
    // Collapsed to its title: the sentence is there on demand.
    expect(within(profile).queryByText('Lets the app see your name and picture.')).toBeNull();
    openDetails(profile);
    expect(within(profile).getByText('Lets the app see your name and picture.')).toBeTruthy();

    const contacts = grantedRow('See your contacts');
    expect(contacts.dataset.category).toBe('contacts');
    expect(contacts.closest('ul')?.getAttribute('aria-label')).toBe('Granted permissions: Contacts');
    expect(within(contacts).getByText('Sensitive')).toBeTruthy();
  });

  it('groups rows by category in catalog order, keeping the granted order within one', async () => {
    await renderLoaded([
      withGranted([
        explained('files.write', { title: 'Change your files', category: 'files' }),
        explained('openid', { title: 'Know it is you', category: 'identity' }),
        explained('mail.read', { title: 'Read your email', category: 'mail' }),
        explained('files.read', { title: 'See your files', category: 'files' }),
      ]),
    ]);
    const lists = grantedLists();
    expect(lists.map((ul) => ul.getAttribute('aria-label'))).toEqual([
      'Granted permissions: Identity',
      'Granted permissions: Mail',
      'Granted permissions: Files',
    ]);
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Identity 1', 'Mail 1', 'Files 2']);
    expect(lists.flatMap((ul) => within(ul).getAllByRole('listitem')).map((li) => li.getAttribute('aria-label'))).toEqual([
      'Know it is you',
      'Read your email',
      'Change your files',
      'See your files',
    ]);
  });

  it('its details list includes, what it does not allow, and the documentation link', async () => {
    await renderLoaded();
    const profile = grantedRow('See your basic profile');
    // Closed, its text is not in the row.
    expect(within(profile).queryByText('Name and nickname')).toBeNull();

    openDetails(profile);
    expect(within(within(profile).getByRole('list', { name: 'Includes' })).getByText('Name and nickname')).toBeTruthy();
    expect(within(profile).getByText('Picture and profile page')).toBeTruthy();
    expect(within(profile).getByText('Does not allow')).toBeTruthy();
    const doesNotAllow = within(profile).getByRole('list', { name: 'Does not allow' });
    expect(within(doesNotAllow).getByText('Changing your profile')).toBeTruthy();
    const link = within(profile).getByRole('link', { name: 'Provider documentation for See your basic profile' });
    expect(link.getAttribute('href')).toBe('https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('names another scope in an include by its title, not its code', async () => {
    await renderLoaded([
      withGranted([
        explained('files.read', { title: 'See your files', category: 'files' }),
        explained('files.write', { title: 'Create and change your files', category: 'files', includes: ['Everything "files.read" allows', 'Everything "x.y" allows'] }),
      ]),
    ]);
    const write = grantedRow('Create and change your files');
    openDetails(write);
    expect(within(write).getByText('Everything “See your files” allows')).toBeTruthy();
    // An unknown code stays as written.
    expect(within(write).getByText('Everything "x.y" allows')).toBeTruthy();
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
    const b = grantedRow('Scope B');
    openDetails(b);
    expect(within(b).queryByText('Includes')).toBeNull();
    expect(within(b).getByText('Lets the app use b.')).toBeTruthy();
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
    expect(within(row).getByText('Admin')).toBeTruthy();
    expect(within(row).getByText('Restricted')).toBeTruthy();
    expect(row.closest('ul')?.getAttribute('aria-label')).toBe('Granted permissions: Other');
    expect(within(row).getByText('https://example.test/auth/widgets.manage')).toBeTruthy();
    openDetails(row);
    expect(within(row).getByText('Probably lets the app see, change and delete your widgets.')).toBeTruthy();
  });

  it('says which granted scopes already include a redundant one, by title', async () => {
    await renderLoaded([
      withGranted([
        explained('files.read', { title: 'See your files', category: 'files', redundantWith: ['files.write', 'files.gone'] }),
        explained('files.write', { title: 'Create and change your files', category: 'files', access: 'write' }),
      ]),
    ]);
    const read = grantedRow('See your files');
    openDetails(read);
    // A scope no longer in the list is named by its raw string.
    expect(within(read).getByText('Already included in Create and change your files, files.gone')).toBeTruthy();
    const write = grantedRow('Create and change your files');
    openDetails(write);
    expect(within(write).queryByText(/Already included/)).toBeNull();
  });
});

describe('what the connection can do', () => {
  it('lists each action as available or missing a permission; what only keeps you signed in has no switch', async () => {
    await renderLoaded([
      {
        ...aliceConnection,
        actions: [
          { id: 'sign-in', title: 'Sign you in', available: true, missingScopes: [], keepsYouSignedIn: true },
          { id: 'read-contacts', title: 'Read your contacts', available: true, missingScopes: [], keepsYouSignedIn: false },
          { id: 'edit-contacts', title: 'Edit your contacts', available: false, missingScopes: ['contacts.write'] },
        ],
      },
    ]);
    const actions = screen.getByRole('list', { name: 'What this connection can do' });
    const items = within(actions).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Sign you inAvailableKeeps you signed in: remove the connection to end it',
      'Read your contactsAvailableTurn off',
      'Edit your contactsMissing permissionNeeds “Edit your contacts”Turn on',
    ]);
    // "Sign you in" cannot be turned off on its own: not offered, the reason beside it.
    expect(within(items[0]!).queryAllByRole('button')).toHaveLength(0);
    expect(within(items[1]!).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Turn off Read your contacts']);
  });

  it('an action other enabled ones still need has no Turn off, and says so; one never asked for is not requested', async () => {
    await renderLoaded([
      {
        ...aliceConnection,
        actions: [
          { id: 'read-contacts', title: 'Read your contacts', available: true, missingScopes: [], turnOffBlocked: { neededBy: ['Edit your contacts', 'Share contacts'], comesWith: [] } },
          { id: 'edit-contacts', title: 'Edit your contacts', available: false, missingScopes: ['contacts.write'] },
          { id: 'send', title: 'Send email', available: false, missingScopes: ['mail.send'] },
        ],
      },
    ]);
    const items = within(screen.getByRole('list', { name: 'What this connection can do' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toBe('Read your contactsAvailableNeeded by Edit your contacts and Share contacts: turn those off first');
    expect(within(items[0]!).queryAllByRole('button')).toHaveLength(0);
    // Asked for and refused: the warning; never asked for: neutral.
    expect(within(items[1]!).getByRole('button', { name: 'Missing permission' }).className).toContain('action-missing');
    const never = within(items[2]!).getByRole('button', { name: 'Not requested' });
    expect(never.className).not.toContain('action-missing');
    expect(within(items[2]!).getByRole('button', { name: 'Turn on Send email' })).toBeTruthy();
  });

  it('explains a missing permission in a tooltip on focus and on hover, in words; Escape hides it', async () => {
    await renderLoaded([
      {
        ...aliceConnection,
        actions: [{ id: 'send', title: 'Send email', available: false, missingScopes: ['contacts.write', 'mail.compose'] }],
      },
    ]);
    const missing = screen.getByRole('button', { name: 'Missing permission' });
    expect(missing.getAttribute('type')).toBe('button');
    // The description names the permissions by title (a code only when no title is known) even while hidden.
    const tooltipId = missing.getAttribute('aria-describedby');
    const text = 'Needs “Edit your contacts”, “mail.compose”';
    expect(document.getElementById(tooltipId ?? '')?.textContent).toBe(text);
    expect(screen.queryByRole('tooltip')).toBeNull();

    act(() => missing.focus());
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip.textContent).toBe(text);
    expect(tooltip.id).toBe(tooltipId);

    fireEvent.keyDown(missing, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => missing.blur());

    fireEvent.mouseEnter(missing);
    expect(screen.getByRole('tooltip').textContent).toBe(text);
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

  it('renders every row again, grouped, once a search leaves 200 or fewer', async () => {
    await renderLoaded([withGranted(many(1000))]);
    act(() => appStore.getState().setPermissionQuery('files'));
    const list = screen.getByRole('list', { name: 'Granted permissions: Files' });
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
    expect(screen.getByRole('option', { name: /^Sandbox: alice@example\.test(,|$)/ }).textContent).toContain('Disconnected');

    const restore = within(article).getByRole('list', { name: 'Would restore' });
    expect(within(restore).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Know it is you openid',
      'See your contacts contacts.read',
    ]);
    expect(within(article).queryByRole('list', { name: /^Granted permissions/ })).toBeNull();
    expect(within(article).queryByRole('button', { name: /^Take back / })).toBeNull();
    expect(within(article).queryByRole('button', { name: /^Turn (on|off) / })).toBeNull();
    expect(within(article).queryByRole('button', { name: 'Add permissions' })).toBeNull();
    // Removing or forgetting the whole connection still works.
    expect(within(article).getByRole('button', { name: 'Remove connection…' })).toBeTruthy();
    expect(within(article).getByRole('button', { name: 'Forget…' })).toBeTruthy();

    await act(async () => within(article).getByRole('button', { name: 'Reconnect' }).click());
    expect(bridge.api.grants.reconnect).toHaveBeenCalledWith({ connectionId: disconnected.id });
    // The fake reconnects with what it would restore.
    await within(article).findAllByRole('list', { name: /^Granted permissions/ });
    const codes = within(article)
      .getAllByRole('list', { name: /^Granted permissions/ })
      .flatMap((ul) => within(ul).getAllByRole('listitem'))
      .map((li) => li.querySelector('code')?.textContent);
    expect(codes).toEqual(['openid', 'contacts.read']);
    expect(within(article).queryByText('Disconnected — reconnect to restore')).toBeNull();
    expect(within(article).getByRole('status').textContent).toContain('Sandbox is connected again as alice@example.test.');
  });
});

describe('a record that cannot be shown', () => {
  const damaged: ConnectionView = {
    ...aliceConnection,
    state: 'disconnected',
    grantedScopes: [],
    granted: [],
    notGrantedScopes: [],
    notGranted: [],
    restore: [],
    actions: [],
    damaged: { reason: 'This saved connection cannot be shown (grantedScopes.0: Too big).' },
  };

  it('says it is damaged and why, offers only Forget, and Forget removes it', async () => {
    const { bridge } = await renderLoaded([damaged]);
    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
    expect(within(article).getByText('Damaged')).toBeTruthy();
    expect(within(article).getByText(/^This saved connection cannot be shown \(grantedScopes\.0: Too big\)\. Use Forget/)).toBeTruthy();
    expect(within(article).queryByRole('button', { name: 'Reconnect' })).toBeNull();
    expect(within(article).queryByRole('button', { name: 'Remove connection…' })).toBeNull();

    await act(async () => within(article).getByRole('button', { name: 'Forget…' }).click());
    await act(async () => screen.getByRole('button', { name: 'Forget' }).click());
    expect(bridge.api.grants.forget).toHaveBeenCalledWith({ connectionId: damaged.id });
    expect(screen.queryByRole('article', { name: 'Sandbox: alice@example.test' })).toBeNull();
  });
});

describe('history', () => {
  const history: ConnectionView['history'] = [
    { at: '2025-03-01T10:15:00.000Z', kind: 'connected', scopes: ['openid', 'contacts.read'], message: 'Connected with 2 permissions.' },
    { at: '2025-03-02T09:00:00.000Z', kind: 'partial-approval', scopes: ['contacts.write'], message: '1 permission asked for but not granted.' },
    { at: '2025-03-03T09:00:00.000Z', kind: 'upgraded', scopes: ['contacts.read'], message: 'Added 1 permission.' },
    { at: '2025-03-04T09:00:00.000Z', kind: 'revoked', scopes: ['contacts.read', 'files.gone'], message: 'Took back 1 permission.' },
    { at: '2025-03-05T09:00:00.000Z', kind: 'disconnected', scopes: [], message: 'The new consent did not finish.' },
    { at: '2025-03-06T09:00:00.000Z', kind: 'granted', scopes: ['openid'], message: 'Signed in again with 1 permission.' },
    { at: '2025-03-07T09:00:00.000Z', kind: 'refresh-failed', scopes: [], message: 'The narrower refresh failed.' },
    { at: '2025-03-08T09:00:00.000Z', kind: 'console-opened', scopes: [], message: 'Opened the settings page.' },
    { at: '2025-03-09T09:00:00.000Z', kind: 'removed', scopes: [], message: 'Removed.' },
  ];

  it('lists every entry newest first, in words, each with its time and message', async () => {
    // Given out of order: the list is sorted by time, newest first.
    await renderLoaded([{ ...aliceConnection, history: [history[3]!, ...history.filter((_, i) => i !== 3)] }]);
    const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
    const list = within(article).getByRole('list', { name: 'History' });
    expect(list.tagName).toBe('OL');

    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.history-headline')?.textContent)).toEqual([
      'Removed',
      'Opened the provider’s settings',
      'Could not refresh',
      'Signed in again',
      'Disconnected',
      // Permissions by title; one the connection no longer knows by its code.
      'Took back: See your contacts, files.gone',
      'Added: See your contacts',
      'Not granted: Edit your contacts',
      'Connected',
    ]);
    const last = items.at(-1)!;
    expect(last.querySelector('time')?.getAttribute('dateTime')).toBe('2025-03-01T10:15:00.000Z');
    expect(last.querySelector('time')?.textContent).toBe(new Date('2025-03-01T10:15:00.000Z').toLocaleString());
    expect(within(last).getByText('Connected with 2 permissions.')).toBeTruthy();
    expect(list.textContent).not.toMatch(/permission\(s\)|Upgraded/);
  });

  it('says when nothing has happened yet', async () => {
    await renderLoaded();
    expect(screen.queryByRole('list', { name: 'History' })).toBeNull();
    expect(screen.getByText('Nothing has happened yet.')).toBeTruthy();
  });
});
