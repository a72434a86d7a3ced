import { connectWith, connection, grantedRows, pickerBox, tickInPicker } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { findScope, getProvider } from '../shared/catalog';

/** One rule for every provider: Connect never ticks admin access or a restricted permission for you, and the picker says what it ticked. */
const SANDBOX = 'Sandbox: alex@sandbox.test';
const ADMIN_TITLE = findScope('sandbox', 'files:admin')!.title;

/** The scopes an authorization request asked for, as the provider read them. */
function askedScopes(url: string): string[] {
  return (new URL(url).searchParams.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
}

test('the Sandbox picker ticks everyday permissions, never admin, and says so; Connect untouched grants no admin', { tag: '@picker-defaults' }, async ({ app }) => {
  const page = app.page;
  const picker = await tickInPicker(page, 'Sandbox', []);
  await expect(picker.getByText(/^Ticked for you/)).toHaveText(
    'Ticked for you: Sandbox’s everyday permissions. Admin access and restricted permissions are never ticked for you; tick them yourself if you need them.',
  );
  await expect(picker.getByRole('checkbox', { name: ADMIN_TITLE, exact: true })).not.toBeChecked();
  await expect(pickerBox(picker, 'files:admin')).not.toBeChecked();
  for (const everyday of ['files:read', 'files:write', 'messages:write', 'webhooks:write']) await expect(pickerBox(picker, everyday)).toBeChecked();

  await page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  // The provider's own consent page was never asked for admin.
  await expect(auth.getByRole('checkbox', { name: 'files:write', exact: true })).toBeChecked();
  await expect(auth.getByRole('checkbox', { name: 'files:admin', exact: true })).toHaveCount(0);
  await sandboxPages.consent(auth);
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox is connected as' })).toBeVisible();

  expect(askedScopes(app.authUrls.at(-1)!)).not.toContain('files:admin');
  await expect(grantedRows(page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(1);
  await expect(grantedRows(page, SANDBOX).filter({ hasText: 'files:admin' })).toHaveCount(0);
  await expect(connection(page, SANDBOX).getByRole('list', { name: 'Asked for but not granted' })).toHaveCount(0);
});

test('Google’s picker ticks nothing and says Connect only signs you in; Connect untouched asks only that', { tag: '@picker-defaults' }, async ({ app }) => {
  const page = app.page;
  const picker = await tickInPicker(page, 'Google', []);
  await expect(picker.getByText(/^Nothing is ticked for you/)).toHaveText(
    'Nothing is ticked for you: Connect asks Google only to sign you in. Tick the permissions you want to give.',
  );
  const boxes = picker.getByRole('checkbox');
  expect(await boxes.count()).toBeGreaterThan(0);
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();

  await connectWith(app, 'Google');
  expect(askedScopes(app.authUrls.at(-1)!).sort()).toEqual([...getProvider('google')!.identityScopes].sort());
});
