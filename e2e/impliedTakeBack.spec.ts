import { connectWith, connection, grantedRows, openDialog } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { readTokens } from './vaultFile';

const SANDBOX = 'Sandbox: alex@sandbox.test';
const READ = 'See your files';
const WRITE = 'Create and change your files';
const ADMIN = 'Manage files and who sees them';

test('taking back See your files names the broader ones and why; Take back only the broader ones keeps reading', { tag: '@implied-take-back' }, async ({ app, sandbox }) => {
  await connectWith(app, 'Sandbox', { tick: ['files:read', 'files:write', 'files:admin'] });
  const card = connection(app.page, SANDBOX);
  // Turning off reading alone would change nothing while editing and sharing need it: said beforehand, no button.
  const readFiles = card.getByRole('list', { name: 'What this connection can do' }).getByRole('listitem').filter({ hasText: /^Read your files/ });
  await expect(readFiles).toContainText('Needed by Edit your files and Share your files: turn those off first');
  await expect(readFiles.getByRole('button', { name: 'Turn off Read your files' })).toHaveCount(0);
  await card.getByRole('button', { name: `Take back ${READ}` }).click();

  const confirm = openDialog(app.page);
  // Named for what was asked, not "Take back 3 permissions?"; the broader ones are named, with why.
  await expect(confirm).toHaveAccessibleName(`Take back “${READ}”?`);
  await expect(confirm).toContainText(`${WRITE} and ${ADMIN} also let an app see your files, so they go too.`);
  await expect(confirm.getByRole('list', { name: 'You take back' }).getByRole('listitem')).toHaveCount(3);
  // The other choice, with its own plan at the provider.
  const other = confirm.getByRole('region', { name: 'Or take back only the broader ones' });
  await expect(other).toContainText(`You keep “${READ}”.`);
  await expect(other.getByRole('list', { name: 'Broader ones taken back' }).getByRole('listitem')).toHaveText([new RegExp(`^${WRITE} `), new RegExp(`^${ADMIN} `)]);
  await expect(other.getByRole('list', { name: 'How the broader ones are taken back' })).toContainText('revoke');
  await expect(other.getByRole('list', { name: 'Lost with the broader ones' })).toContainText('Edit your files');
  await expect(other).toContainText('Your browser will open.');
  await confirm.getByRole('button', { name: 'Take back only the broader ones' }).click();

  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  // The provider is asked again for what stays, reading files included.
  await expect(auth.getByRole('checkbox', { name: 'files:write', exact: true })).toHaveCount(0);
  await sandboxPages.consent(auth);

  const outcome = app.page.getByRole('status').filter({ hasText: `no longer grants ${WRITE}, ${ADMIN}` });
  await expect(outcome).toBeVisible();
  const rows = grantedRows(app.page, SANDBOX);
  await expect(rows.filter({ hasText: 'files:read' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'files:write' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'files:admin' })).toHaveCount(0);
  const scopes = (await sandbox.introspect((await readTokens(app.dataDir)).accessToken)).scope?.split(' ');
  expect(scopes).toContain('files:read');
  expect(scopes).not.toContain('files:write');
  expect(scopes).not.toContain('files:admin');

  // History says what was taken back and what was kept.
  const tookBack = card.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Took back' });
  await expect(tookBack).toHaveCount(1);
  await expect(tookBack).toContainText(`Took back: ${WRITE}, ${ADMIN}`);
  await expect(tookBack).toContainText(`You kept ${READ} and took back only the broader ones.`);

  // Not final: the outcome offers to add back exactly what was taken back, with the normal consent.
  await outcome.getByRole('button', { name: 'Add it back' }).click();
  await expect(openDialog(app.page)).toHaveAccessibleName(`Ask Sandbox for “${WRITE}”, “${ADMIN}”?`);
  await openDialog(app.page).getByRole('button', { name: 'Ask for it' }).click();
  const again = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(again);
  await sandboxPages.consent(again);
  await expect(rows.filter({ hasText: 'files:write' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'files:admin' })).toHaveCount(1);
});
