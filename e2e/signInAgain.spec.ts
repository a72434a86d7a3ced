import { connectWith, connection, grantedRows, openConnectPane, sidebarOption, tickInPicker } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { readTokens } from './vaultFile';
import { findScope } from '../shared/catalog';

/** Signing in to an account that is already connected: nothing widens, and the person is told what to do. */
const ALEX = 'Sandbox: alex@sandbox.test';
const ADMIN_TITLE = findScope('sandbox', 'files:admin')!.title;

test('Connect on an account already connected opens it as it is: what was taken back stays taken back', { tag: '@already-connected' }, async ({ app, sandbox }) => {
  const page = app.page;
  await connectWith(app, 'Sandbox', { tick: ['files:admin'] });
  await connection(page, ALEX).getByRole('button', { name: `Take back ${ADMIN_TITLE}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Take back', exact: true }).click();
  const reconsent = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(reconsent);
  await sandboxPages.consent(reconsent);
  await expect(grantedRows(page, ALEX).filter({ hasText: 'files:admin' })).toHaveCount(0);
  const kept = await readTokens(app.dataDir);

  // Connect Sandbox again asking for admin too, and the person approves everything on the consent page.
  await openConnectPane(page);
  await tickInPicker(page, 'Sandbox', ['files:admin']);
  await page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await expect(auth.getByRole('checkbox', { name: 'files:admin', exact: true })).toBeChecked();
  await sandboxPages.consent(auth);

  const notice = connection(page, ALEX).getByRole('status').filter({ hasText: 'Already connected' });
  await expect(notice).toHaveText(
    new RegExp(`^Already connected: alex@sandbox\\.test was connected already, so nothing was changed\\. It does not have “${ADMIN_TITLE}” \\(files:admin\\): to add it, use Add permissions\\.`),
  );
  await expect(sidebarOption(page, ALEX)).toHaveAttribute('aria-selected', 'true');
  await expect(grantedRows(page, ALEX).filter({ hasText: 'files:admin' })).toHaveCount(0);
  await expect(connection(page, ALEX).getByRole('button', { name: 'Add permissions' })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Connected accounts' }).getByRole('option')).toHaveCount(1);
  // The connection kept its own tokens, which still work; the sign-in's were never kept.
  expect(await readTokens(app.dataDir)).toEqual(kept);
  expect((await sandbox.introspect(kept.accessToken)).active).toBe(true);
});

test('Add another account asks with an advertised prompt value, adds a second person, and says what to do for the same one', { tag: '@add-another-account' }, async ({ app }) => {
  const page = app.page;
  await connectWith(app, 'Sandbox');
  await openConnectPane(page);
  const another = page.getByRole('button', { name: 'Add another Sandbox account' });

  await another.click();
  const auth = await app.nextAuthPage();
  // The Sandbox advertises none, login and consent (not select_account): the sign-in page shows again.
  expect(new URL(app.authUrls.at(-1)!).searchParams.get('prompt')).toBe('consent login');
  await sandboxPages.signIn(auth, 'sam');
  await sandboxPages.consent(auth);
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox is connected as sam@sandbox.test.' })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Connected accounts' }).getByRole('option')).toHaveCount(2);

  await openConnectPane(page);
  await another.click();
  const again = await app.nextAuthPage();
  await sandboxPages.signIn(again, 'alex');
  await sandboxPages.consent(again);
  const guidance = page.getByRole('status').filter({ hasText: 'again' });
  await expect(guidance).toHaveText(
    /^You signed in as alex@sandbox\.test again\. To add a different account, sign out of alex@sandbox\.test at Sandbox in your browser, or use a private window, then try again\./,
  );
  await expect(guidance).toBeFocused();
  // Beside the button that was used, with nothing added or changed.
  await expect(page.getByRole('listitem').filter({ has: another }).getByRole('status')).toHaveCount(1);
  await expect(page.getByRole('listbox', { name: 'Connected accounts' }).getByRole('option')).toHaveCount(2);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
