import { connectWith, connection, grantedRows } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { readTokens } from './vaultFile';

const SANDBOX = 'Sandbox: alex@sandbox.test';

test('a grant revoked at the provider shows as revoked there, and Reconnect restores it', { tag: '@revoked-at-provider' }, async ({ app, sandbox }) => {
  await connectWith(app, 'Sandbox');
  const card = connection(app.page, SANDBOX);
  const grantedBefore = await grantedRows(app.page, SANDBOX).count();
  const before = await readTokens(app.dataDir);

  // The person removes Scopekeeper at the provider (or the provider ends the grant): server side.
  expect(await sandbox.revokeGrantOf(before.refreshToken!)).toBe(true);
  await card.getByRole('button', { name: 'Check access' }).click();

  await expect(card.getByText('Revoked at Sandbox', { exact: true })).toBeVisible();
  await expect(card).toContainText('invalid_grant');
  await expect(grantedRows(app.page, SANDBOX)).toHaveCount(0);
  await expect(card.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Revoked at the provider' })).toHaveCount(1);

  await card.getByRole('button', { name: 'Reconnect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);

  await expect(card.getByText('Revoked at Sandbox', { exact: true })).toHaveCount(0);
  await expect(grantedRows(app.page, SANDBOX)).toHaveCount(grantedBefore);
  const after = await readTokens(app.dataDir);
  expect((await sandbox.introspect(after.refreshToken!)).active).toBe(true);
  await card.getByRole('button', { name: 'Check access' }).click();
  await expect(app.page.getByRole('status').filter({ hasText: 'Sandbox still accepts' })).toBeVisible();
});
