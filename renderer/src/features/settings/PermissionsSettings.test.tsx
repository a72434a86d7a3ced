// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionView, ProviderView } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { appStore } from '../../store';
import { aliceConnection, explained, fail, ok, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(() => {
  resetApp();
  vi.restoreAllMocks();
});

const acme: ProviderView = {
  id: 'acme',
  name: 'Acme Cloud',
  description: 'Files in the cloud.',
  available: true,
  defaultScopes: ['files:read'],
  scopeOptions: [
    { scope: 'files:read', title: 'See your files', category: 'files', access: 'read' },
    { scope: 'files:write', title: 'Change your files', category: 'files', access: 'write' },
    { scope: 'files:admin', title: 'Manage file sharing', category: 'admin', access: 'admin' },
  ],
  custom: false,
  client: { clientId: 'scopekeeper', hasSecret: false, source: 'built-in' },
  hasBuiltInClient: true,
  redirectUri: 'http://127.0.0.1/callback',
  appScopes: ['files:read', 'files:write', 'files:admin'],
  deviceFlow: false,
  sessionOnly: { offered: true },
};

const alice: ConnectionView = {
  ...aliceConnection,
  granted: aliceConnection.granted.map((s) => (s.scope === 'contacts.read' ? { ...s, grantedAt: '2025-03-01T10:15:00.000Z' } : s)),
};

const bobGranted = [
  explained('openid', { title: 'Know it is you', category: 'identity' }),
  explained('files:write', { title: 'Change your files', category: 'files', access: 'write', grantedAt: '2025-03-02T08:00:00.000Z' }),
];
const bob: ConnectionView = {
  ...aliceConnection,
  id: 'conn-bob',
  providerId: 'acme',
  providerName: 'Acme Cloud',
  account: 'bob@acme.test',
  grantedScopes: bobGranted.map((s) => s.scope),
  granted: bobGranted,
  notGrantedScopes: [],
  notGranted: [],
};

// Disconnected: nothing granted, so no rows and nothing to add to.
const carol: ConnectionView = {
  ...aliceConnection,
  id: 'conn-carol',
  account: 'carol@example.test',
  state: 'disconnected',
  grantedScopes: [],
  granted: [],
  notGrantedScopes: [],
  notGranted: [],
  restore: [explained('contacts.read')],
};

async function openSettings() {
  const rendered = renderWithBridge(<App />, { providers: [sandboxProvider, acme], connections: [alice, bob, carol] });
  await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
  // The providers (what each account could still be given) come after the list.
  await act(() => appStore.getState().init());
  openSettingsAt('Permissions');
  return rendered;
}

const table = () => screen.getByRole('table', { name: 'All granted permissions' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);
const permissionCodes = () => bodyRows().map((row) => row.querySelector('code')?.textContent);
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const optionTexts = (name: string) => [...select(name).options].map((o) => o.textContent);
const choose = (name: string, value: string) => fireEvent.change(select(name), { target: { value } });

describe('the main navigation', () => {
  it('starts on Connections and marks the active view', async () => {
    renderWithBridge(<App />, { connections: [alice] });
    await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const connections = within(nav).getByRole('button', { name: 'Connections' });
    const settings = within(nav).getByRole('button', { name: 'Settings' });
    expect(connections.getAttribute('aria-current')).toBe('page');
    expect(settings.hasAttribute('aria-current')).toBe(false);

    act(() => settings.click());
    expect(settings.getAttribute('aria-current')).toBe('page');
    expect(connections.hasAttribute('aria-current')).toBe(false);
    expect(screen.getByRole('heading', { level: 2, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Permissions' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Connected accounts' })).toBeNull();

    act(() => connections.click());
    expect(screen.getByRole('heading', { name: 'Connected accounts' })).toBeTruthy();
  });
});

describe('Settings → Permissions', () => {
  it('lists every granted scope of every connected account, one row each', async () => {
    await openSettings();
    expect(within(table()).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Provider',
      'Account',
      'Permission',
      'Access',
      'Granted',
      'Change',
    ]);
    // Each cell names its column, so the table can stack into cards on a narrow window.
    expect(within(bodyRows()[0]!).getAllByRole('cell').map((td) => td.dataset.label ?? null)).toEqual([
      'Provider',
      'Account',
      'Permission',
      'Access',
      'Granted',
      null,
    ]);
    expect(permissionCodes()).toEqual(['openid', 'profile', 'contacts.read', 'openid', 'files:write']);

    const contacts = bodyRows()[2]!;
    const cells = within(contacts).getAllByRole('cell');
    expect(cells.slice(0, 4).map((td) => td.textContent)).toEqual(['Sandbox', 'alice@example.test', 'See your contacts contacts.read', 'Read']);
    expect(cells[2]!.querySelector('code')?.textContent).toBe('contacts.read');
    const time = cells[4]!.querySelector('time');
    expect(time?.getAttribute('dateTime')).toBe('2025-03-01T10:15:00.000Z');
    expect(time?.textContent).toBe(new Date('2025-03-01T10:15:00.000Z').toLocaleString());
  });

  it('names each Revoke button by permission (in words), account and provider; identity scopes have none', async () => {
    const { bridge } = await openSettings();
    expect(within(table()).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Revoke See your contacts for alice@example.test on Sandbox',
      'Revoke Change your files for bob@acme.test on Acme Cloud',
    ]);
    expect(within(bodyRows()[0]!).queryByRole('button')).toBeNull();
    expect(within(bodyRows()[0]!).getByText('Keeps you signed in')).toBeTruthy();

    await act(async () => screen.getByRole('button', { name: 'Revoke Change your files for bob@acme.test on Acme Cloud' }).click());
    expect(bridge.api.grants.planChange).toHaveBeenCalledWith({ connectionId: 'conn-bob', remove: ['files:write'] });
    // The same confirmation as in a connection's detail.
    const dialog = screen.getByRole('dialog', { name: 'Take back “Change your files”?' });
    expect(within(dialog).getByText('Acme Cloud: bob@acme.test')).toBeTruthy();
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();
  });

  it('filters by provider, category, access level and sensitivity, each with a visible label, and clears them', async () => {
    await openSettings();
    expect(optionTexts('Provider')).toEqual(['All providers', 'Sandbox', 'Acme Cloud']);
    expect(optionTexts('Category')).toEqual([
      'All categories',
      'Identity',
      'Mail',
      'Calendar',
      'Files',
      'Chat',
      'Code',
      'Tasks',
      'Contacts',
      'Administration',
      'Workspace',
      'Other',
    ]);
    expect(optionTexts('Access level')).toEqual(['All access levels', 'Read', 'Write', 'Delete', 'Admin']);

    choose('Provider', 'acme');
    expect(permissionCodes()).toEqual(['openid', 'files:write']);
    choose('Category', 'identity');
    expect(permissionCodes()).toEqual(['openid']);
    choose('Provider', '');
    expect(permissionCodes()).toEqual(['openid', 'profile', 'openid']);
    choose('Category', '');
    choose('Access level', 'write');
    expect(permissionCodes()).toEqual(['files:write']);
    choose('Access level', 'admin');
    expect(bodyRows()).toHaveLength(0);
    expect(screen.getByText('No granted permissions match these filters.')).toBeTruthy();

    // Every filter has a visible label, not only an accessible name.
    for (const name of ['Provider', 'Category', 'Access level', 'Sensitivity']) {
      expect(document.querySelector(`label[for="${select(name).id}"]`)?.textContent).toBe(name);
    }
    expect(optionTexts('Sensitivity')).toEqual(['Any sensitivity', 'Basic', 'Sensitive', 'Restricted']);
    const clear = screen.getByRole('button', { name: 'Clear filters' }) as HTMLButtonElement;
    expect(clear.disabled).toBe(false);
    act(() => clear.click());
    expect(permissionCodes()).toEqual(['openid', 'profile', 'contacts.read', 'openid', 'files:write']);
    expect(select('Access level').value).toBe('');
    expect(clear.disabled).toBe(true);
    choose('Sensitivity', 'sensitive');
    expect(permissionCodes()).toEqual(['contacts.read']);
  });

  it('offers each connected account its provider’s permissions it does not have yet', async () => {
    const { bridge } = await openSettings();
    expect(optionTexts('Add a permission to Sandbox: alice@example.test')).toEqual([
      'Edit your contacts',
      'See your files',
    ]);
    expect(optionTexts('Add a permission to Acme Cloud: bob@acme.test')).toEqual(['See your files', 'Manage file sharing']);
    expect(screen.queryByRole('combobox', { name: 'Add a permission to Sandbox: carol@example.test' })).toBeNull();

    choose('Add a permission to Sandbox: alice@example.test', 'files.read');
    await act(async () => screen.getByRole('button', { name: 'Add to Sandbox: alice@example.test' }).click());
    expect(bridge.api.grants.planChange).toHaveBeenCalledWith({ connectionId: alice.id, add: ['files.read'] });
  });

  it('exports through a Blob URL and a temporary download link with the file name it was given', async () => {
    const { bridge } = await openSettings();
    bridge.api.grants.export.mockResolvedValueOnce(
      ok({ filename: 'scopekeeper-permissions-2025-03-09.csv', mimeType: 'text/csv', content: 'provider,account\nSandbox,alice' }),
    );
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:scopekeeper/export-1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { download: string; href: string; inDocument: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.getAttribute('href') ?? '', inDocument: this.isConnected });
    });

    const exportCsv = screen.getByRole('button', { name: 'Export CSV' });
    exportCsv.focus();
    await act(async () => exportCsv.click());
    expect(bridge.api.grants.export).toHaveBeenCalledWith({ format: 'csv' });
    // The result is beside the buttons and takes focus from the one pressed.
    const saved = screen.getByRole('status');
    expect(saved.textContent).toBe('Saved scopekeeper-permissions-2025-03-09.csv to your downloads.Dismiss');
    expect(saved.previousElementSibling?.contains(exportCsv)).toBe(true);
    expect(document.activeElement).toBe(saved);
    expect(clicked).toEqual([{ download: 'scopekeeper-permissions-2025-03-09.csv', href: 'blob:scopekeeper/export-1', inDocument: true }]);
    expect(created[0]?.type).toBe('text/csv');
    expect(await created[0]?.text()).toBe('provider,account\nSandbox,alice');
    // The temporary link is gone again.
    expect(document.querySelector('a[download]')).toBeNull();

    await act(async () => screen.getByRole('button', { name: 'Export JSON' }).click());
    expect(bridge.api.grants.export).toHaveBeenLastCalledWith({ format: 'json' });
    expect(clicked[1]?.download).toBe('scopekeeper-permissions-2025-03-01.json');
  });

  it('shows an export failure as an alert and downloads nothing', async () => {
    const { bridge } = await openSettings();
    bridge.api.grants.export.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    screen.getByRole('button', { name: 'Export CSV' }).focus();
    await act(async () => screen.getByRole('button', { name: 'Export CSV' }).click());
    const alert = screen.getByRole('alert');
    expect(document.activeElement).toBe(alert);
    expect(alert.textContent).toContain("cannot use this computer's secure storage");
    // Beside the Export buttons.
    expect(alert.previousElementSibling?.contains(screen.getByRole('button', { name: 'Export CSV' }))).toBe(true);
    expect(click).not.toHaveBeenCalled();
  });
});
