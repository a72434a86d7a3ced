import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Page } from '@playwright/test';
import { connectWith } from './appPages';
import { approvalDialog, BIN, environment, tools } from './brokerTools';
import { expect, test } from './fixtures';

/**
 * A question ends with its asker: a tool that gives up while the dialog is open takes its
 * question out of the window, the window says so, and nothing is granted.
 */

// Each test starts Node processes (the MCP server, the command): a larger budget, not a wait.
test.describe.configure({ timeout: 90_000 });

const REQUEST = { name: 'scopekeeper_request_access', arguments: { providerId: 'sandbox', actions: ['send-messages'], reason: 'Send your notes' } };

/** The Tools view lists no approved tool. */
async function expectNoTools(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  await expect(page.getByRole('heading', { name: 'Tools', level: 2 })).toBeVisible();
  await expect(page.getByText('No tool is approved yet.')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
}

test('an MCP agent gives up while the person decides: the dialog closes, says so, and grants nothing', { tag: '@broker-cancel' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const agent = new Client({ name: 'e2e-agent', version: '1.0.0' });
  await agent.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--name', 'my-agent'], env: environment(app, tools()), stderr: 'pipe' }));
  try {
    const giveUp = new AbortController();
    const asking = agent.callTool(REQUEST, undefined, { signal: giveUp.signal });
    const dialog = approvalDialog(app.page);
    await expect(dialog).toContainText('“my-agent” wants to use your Sandbox account');
    // Aborting sends notifications/cancelled, as the SDK does when its time-out runs out.
    giveUp.abort();
    await expect(asking).rejects.toThrow();

    await expect(dialog).toBeHidden();
    await expect(app.page.getByRole('status').filter({ hasText: '“my-agent” stopped waiting' })).toContainText('nothing was allowed');
    await expectNoTools(app.page);
    // The agent was given nothing to call, and can still ask again.
    expect((await agent.listTools()).tools.map((t) => t.name)).toEqual(['scopekeeper_status', 'scopekeeper_request_access']);
    const again = agent.callTool(REQUEST);
    await expect(dialog).toContainText('“my-agent” wants to use your Sandbox account');
    await dialog.getByRole('button', { name: 'Deny' }).click();
    expect(await again).toMatchObject({ isError: true });
  } finally {
    await agent.close();
  }
});

test('a command that is stopped while the dialog is open: the same', { tag: '@broker-cancel' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const command = spawn(process.execPath, [BIN, 'request', 'sandbox', 'read-files', '--name', 'cli-agent'], { env: environment(app, tools()), stdio: 'ignore' });
  const exited = new Promise((resolve) => command.once('exit', resolve));
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('“cli-agent” wants to use your Sandbox account');
  command.kill();
  await exited;

  await expect(dialog).toBeHidden();
  await expect(app.page.getByRole('status').filter({ hasText: '“cli-agent” stopped waiting' })).toBeVisible();
  await expectNoTools(app.page);
});
