import type { Locator, Page } from '@playwright/test';
import { expect, sandboxPages } from './fixtures';
import type { AppHarness } from './harness';

/** Text as a regular expression that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ConnectOptions {
  /** Scopes to tick in the app's permission picker (by raw scope). */
  tick?: string[];
  /** Scopes to ask for and nothing else: every other box in the picker is unticked (whatever the picker ticks by default). */
  only?: string[];
  /** Scopes to add to the picker by name. */
  add?: string[];
  /** Scopes to untick on the provider's consent page. */
  untick?: string[];
  /** Who signs in when the provider asks (alex unless given). */
  username?: string;
  /** "For how long", as the choice beside Connect reads ("For 1 day", "Just this session"); default until taken back. */
  lasts?: string;
}

/** Connects a provider: picks scopes in the app, signs in and consents in the "browser". */
export async function connectWith(app: AppHarness, provider: string, options: ConnectOptions = {}): Promise<Page> {
  const page = app.page;
  await openConnectPane(page);
  if (options.tick?.length || options.add?.length || options.only) {
    const picker = await tickInPicker(page, provider, options.tick ?? [], options.only);
    for (const scope of options.add ?? []) {
      await picker.getByLabel('Add a scope by name').fill(scope);
      await picker.getByRole('button', { name: 'Add scope' }).click();
    }
  }
  if (options.lasts !== undefined) await page.getByRole('combobox', { name: `How long to connect ${provider}` }).selectOption({ label: options.lasts });
  await page.getByRole('button', { name: `Connect ${provider}` }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth, options.username);
  await sandboxPages.consent(auth, { untick: options.untick ?? [] });
  // The app says so once the connection is saved; anything read from the vault before may be stale.
  await expect(page.getByRole('status').filter({ hasText: `${provider} is connected as` })).toBeVisible();
  return auth;
}

/** Opens a provider's permission picker (on the Connect pane) and ticks scopes by their raw code; answers the picker. */
export async function tickInPicker(page: Page, provider: string, scopes: readonly string[], only?: readonly string[]): Promise<Locator> {
  const summary = page.getByText(`Choose permissions for ${provider}`, { exact: true });
  const picker = page.locator('details').filter({ has: summary });
  await summary.click();
  // `only`: exactly these ticked, every other box unticked, whatever the defaults.
  if (only) {
    for (const box of await picker.locator('label').filter({ has: page.locator('code') }).all()) {
      const scope = (await box.locator('code').textContent())?.replace(/^\(|\)$/g, '') ?? '';
      await box.getByRole('checkbox').setChecked(only.includes(scope));
    }
  }
  for (const scope of scopes) await pickerBox(picker, scope).check();
  return picker;
}

/** A picker's checkbox, found by its code: the checkbox is named by the permission's title, its code is the small print beside it. */
export function pickerBox(picker: Locator, scope: string): Locator {
  // Relative to each label (a filter's `has` is matched inside the element it filters).
  const code = picker.page().locator('code', { hasText: new RegExp(`^\\(${escapeRegExp(scope)}\\)$`) });
  return picker.locator('label').filter({ has: code }).getByRole('checkbox');
}

/** "Connect an account" from the sidebar, unless its pane is already shown (as it is while nothing is connected). */
export async function openConnectPane(page: Page): Promise<void> {
  const entry = page.getByRole('button', { name: 'Connect an account' });
  if ((await entry.getAttribute('aria-current')) !== 'page') await entry.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Connect an account' })).toBeVisible();
}

/** The sidebar row of a connection ("Sandbox: alex@sandbox.test"). */
export function sidebarOption(page: Page, name: string | RegExp): Locator {
  return page.getByRole('listbox', { name: 'Connected accounts' }).getByRole('option', { name });
}

/** Selects a connection in the sidebar, so its detail is the one shown. */
export async function openConnection(page: Page, name: string | RegExp): Promise<Locator> {
  await sidebarOption(page, name).click();
  await expect(sidebarOption(page, name)).toHaveAttribute('aria-selected', 'true');
  return connection(page, name);
}

/** The detail of the selected connection (only the selected one is rendered). */
export function connection(page: Page, name: string | RegExp): Locator {
  return page.getByRole('article', { name });
}

/** Every granted row of a connection, over all its category groups ("Granted permissions: Files", …). */
export function grantedRows(page: Page, article: string | RegExp): Locator {
  return connection(page, article).getByRole('list', { name: /^Granted permissions/ }).getByRole('listitem');
}

/** Opens a granted row's details (its title is the toggle) and returns the row. */
export async function expandRow(row: Locator, title: string): Promise<Locator> {
  const toggle = row.getByRole('button', { name: title, exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return row;
}

/** The one dialog that is open. */
export function openDialog(page: Page): Locator {
  return page.getByRole('dialog');
}

/** The raw scope strings a connection lists as granted, in order. */
export async function grantedScopes(page: Page, article: string | RegExp): Promise<string[]> {
  return grantedRows(page, article).locator('code').allTextContents();
}

/**
 * The person allows the one call a tool is waiting on: a call of an action that sends, deletes or
 * shares is asked about each time, even under "Always allow". `action` as the title words it
 * ("send messages").
 */
export async function allowCall(page: Page, tool: string, action: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: `Allow “${tool}” to ${action} now?` });
  await dialog.getByRole('button', { name: 'Allow this call' }).click();
  await expect(dialog).toBeHidden();
}

/** The window's views, as the main navigation names them. */
export type AppView = 'Connections' | 'Tools' | 'Review' | 'Settings';

/** Shows a view from the main navigation. */
export async function openView(page: Page, view: AppView): Promise<void> {
  // Not exact: Review's name also counts its suggestions ("Review (2 suggestions)").
  const button = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: view });
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
}

/** Settings' sections, as their side list names them. */
export type SettingsSection = 'Permissions' | 'Providers and clients' | 'Sandbox' | 'General' | 'Notifications' | 'Policy' | 'Remove all';

/** Opens Settings at one section (one is shown at a time); returns its panel. */
export async function openSettings(page: Page, section: SettingsSection): Promise<Locator> {
  await openView(page, 'Settings');
  const tab = page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: section, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('tabpanel', { name: section, exact: true });
}

/** Opens Tools and shows one approved tool's detail (one is shown at a time); returns it. */
export async function openTool(page: Page, name: string): Promise<Locator> {
  await openView(page, 'Tools');
  const option = page.getByRole('listbox', { name: 'Approved tools' }).getByRole('option', { name: new RegExp(`^${escapeRegExp(name)} (\\d+ approvals? ·|Nothing approved)`) });
  await option.click();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('article', { name, exact: true });
}

/**
 * Opens "Removed (n)" in the Connections sidebar and one removed connection's history (folded
 * until opened); returns that connection ("Sandbox, alex@sandbox.test").
 */
export async function openRemoved(page: Page, name: string): Promise<Locator> {
  await openView(page, 'Connections');
  await page.getByRole('navigation', { name: 'Connected accounts' }).getByRole('button', { name: /^Removed \(\d+\)$/ }).click();
  const removed = page.getByRole('region', { name: 'Removed connections' }).getByRole('article', { name: `Removed connection: ${name}` });
  await removed.getByText(/^History \(/).click();
  await expect(removed.getByRole('list', { name: 'History' })).toBeVisible();
  return removed;
}
