import type { Locator, Page } from '@playwright/test';
import { expect, sandboxPages } from './fixtures';
import type { AppHarness } from './harness';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ConnectOptions {
  /** Scopes to tick in the app's permission picker (by raw scope). */
  tick?: string[];
  /** Scopes to add to the picker by name. */
  add?: string[];
  /** Scopes to untick on the provider's consent page. */
  untick?: string[];
}

/** Connects a provider: picks scopes in the app, signs in and consents in the "browser". */
export async function connectWith(app: AppHarness, provider: string, options: ConnectOptions = {}): Promise<Page> {
  const page = app.page;
  if (options.tick?.length || options.add?.length) {
    const summary = page.getByText(`Choose permissions for ${provider}`, { exact: true });
    const picker = page.locator('details').filter({ has: summary });
    await summary.click();
    for (const scope of options.tick ?? []) {
      await picker.getByRole('checkbox', { name: new RegExp(`\\(${escapeRegExp(scope)}\\)$`) }).check();
    }
    for (const scope of options.add ?? []) {
      await picker.getByLabel('Add a scope by name').fill(scope);
      await picker.getByRole('button', { name: 'Add scope' }).click();
    }
  }
  await page.getByRole('button', { name: `Connect ${provider}` }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth, { untick: options.untick ?? [] });
  // The app says so once the connection is saved; anything read from the vault before may be stale.
  await expect(page.getByRole('status').filter({ hasText: `${provider} is connected as` })).toBeVisible();
  return auth;
}

export function connection(page: Page, name: string | RegExp): Locator {
  return page.getByRole('article', { name });
}

export function grantedRows(page: Page, article: string | RegExp): Locator {
  return connection(page, article).getByRole('list', { name: 'Granted permissions' }).getByRole('listitem');
}

/** The raw scope strings a connection lists as granted, in order. */
export async function grantedScopes(page: Page, article: string | RegExp): Promise<string[]> {
  return grantedRows(page, article).locator('code').allTextContents();
}
