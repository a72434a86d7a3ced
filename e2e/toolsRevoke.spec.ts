import type { BrokerClient } from '../electron/cli/client';
import type { RequestResult } from '../electron/core/broker/protocol';
import { connectWith, openTool } from './appPages';
import { refusal } from './brokerHarness';
import { approvalDialog, toolOn } from './brokerTools';
import { expect, test } from './fixtures';
import type { AppHarness } from './harness';

/**
 * Revoking in the Tools view, as a person meets it: the result is said where they pressed Revoke
 * and takes focus (the button went away with what it revoked), the tool's next call is refused,
 * and a list emptied by revoking never claims no tool was ever approved.
 */
const clients: BrokerClient[] = [];
test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** notes-agent, approved "Always" for `actions` on the Sandbox account; answers its connection. */
async function approvedAgent(app: AppHarness, actions: string[]): Promise<{ agent: BrokerClient; connectionId: string }> {
  await connectWith(app, 'Sandbox');
  const agent = await toolOn(app, 'notes-agent', clients);
  const asking = agent.send<RequestResult>('request', { providerId: 'sandbox', actions });
  await approvalDialog(app.page).getByRole('button', { name: 'Always allow' }).click();
  return { agent, connectionId: (await asking).connectionId };
}

const call = (agent: BrokerClient, connectionId: string, action: string, path: string) => agent.send('call', { connectionId, action, method: 'GET', path });

test('revoking one action says so beside the approvals, takes focus, and only that action is refused after', { tag: '@feedback' }, async ({ app }) => {
  const { agent, connectionId } = await approvedAgent(app, ['read-files', 'read-tasks']);
  const detail = await openTool(app.page, 'notes-agent');
  await detail.getByRole('button', { name: 'Revoke Read your files for notes-agent' }).click();

  const result = detail.getByRole('status');
  await expect(result).toContainText('Revoked “Read your files” for “notes-agent”: it can no longer do that for you.');
  await expect(result).toBeFocused();
  await expect(detail.getByRole('row', { name: /Read your files/ })).toHaveCount(0);
  await expect(detail.getByRole('row', { name: /See your tasks/ })).toHaveCount(1);

  expect((await refusal(call(agent, connectionId, 'read-files', '/api/files'))).code).toBe('not_approved');
  expect(await call(agent, connectionId, 'read-tasks', '/api/tasks')).toMatchObject({ status: 200 });
});

test('revoking a whole tool says so at the top of Tools with focus on it; the emptied view says none is approved now, and how to connect one', { tag: '@feedback' }, async ({ app }) => {
  const { agent, connectionId } = await approvedAgent(app, ['read-files']);
  const detail = await openTool(app.page, 'notes-agent');
  await detail.getByRole('button', { name: 'Revoke notes-agent', exact: true }).click();

  const result = app.page.getByRole('main').getByRole('status').filter({ hasText: 'Revoked “notes-agent”: it can no longer act for you.' });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  await expect(detail).toBeHidden();
  await expect(app.page.getByRole('listbox', { name: 'Approved tools' })).toHaveCount(0);

  // Not "yet": a tool was approved, and is no longer.
  await expect(app.page.getByText(/^No tool is approved now\./)).toBeVisible();
  await expect(app.page.getByText(/approved yet/)).toHaveCount(0);
  // How to connect one again: the command and an MCP host's configuration.
  await expect(app.page.getByRole('heading', { name: 'Connect a tool' })).toBeVisible();
  await expect(app.page.getByLabel('Commands to try')).toBeVisible();
  await expect(app.page.getByLabel('MCP configuration for Claude Desktop and Cursor')).toBeVisible();

  expect((await refusal(call(agent, connectionId, 'read-files', '/api/files'))).code).toBe('not_approved');
});
