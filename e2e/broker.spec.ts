import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Page } from '@playwright/test';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import { connection, connectWith, grantedRows } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import type { AppHarness } from './harness';

/**
 * Tools and agents through the broker, as a person sees it: a real tool process on the app's
 * broker socket, the approval dialog clicked in the window, the provider's real consent page.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';
const TOOL = join(import.meta.dirname, 'tools', 'testTool.ts');
const CLI = join(import.meta.dirname, '..', 'electron', 'cli', 'main.ts');

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; code: string; message: string };

function environment(app: AppHarness, toolsDir: string): Record<string, string> {
  return { ...(process.env as Record<string, string>), SCOPEKEEPER_BROKER: brokerEndpoint(app.dataDir), SCOPEKEEPER_TOOLS_DIR: toolsDir };
}

/** Runs the test tool once; resolves with the one JSON line it prints. */
function runTool(app: AppHarness, toolsDir: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', TOOL, ...args], { env: environment(app, toolsDir) }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Outcome);
    });
  });
}

/** The body of a call's answer; fails the test when the call was refused. */
function answerBody(outcome: Outcome): unknown {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return JSON.parse(String(outcome.result.body));
}

function approvalDialog(page: Page) {
  return page.getByRole('dialog', { name: /wants to use your Sandbox account|needs another permission/ });
}

async function connectionId(app: AppHarness, toolsDir: string, tool: string): Promise<string> {
  const listed = await runTool(app, toolsDir, [tool, 'list']);
  if (!listed.ok) throw new Error(listed.message);
  return (listed.result.connections as { id: string }[])[0]!.id;
}

/** The tool asks for `actions` on "an account of" the Sandbox; the test clicks `choice` in the dialog. */
async function ask(app: AppHarness, toolsDir: string, tool: string, actions: string[], choice: string): Promise<Outcome> {
  const asked = runTool(app, toolsDir, [tool, 'ask', 'sandbox', ...actions]);
  const dialog = approvalDialog(app.page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`“${tool}” wants to use your Sandbox account`);
  await dialog.getByRole('button', { name: choice }).click();
  await expect(dialog).toBeHidden();
  return asked;
}

test('a tool asks, the person allows it in the dialog, and its call returns the sandbox’s data', { tag: '@broker-approve' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const tools = mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
  const asked = runTool(app, tools, ['notes-agent', 'ask', 'sandbox', 'read-files']);
  const dialog = approvalDialog(app.page);
  await expect(dialog.getByRole('list', { name: 'It wants to' })).toContainText('Read your files; needs: See your files (granted)');
  await expect(dialog.getByRole('radio', { name: 'Sandbox alex@sandbox.test' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  expect(await asked).toMatchObject({ ok: true, result: { actions: ['read-files'], mode: 'always' } });

  const id = await connectionId(app, tools, 'notes-agent');
  const called = await runTool(app, tools, ['notes-agent', 'call', id, 'read-files', 'GET', '/api/files']);
  const body = answerBody(called) as { files: { name: string }[] };
  expect(body.files.map((f) => f.name)).toContain('Welcome.txt');
});

test('a tool the person denies gets a typed refusal and nothing else', { tag: '@broker-deny' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const tools = mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
  expect(await ask(app, tools, 'nosy-tool', ['read-messages'], 'Deny')).toMatchObject({ ok: false, code: 'denied' });
  const listed = await runTool(app, tools, ['nosy-tool', 'list']);
  expect(listed).toMatchObject({ ok: true, result: { connections: [] } });
});

test('an action needing a scope the connection lacks: the person confirms the upgrade, then the call succeeds', { tag: '@broker-step-up' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { untick: ['files:write', 'files:admin'] });
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);
  const tools = mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
  await ask(app, tools, 'editor', ['edit-files'], 'Always allow');
  const id = await connectionId(app, tools, 'editor');

  const write = runTool(app, tools, ['editor', 'call', id, 'edit-files', 'POST', '/api/files', JSON.stringify({ name: 'from-editor.txt', content: 'hello' })]);
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('“editor” needs another permission');
  await expect(dialog).toContainText('Create and change your files (not granted yet)');
  await dialog.getByRole('button', { name: 'Add permission' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  expect(answerBody(await write)).toMatchObject({ name: 'from-editor.txt' });
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(1);
});

test('after Revoke in the Tools view the tool’s next call is refused', { tag: '@broker-revoke-tool' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const tools = mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
  await ask(app, tools, 'sync-script', ['read-tasks'], 'Allow for 7 days');
  const id = await connectionId(app, tools, 'sync-script');
  expect((await runTool(app, tools, ['sync-script', 'call', id, 'read-tasks', 'GET', '/api/tasks'])).ok).toBe(true);

  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  const card = app.page.getByRole('article', { name: 'sync-script' });
  await expect(card.getByRole('row', { name: /See your tasks/ })).toContainText('1');
  await card.getByRole('button', { name: 'Revoke sync-script' }).click();
  await expect(card).toBeHidden();
  expect(await runTool(app, tools, ['sync-script', 'call', id, 'read-tasks', 'GET', '/api/tasks'])).toMatchObject({ ok: false, code: 'not_approved' });
});

test('after the person takes back files:write, the tool’s write ends in insufficient_scope', { tag: '@broker-scope-removed' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const tools = mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
  await ask(app, tools, 'writer', ['edit-files'], 'Always allow');
  const id = await connectionId(app, tools, 'writer');
  const body = JSON.stringify({ name: 'a.txt', content: 'x' });
  expect((await runTool(app, tools, ['writer', 'call', id, 'edit-files', 'POST', '/api/files', body])).ok).toBe(true);

  await connection(app.page, SANDBOX).getByRole('button', { name: 'Remove files:write' }).click();
  await app.page.getByRole('dialog', { name: 'Confirm change' }).getByRole('button', { name: 'Confirm' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);

  const write = runTool(app, tools, ['writer', 'call', id, 'edit-files', 'POST', '/api/files', body]);
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('“writer” needs another permission');
  await dialog.getByRole('button', { name: 'Deny' }).click();
  expect(await write).toMatchObject({ ok: false, code: 'insufficient_scope' });
});

test('an MCP client from the SDK lists the approved tools over stdio and calls one', { tag: '@mcp' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const tools = mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
  const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', CLI, 'mcp', '--name', 'mcp-agent'], env: environment(app, tools), stderr: 'pipe' }));
  try {
    const asking = client.callTool({ name: 'scopekeeper.request_access', arguments: { providerId: 'sandbox', actions: ['send-messages'], reason: 'Send your notes' } });
    const dialog = approvalDialog(app.page);
    await expect(dialog).toContainText('It says: “Send your notes”');
    await dialog.getByRole('button', { name: 'Always allow' }).click();
    await asking;
    await expect.poll(async () => (await client.listTools()).tools.map((t) => t.name)).toContain('sandbox.send_messages');
    const sent = await client.callTool({ name: 'sandbox.send_messages', arguments: { body: { to: 'sam@sandbox.test', text: 'From MCP' } } });
    expect(sent.isError).toBeFalsy();
    expect(JSON.parse((sent.content as { text: string }[])[0]!.text)).toMatchObject({ text: 'From MCP', from: 'alex@sandbox.test' });
  } finally {
    await client.close();
  }
});
