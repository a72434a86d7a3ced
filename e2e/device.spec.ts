import type { Locator, Page } from '@playwright/test';
import { grantedRows } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import type { AppHarness } from './harness';
import { readTokens, readVaultFile } from './vaultFile';

const ACCOUNT = 'Sandbox: alex@sandbox.test';

test('connects by code: the app shows it, opens the page on request, and saves what was granted', { tag: '@device-flow' }, async ({ app }) => {
  const { page } = app;
  const { panel, userCode } = await startByCode(page, 'Sandbox');
  await expect(panel.getByLabel('Address to open')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/device$/);

  await panel.getByRole('button', { name: 'Open Sandbox’s page' }).click();
  const auth = await app.nextAuthPage();
  // The page opened with the code filled in: the person checks it against the app's, and confirms.
  await expect(auth.getByLabel('Code to check')).toHaveText(userCode);
  await auth.getByRole('button', { name: 'Confirm' }).click();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth, { untick: ['tasks:write'] });
  await expect(auth.getByRole('heading', { name: 'Connected to Sandbox' })).toBeVisible();

  await expect(page.getByRole('status').filter({ hasText: 'Sandbox is connected as alex@sandbox.test' })).toBeVisible();
  const connection = page.getByRole('article', { name: ACCOUNT });
  await expect(connection.getByRole('list', { name: 'Asked for but not granted' })).toContainText('tasks:write');
  expect(Object.keys(readVaultFile(app.dataDir).secrets)).toHaveLength(1);
});

test('cancelling a sign-in by code stops it: a later approval of that code connects nothing', { tag: '@device-flow' }, async ({ app, context }) => {
  const { page } = app;
  const { panel, userCode } = await startByCode(page, 'Sandbox');
  const address = (await panel.getByLabel('Address to open').textContent())!;

  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sign-in cancelled. Nothing was connected.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect with a code: Sandbox' })).toBeEnabled();

  // The person types the code on the provider's page anyway, in any browser.
  const auth = await context.newPage();
  await auth.goto(address);
  await auth.getByLabel('Code', { exact: true }).fill(userCode);
  await auth.getByRole('button', { name: 'Continue' }).click();
  await auth.getByRole('button', { name: 'Confirm' }).click();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(auth.getByRole('heading', { name: 'Connected to Sandbox' })).toBeVisible();

  await expect(page.getByText('No accounts connected yet.')).toBeVisible();
  expect(readVaultFile(app.dataDir).connections).toEqual({});
});

/** Ticks permissions in the Connect pane's picker for a provider (by raw scope, shown as small print). */
async function tick(page: Page, provider: string, scopes: string[]): Promise<void> {
  const summary = page.getByText(`Choose permissions for ${provider}`, { exact: true });
  await summary.click();
  for (const scope of scopes) {
    const code = page.locator('code', { hasText: `(${scope})` });
    await page.locator('details').filter({ has: summary }).locator('label').filter({ has: code }).getByRole('checkbox').check();
  }
}

/** Types the code on the provider's verification page, signs in and consents there. */
async function approveOnProviderPage(auth: Page, userCode: string): Promise<void> {
  await auth.getByLabel('Code', { exact: true }).fill(userCode);
  await auth.getByRole('button', { name: 'Continue' }).click();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(auth.getByRole('heading', { name: 'Your device is connected' })).toBeVisible();
}

/** Starts connecting `provider` with a code: the panel, and the code it shows (four letters, a dash, four letters). */
async function startByCode(page: Page, provider: string): Promise<{ panel: Locator; userCode: string }> {
  await page.getByRole('button', { name: `Connect with a code: ${provider}` }).click();
  const panel = page.getByRole('status', { name: `Connect ${provider} with a code` });
  const code = panel.getByLabel('Code to enter');
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  return { panel, userCode: (await code.textContent())! };
}

/**
 * Ticks `scope` for a provider, starts connecting it with a code, checks the address the panel
 * shows, and opens the provider's page from the panel: the page and the code to type there.
 */
async function openByCode(app: AppHarness, provider: string, scope: string, address: string): Promise<{ auth: Page; userCode: string }> {
  await tick(app.page, provider, [scope]);
  const { panel, userCode } = await startByCode(app.page, provider);
  await expect(panel.getByLabel('Address to open')).toHaveText(address);
  await panel.getByRole('button', { name: `Open ${provider}’s page` }).click();
  return { auth: await app.nextAuthPage(), userCode };
}

test('GitHub by code: github.com/login/device, the account from /user, the scopes it granted', { tag: '@device-flow' }, async ({ app, providers }) => {
  const { page } = app;
  const { auth, userCode } = await openByCode(app, 'GitHub', 'repo', 'https://github.com/login/device');
  await expect(auth).toHaveURL('https://github.com/login/device');
  await approveOnProviderPage(auth, userCode);

  await expect(page.getByRole('status').filter({ hasText: 'GitHub is connected as alex' })).toBeVisible();
  await expect(grantedRows(page, 'GitHub: alex').filter({ hasText: 'repo' })).toHaveCount(1);
  const { accessToken } = await readTokens(app.dataDir);
  expect(providers.github.isActive(accessToken)).toBe(true);
});

test('Microsoft by code: microsoft.com/devicelogin through the common tenant, with a refresh token', { tag: '@device-flow' }, async ({ app, providers }) => {
  const { page } = app;
  const { auth, userCode } = await openByCode(app, 'Microsoft', 'Mail.Read', 'https://microsoft.com/devicelogin');
  await approveOnProviderPage(auth, userCode);

  const account = 'Microsoft: alex@contoso.example';
  await expect(page.getByRole('status').filter({ hasText: 'Microsoft is connected as alex@contoso.example' })).toBeVisible();
  await expect(grantedRows(page, account).filter({ hasText: 'Mail.Read' })).toHaveCount(1);
  expect(providers.microsoft.consentedBy('alex')).toContain('mail.read');
  expect((await readTokens(app.dataDir)).refreshToken).toBeDefined();
});
