import type { Page } from '@playwright/test';
import { openSettings, openView } from './appPages';
import type { SettingsSection } from './appPages';
import { expect, test } from './fixtures';

/**
 * Settings laid out as Connections is: its sections in a side list, one shown at a time beside
 * it, chosen with the mouse or the arrow keys, still chosen after another view, and opened at the
 * right one by a link into it.
 */
const SECTIONS: Record<SettingsSection, string[]> = {
  Permissions: ['Permissions', 'Review', 'New actions'],
  'Providers and clients': ['Providers and clients'],
  Sandbox: ['Sandbox server'],
  General: ['General', 'The scopekeeper command'],
  Notifications: ['Notifications'],
  Policy: ['Policy'],
  'Remove all': ['Remove all'],
};

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Settings' }).getByRole('tab');
const panelHeadings = (page: Page) => page.getByRole('tabpanel').getByRole('heading', { level: 3 });

test('each section is its own page beside the list, its heading in view at once', { tag: '@settings-sections' }, async ({ app }) => {
  const { page } = app;
  await openView(page, 'Settings');
  await expect(tabs(page)).toHaveText([/^Permissions/, /^Providers and clients/, /^Sandbox/, /^General/, /^Notifications/, /^Policy/, /^Remove all/]);
  for (const [section, headings] of Object.entries(SECTIONS) as [SettingsSection, string[]][]) {
    const panel = await openSettings(page, section);
    await expect(page.getByRole('tabpanel')).toHaveCount(1);
    await expect(panelHeadings(page)).toHaveText(headings);
    // No more "Providers and clients ~1,800 px down": the chosen section starts at the top.
    await expect(panel.getByRole('heading', { level: 3 }).first()).toBeInViewport();
  }
});

test('the list is one Tab stop; arrow keys, Home and End choose a section, which stays chosen after another view', { tag: '@settings-sections' }, async ({ app }) => {
  const { page } = app;
  await openView(page, 'Settings');
  const permissions = page.getByRole('tab', { name: 'Permissions', exact: true });
  await permissions.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('tab', { name: 'Providers and clients' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Providers and clients' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Remove all' })).toBeFocused();
  await expect(panelHeadings(page)).toHaveText(['Remove all']);
  await page.keyboard.press('Home');
  await expect(permissions).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('tabpanel', { name: 'Sandbox' })).toBeVisible();
  // Tab leaves the list for the section: the other sections are not Tab stops.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tablist', { name: 'Settings' }).locator(':focus')).toHaveCount(0);

  await openView(page, 'Connections');
  await openView(page, 'Settings');
  await expect(page.getByRole('tab', { name: 'Sandbox', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(panelHeadings(page)).toHaveText(['Sandbox server']);
});

test('a link to a provider’s own OAuth app opens Providers and clients at its form, from another section', { tag: '@settings-sections' }, async ({ app }) => {
  const { page } = app;
  await openSettings(page, 'Notifications');
  await openView(page, 'Connections');
  // As the link in "Connect an account" does when a provider has no client (the hash it points at).
  await page.evaluate("window.location.hash = '#own-client-sandbox'");
  await expect(page.getByRole('tab', { name: 'Providers and clients' })).toHaveAttribute('aria-selected', 'true');
  const form = page.locator('#own-client-sandbox');
  await expect(form).toHaveAttribute('open', '');
  await expect(form.getByText('Use your own OAuth app with Sandbox')).toBeFocused();
  await expect(form).toBeInViewport();
});
