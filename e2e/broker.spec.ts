import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { allowCall, connection, connectWith, grantedRows, openDialog } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import type { AppHarness } from './harness';
import { approvalDialog, BIN, environment, scopekeeper, tools, type Run } from './brokerTools';

/**
 * Tools and agents through the broker, as a person sees it: the built `scopekeeper` command
 * (bin/scopekeeper.js, a real process on the app's broker socket), the approval dialog clicked in
 * the window, and the provider's real consent page.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';

// Each test also starts Node processes (the command, the MCP server): a larger budget than the
// default, not a wait; every step still waits for what the person would see.
test.describe.configure({ timeout: 90_000 });

/** The tool asks for `actions` on "an account of" the Sandbox; the test clicks `choice` in the dialog. */
async function ask(app: AppHarness, toolsDir: string, tool: string, actions: string[], choice: string): Promise<Run> {
  const asked = scopekeeper(app, toolsDir, ['request', 'sandbox', ...actions, '--name', tool]);
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText(`“${tool}” wants to use your Sandbox account`);
  await dialog.getByRole('button', { name: choice }).click();
  await expect(dialog).toBeHidden();
  return asked;
}

test('a tool asks, the person allows it in the dialog, and its call returns the sandbox’s data', { tag: '@broker-approve' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const dir = tools();
  const call = scopekeeper(app, dir, ['call', 'sandbox', 'read-files', '--name', 'notes-agent']);
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('“notes-agent” wants to use your Sandbox account');
  await expect(dialog.getByRole('list', { name: 'It wants to' })).toContainText('Read your files; needs: See your files (granted)');
  await expect(dialog.getByRole('radio', { name: 'Sandbox alex@sandbox.test' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  const result = await call;
  expect(result.code, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { files: { name: string }[] }).files.map((f) => f.name)).toContain('Welcome.txt');

  // The connection shows who uses which permission, and the call in its audit log.
  const rows = grantedRows(app.page, SANDBOX);
  await expect(rows.filter({ hasText: 'See your files' })).toContainText('Used by “notes-agent” (last used');
  await expect(rows.filter({ hasText: 'Create and change your messages' })).toContainText('Not used by any tool');
  await expect(connection(app.page, SANDBOX).getByRole('list', { name: 'Calls by tools' }).getByRole('listitem')).toHaveText([
    /“notes-agent” via [^·]+ · Read your files .*GET 127\.0\.0\.1:\d+\/api\/files answered 200/,
  ]);
});

test('a tool the person denies gets a typed refusal and nothing else', { tag: '@broker-deny' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const dir = tools();
  const denied = await ask(app, dir, 'nosy-tool', ['read-messages'], 'Deny');
  expect(denied.code).toBe(1);
  expect(denied.stderr).toContain('Refused (denied)');
  const listed = await scopekeeper(app, dir, ['connections', '--name', 'nosy-tool']);
  expect(listed.stdout).toContain('Nothing approved for this command yet.');
});

test('an action needing a scope the connection lacks: the person confirms the upgrade, then the call succeeds', { tag: '@broker-step-up' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { untick: ['files:write'] });
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);
  const dir = tools();
  expect((await ask(app, dir, 'editor', ['edit-files'], 'Always allow')).code).toBe(0);

  const write = scopekeeper(app, dir, ['call', 'sandbox', 'edit-files', '--name', 'editor', '--path', '/api/files', '--data', JSON.stringify({ name: 'from-editor.txt', content: 'hello' })]);
  // Editing can delete: the call is confirmed first, then the permission it lacks.
  await allowCall(app.page, 'editor', 'edit your files');
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('“editor” needs another permission');
  await expect(dialog).toContainText('Create and change your files (not granted yet)');
  await dialog.getByRole('button', { name: 'Add permission' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  const written = await write;
  expect(written.code, written.stderr).toBe(0);
  expect(JSON.parse(written.stdout)).toMatchObject({ name: 'from-editor.txt' });
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(1);
});

test('after Revoke in the Tools view the tool’s next call is refused', { tag: '@broker-revoke-tool' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const dir = tools();
  expect((await ask(app, dir, 'sync-script', ['read-tasks'], 'Allow for 7 days')).code).toBe(0);
  const listed = await scopekeeper(app, dir, ['connections', '--name', 'sync-script']);
  const connectionId = listed.stdout.split(/\s+/)[0]!;
  expect((await scopekeeper(app, dir, ['call', connectionId, 'read-tasks', '--name', 'sync-script', '--no-ask', '--path', '/api/tasks'])).code).toBe(0);

  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  const card = app.page.getByRole('article', { name: 'sync-script' });
  await expect(card.getByRole('row', { name: /See your tasks/ })).toContainText('Until');
  await card.getByRole('button', { name: 'Revoke sync-script' }).click();
  await expect(card).toBeHidden();
  const refused = await scopekeeper(app, dir, ['call', connectionId, 'read-tasks', '--name', 'sync-script', '--no-ask', '--path', '/api/tasks']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('Refused (not_approved)');
});

test('after the person takes back files:write, the tool’s write ends in insufficient_scope', { tag: '@broker-scope-removed' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const dir = tools();
  expect((await ask(app, dir, 'writer', ['edit-files'], 'Always allow')).code).toBe(0);
  const write = ['call', 'sandbox', 'edit-files', '--name', 'writer', '--path', '/api/files', '--data', JSON.stringify({ name: 'a.txt', content: 'x' })];
  const written = scopekeeper(app, dir, write);
  await allowCall(app.page, 'writer', 'edit your files');
  expect((await written).code).toBe(0);

  // The desktop layout names the button by the permission's title and confirms with "Take back".
  await connection(app.page, SANDBOX).getByRole('button', { name: 'Take back Create and change your files' }).click();
  await openDialog(app.page).getByRole('button', { name: 'Take back', exact: true }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);

  const refused = scopekeeper(app, dir, write);
  await allowCall(app.page, 'writer', 'edit your files');
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('“writer” needs another permission');
  await dialog.getByRole('button', { name: 'Deny' }).click();
  const result = await refused;
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Refused (insufficient_scope)');
});

test('an MCP client from the SDK lists the approved tools over stdio and calls one', { tag: '@mcp' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--name', 'mcp-agent'], env: environment(app, tools()), stderr: 'pipe' }));
  try {
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['scopekeeper_status', 'scopekeeper_request_access']);
    const asking = client.callTool({ name: 'scopekeeper_request_access', arguments: { providerId: 'sandbox', actions: ['send-messages'], reason: 'Send your notes' } });
    const dialog = approvalDialog(app.page);
    await expect(dialog).toContainText('It says: “Send your notes”');
    await dialog.getByRole('button', { name: 'Always allow' }).click();
    await asking;
    await expect.poll(async () => (await client.listTools()).tools.map((t) => t.name)).toContain('sandbox_send_messages');
    const sending = client.callTool({ name: 'sandbox_send_messages', arguments: { body: { to: 'sam@sandbox.test', text: 'From MCP' } } });
    await allowCall(app.page, 'mcp-agent', 'send messages');
    const sent = await sending;
    expect(sent.isError).toBeFalsy();
    expect(JSON.parse((sent.content as { text: string }[])[0]!.text)).toMatchObject({ text: 'From MCP', from: 'alex@sandbox.test' });
  } finally {
    await client.close();
  }
});
