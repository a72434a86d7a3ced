import { SANDBOX_SCOPES } from '../shared/catalog';
import { connection, connectWith, grantedRows } from './appPages';
import { expect, test } from './fixtures';

const SANDBOX = 'Sandbox: alex@sandbox.test';
const FILES_ADMIN = SANDBOX_SCOPES.find((scope) => scope.scope === 'files:admin')!;

test('search finds the forms of a word and the actions by title, and marks what matched', { tag: '@search-stems' }, async ({ app }) => {
  const page = app.page;
  await connectWith(app, 'Sandbox', { tick: ['files:admin'] });
  const detail = connection(page, SANDBOX);
  const rows = grantedRows(page, SANDBOX);
  const search = page.getByRole('searchbox', { name: 'Search permissions' });

  // The placeholder's own example: "delete" finds the sentence that says "deleting them for everyone".
  expect(FILES_ADMIN.sentence).toContain('deleting them for everyone');
  expect(FILES_ADMIN.sentence).not.toMatch(/\bdelete\b/);
  await search.fill('delete');
  const admin = rows.filter({ has: page.getByRole('button', { name: FILES_ADMIN.title, exact: true }) });
  await expect(admin).toBeVisible();
  // Why it matched is shown under its title, the word marked.
  await expect(admin.getByText(FILES_ADMIN.sentence)).toBeVisible();
  await expect(admin.locator('mark')).toHaveText(['deleting']);
  await expect(admin.locator('mark')).toBeVisible();
  // The marks change no names: the row's Take back is still named for the permission.
  await expect(admin.getByRole('button', { name: `Take back ${FILES_ADMIN.title}`, exact: true })).toBeVisible();
  // What only reads, and never says delete, is filtered out.
  await expect(rows.filter({ hasText: 'files:read' })).toHaveCount(0);
  await expect(page.getByText(/^Showing \d+ of \d+ permissions$/)).toBeVisible();

  // "file" finds "files", marked in the titles and the raw scopes.
  await search.fill('file');
  await expect(rows.filter({ hasText: 'files:read' }).locator('mark')).toHaveText(['files', 'files']);
  await expect(rows.filter({ hasText: 'messages:read' })).toHaveCount(0);

  // An action found by its title ("Send messages"), by another form of its word.
  await search.fill('sending');
  const actions = detail.getByRole('list', { name: 'What this connection can do' });
  const send = actions.getByRole('listitem').filter({ hasText: 'Send messages' });
  await expect(send).toBeVisible();
  await expect(send.locator('mark')).toHaveText(['Send']);
  await expect(actions.getByRole('listitem')).toHaveCount(1);

  await search.fill('');
  await expect(detail.locator('mark')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'files:read' })).toHaveCount(1);
});
