import { allowCall, connection, connectWith, openSettings } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { approvalDialog, scopekeeper, tools } from './brokerTools';

/**
 * Every result next to the control that caused it, with focus on it and in view: saving your own
 * OAuth app, Export, Check access, and a tool's step-up (its sign-in panel and how it ended).
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';

// The step-up test also starts the `scopekeeper` command: a larger budget than the default, not a wait.
test.describe.configure({ timeout: 90_000 });

test('saving your own OAuth app says so right beside Save, focused and in view', { tag: '@feedback' }, async ({ app }) => {
  const { page } = app;
  const providers = await openSettings(page, 'Providers and clients');
  const panel = providers.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Sandbox', exact: true }) });
  await panel.getByText('Use your own OAuth app with Sandbox').click();
  const form = panel.getByRole('form', { name: 'Your own OAuth app for Sandbox' });
  await form.getByLabel('Client ID').fill('my-own-app');
  await form.getByRole('button', { name: 'Save OAuth app' }).click();

  const saved = form.getByRole('status');
  await expect(saved).toContainText('Sandbox now signs in with your own OAuth app.');
  await expect(saved).toBeFocused();
  await expect(saved).toBeInViewport();
  // Nothing said far away at the top of the pane.
  await expect(page.getByRole('status').filter({ hasText: 'now signs in with your own OAuth app' })).toHaveCount(1);

  await form.getByRole('button', { name: 'Use the built-in app again' }).click();
  const back = form.getByRole('status');
  await expect(back).toContainText('Sandbox no longer uses your own OAuth app.');
  await expect(back).toBeFocused();
  await expect(back).toBeInViewport();
});

test('Export and Check access each answer beside their button, with focus on the answer', { tag: '@feedback' }, async ({ app }) => {
  const { page } = app;
  await connectWith(app, 'Sandbox');
  await connection(page, SANDBOX).getByRole('button', { name: 'Check access' }).click();
  const checked = connection(page, SANDBOX).getByRole('status').filter({ hasText: 'Sandbox still accepts Scopekeeper' });
  await expect(checked).toHaveText(/^Sandbox still accepts Scopekeeper's access to alex@sandbox\.test\./);
  await expect(checked).toBeFocused();
  await expect(checked).toBeInViewport();

  await openSettings(page, 'Permissions');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const saved = page.getByRole('status').filter({ hasText: 'to your downloads.' });
  await expect(saved).toHaveText(new RegExp(`^Saved ${file.suggestedFilename().replace(/\./g, '\\.')} to your downloads\\.`));
  await expect(saved).toBeFocused();
  await expect(saved).toBeInViewport();
});

test('a tool’s step-up brings its sign-in into view, names the tool, ends with a result, and the history names the tool', { tag: '@feedback' }, async ({ app, context, sandbox }) => {
  const { page } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await connectWith(app, 'Sandbox', { untick: ['files:write'] });
  const dir = tools();
  const asked = scopekeeper(app, dir, ['request', 'sandbox', 'edit-files', '--name', 'notes-agent']);
  await approvalDialog(page).getByRole('button', { name: 'Always allow' }).click();
  expect((await asked).code).toBe(0);

  // The person is reading further down the connection when the tool needs more.
  const history = connection(page, SANDBOX).getByRole('list', { name: 'History' });
  await history.scrollIntoViewIfNeeded();
  const write = scopekeeper(app, dir, ['call', 'sandbox', 'edit-files', '--name', 'notes-agent', '--path', '/api/files', '--data', JSON.stringify({ name: 'notes.txt', content: 'hello' })]);
  await allowCall(page, 'notes-agent', 'edit your files');
  const dialog = approvalDialog(page);
  await expect(dialog).toContainText('“notes-agent” needs another permission');
  await dialog.getByRole('button', { name: 'Add permission' }).click();

  const panel = page.getByRole('status', { name: 'Finish signing in in your browser' });
  await expect(panel).toContainText('Adding “Create and change your files” for notes-agent');
  await expect(panel).not.toContainText('Connecting Sandbox');
  await expect(panel).toBeFocused();
  await expect(panel).toBeInViewport();
  const auth = await app.nextAuthPage();
  // The sign-in page's address, to open in another browser, is there to copy while it waits.
  await panel.getByRole('button', { name: 'Copy sign-in link' }).click();
  await expect(panel).toContainText('Copied.');
  const clipboard = (): Promise<string> => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText();
  expect(await page.evaluate(clipboard)).toMatch(new RegExp(`^${sandbox.issuer}/.*[?&]code_challenge=`));

  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  const written = await write;
  expect(written.code, written.stderr).toBe(0);

  const result = page.getByRole('status').filter({ hasText: 'Added “Create and change your files” for notes-agent.' });
  await expect(result).toBeFocused();
  await expect(result).toBeInViewport();
  await expect(history.getByRole('listitem').filter({ hasText: 'Added Create and change your files for notes-agent.' })).toHaveCount(1);
});
