import { allowCall, connection, connectWith, grantedRows, openConnection, openDialog } from './appPages';
import { approvalDialog, scopekeeper, tools } from './brokerTools';
import { expect, sandboxPages, test } from './fixtures';

/**
 * A connection with a fixed list of permissions, as a person sees it: a tool's step-up for a
 * scope outside the list shows "Missing scope" and "Add it to the list", and nothing is granted
 * (no sign-in opens) until the list is edited; then the usual plan adds it.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';

// The tool is a real Node process (the command): a larger budget than the default, not a wait.
test.describe.configure({ timeout: 90_000 });

test('a Fixed connection: a tool’s step-up shows Missing scope and Add it to the list; nothing is granted until the list is edited', { tag: '@fixed-scopes' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { only: ['files:read'] });
  const detail = await openConnection(app.page, SANDBOX);
  // The mode is the vault's: the radio shows it once saved.
  await detail.getByRole('radio', { name: 'Fixed list' }).click();
  await expect(detail.getByRole('radio', { name: 'Fixed list' })).toBeChecked();
  const list = detail.getByRole('list', { name: 'Fixed list' });
  await expect(list).toContainText('(files:read)');
  await expect(list).not.toContainText('(files:write)');
  // The action that needs what the list lacks says so instead of offering Turn on.
  const edit = detail.getByRole('list', { name: 'What this connection can do' }).getByRole('listitem').filter({ hasText: 'Edit your files' });
  await expect(edit).toContainText('Missing scope');
  await expect(edit.getByRole('button', { name: 'Turn on Edit your files' })).toHaveCount(0);

  const dir = tools();
  const body = JSON.stringify({ name: 'fixed.txt', content: 'hello' });
  const write = ['call', 'sandbox', 'edit-files', '--name', 'editor', '--path', '/api/files', '--data', body];
  const first = scopekeeper(app, dir, write);
  await approvalDialog(app.page).getByRole('button', { name: 'Always allow' }).click();
  await allowCall(app.page, 'editor', 'edit your files');
  const question = approvalDialog(app.page);
  await expect(question).toContainText('“editor” needs another permission');
  await expect(question.getByRole('group', { name: 'Missing scope' })).toContainText('Create and change your files (files:write)');
  await expect(question.getByRole('button', { name: 'Add permission' })).toHaveCount(0);
  await question.getByRole('button', { name: 'Add it to the list' }).click();
  await expect(question).toBeHidden();
  const refused = await first;
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('insufficient_scope');

  // The editor opens with the missing scope ticked; nothing was asked of the Sandbox.
  const editor = connection(app.page, SANDBOX).getByRole('form', { name: 'Edit the fixed list' });
  await expect(editor.getByRole('checkbox', { name: /\(files:write\)/ })).toBeChecked();
  await expect(editor.getByRole('checkbox', { name: /\(files:read\)/ })).toBeChecked();
  expect(app.authUrls).toHaveLength(1);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);

  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(connection(app.page, SANDBOX).getByRole('status').filter({ hasText: 'The list is saved. Not granted yet: Create and change your files' })).toBeVisible();
  await expect(list).toContainText('(files:write)');
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);
  // The switch and the edit are in the connection's timeline.
  const history = detail.getByRole('list', { name: 'History' }).getByRole('listitem');
  await expect(history.filter({ hasText: 'Scope mode: Fixed list. What is granted now is the list.' })).toHaveCount(1);
  await expect(history.filter({ hasText: 'Fixed list edited: added Create and change your files (files:write).' })).toHaveCount(1);

  // With the list saved, the usual plan adds it.
  await detail.getByRole('button', { name: 'Ask for what the list adds' }).click();
  const consent = app.nextAuthPage();
  await openDialog(app.page).getByRole('button', { name: 'Ask for it' }).click();
  await sandboxPages.signInIfAsked(await consent);
  await sandboxPages.consent(await consent);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(1);
  const second = scopekeeper(app, dir, write);
  await allowCall(app.page, 'editor', 'edit your files');
  const written = await second;
  expect(written.code, written.stderr).toBe(0);
  expect(JSON.parse(written.stdout)).toMatchObject({ name: 'fixed.txt' });
});
