import { expect, sandboxPages, test } from './fixtures';
import { readVaultFile } from './vaultFile';

const ACCOUNT = 'Sandbox: alex@sandbox.test';

test('connects by code: the app shows it, opens the page on request, and saves what was granted', { tag: '@device-flow' }, async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Connect with a code: Sandbox' }).click();
  const panel = page.getByRole('status', { name: 'Connect Sandbox with a code' });
  const code = panel.getByLabel('Code to enter');
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  const userCode = (await code.textContent())!;
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
  await page.getByRole('button', { name: 'Connect with a code: Sandbox' }).click();
  const panel = page.getByRole('status', { name: 'Connect Sandbox with a code' });
  const code = panel.getByLabel('Code to enter');
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
  const userCode = (await code.textContent())!;
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
