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
  it('lists each action as available or missing a scope', async () => {
    await renderLoaded();
    const actions = screen.getByRole('list', { name: 'What this connection can do' });
    const items = within(actions).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['Sign you inAvailable', 'Edit your contactsMissing scopeNeeds contacts.write']);
    expect(within(items[0]!).queryByRole('button')).toBeNull();
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
