import type { Page } from '@playwright/test';
import { getProvider } from '../shared/catalog';
import { connectWith, openDialog, openSettings, sidebarOption } from './appPages';
import { expect, test } from './fixtures';
import type { AppHarness } from './harness';
import { readTokens, readVaultFile } from './vaultFile';

const MICROSOFT_CONSOLE = getProvider('microsoft')!.consoleUrl;

/** Two Sandbox accounts (alex, then sam after the browser forgot alex's session) and a Microsoft one. */
async function connectThree(app: AppHarness): Promise<{ alex: string; sam: string }> {
  await connectWith(app, 'Sandbox');
  await connectWith(app, 'Microsoft', { tick: ['Mail.Read'] });
  await app.page.context().clearCookies();
  await connectWith(app, 'Sandbox', { username: 'sam' });
  const id = (account: string): string =>
    Object.entries(readVaultFile(app.dataDir).connections).find(([, c]) => (c as { account: string }).account === account)![0];
  // Microsoft's own page, where people remove apps: answered here, so nothing leaves this computer.
  await app.page.context().route(`${MICROSOFT_CONSOLE}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>My Apps</title>' }));
  return { alex: id('alex@sandbox.test'), sam: id('sam@sandbox.test') };
}

async function openRemoveAll(page: Page): Promise<void> {
  await openSettings(page, 'Remove all');
  await expect(page.getByRole('heading', { level: 3, name: 'Remove all' })).toBeVisible();
}

/** The confirmation's rows: account and what happens at its provider. */
function planRows(page: Page) {
  return openDialog(page).getByRole('list', { name: 'What happens to each connection' }).getByRole('listitem');
}

function resultRows(page: Page) {
  return page.getByRole('list', { name: 'Remove all results' }).getByRole('listitem');
}

test('Remove all: one confirmation listing each connection and what happens at its provider, then each removed with its result', { tag: '@remove-all' }, async ({ app, sandbox }) => {
  const { alex, sam } = await connectThree(app);
  const tokens = [await readTokens(app.dataDir, alex), await readTokens(app.dataDir, sam)];
  for (const t of tokens) expect((await sandbox.introspect(t.refreshToken!)).active).toBe(true);
  await openRemoveAll(app.page);

  await app.page.getByRole('button', { name: 'Remove all connections…' }).click();
  await expect(openDialog(app.page)).toHaveAccessibleName('Remove all 3 connections?');
  await expect(planRows(app.page)).toHaveCount(3);
  await expect(planRows(app.page).filter({ hasText: 'Microsoft: alex@contoso.example' })).toContainText('Microsoft’s page opens: it has no way for apps to revoke');
  await expect(planRows(app.page).filter({ hasText: 'Microsoft: alex@contoso.example' })).toContainText(`Your browser opens ${MICROSOFT_CONSOLE}`);
  for (const account of ['alex@sandbox.test', 'sam@sandbox.test']) {
    await expect(planRows(app.page).filter({ hasText: `Sandbox: ${account}` })).toContainText('Revoked through Sandbox’s API');
  }
  await openDialog(app.page).getByRole('button', { name: 'Remove all', exact: true }).click();

  await expect(app.page.getByRole('status').filter({ hasText: 'Removed 3 connections.' })).toBeVisible();
  await expect(resultRows(app.page)).toHaveCount(3);
  await expect(resultRows(app.page).filter({ hasText: 'Microsoft: alex@contoso.example' })).toContainText(`Removed. Removed here. Microsoft keeps the consent until you remove it at ${MICROSOFT_CONSOLE}.`);
  await expect(resultRows(app.page).filter({ hasText: 'Sandbox: ' }).filter({ hasText: 'Removed. Sandbox revoked Scopekeeper’s access' })).toHaveCount(2);
  expect(app.authUrls.filter((url) => url.startsWith(MICROSOFT_CONSOLE))).toHaveLength(1);

  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await expect(app.page.getByText('No accounts connected yet.')).toBeVisible();
  await expect(sidebarOption(app.page, /.*/)).toHaveCount(0);
  // Really revoked at the Sandbox: neither token of either account works any more.
  for (const t of tokens) {
    expect((await sandbox.introspect(t.refreshToken!)).active).toBe(false);
    expect((await sandbox.introspect(t.accessToken)).active).toBe(false);
  }
  expect(readVaultFile(app.dataDir)).toMatchObject({ connections: {}, secrets: {} });
});

test('Remove all Sandbox connections: Keep them changes nothing; confirmed, only the Sandbox’s go', { tag: '@remove-all' }, async ({ app, sandbox }) => {
  const { alex, sam } = await connectThree(app);
  const tokens = [await readTokens(app.dataDir, alex), await readTokens(app.dataDir, sam)];
  await openRemoveAll(app.page);
  const opener = app.page.getByRole('button', { name: 'Remove all Sandbox connections…' });

  await opener.click();
  await expect(openDialog(app.page)).toHaveAccessibleName('Remove all 2 Sandbox connections?');
  await expect(planRows(app.page)).toHaveCount(2);
  await openDialog(app.page).getByRole('button', { name: 'Keep them' }).click();
  await expect(openDialog(app.page)).toHaveCount(0);
  await expect(opener).toBeFocused();
  expect(Object.keys(readVaultFile(app.dataDir).connections)).toHaveLength(3);
  for (const t of tokens) expect((await sandbox.introspect(t.refreshToken!)).active).toBe(true);

  await opener.click();
  await openDialog(app.page).getByRole('button', { name: 'Remove all', exact: true }).click();
  await expect(app.page.getByRole('status').filter({ hasText: 'Removed 2 connections.' })).toBeVisible();
  await expect(app.page.locator('.remove-all-results')).toBeFocused();
  await expect(resultRows(app.page)).toHaveCount(2);
  for (const t of tokens) expect((await sandbox.introspect(t.refreshToken!)).active).toBe(false);
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await expect(sidebarOption(app.page, /.*/)).toHaveCount(1);
  await expect(sidebarOption(app.page, 'Microsoft: alex@contoso.example')).toHaveCount(1);
  expect(app.authUrls.filter((url) => url.startsWith(MICROSOFT_CONSOLE))).toHaveLength(0);
});
