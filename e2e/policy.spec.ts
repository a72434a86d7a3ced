import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerClient } from '../electron/cli/client';
import type { RequestResult } from '../electron/core/broker/protocol';
import { connection, connectWith, grantedRows, openConnectPane, openConnection, openSettings } from './appPages';
import { refusal } from './brokerHarness';
import { approvalDialog, toolOn } from './brokerTools';
import { expect, test } from './fixtures';

/**
 * A managed policy as a person meets it: an organisation's policy file (a temporary file standing
 * in for /etc/scopekeeper/policy.json) blocks Sandbox's files:admin and token handouts. The picker
 * shows Admin disabled and why, a tool's handout is refused, and Settings › Policy says the rules
 * and the file they come from. A policy file that is not valid is refused and said so.
 */

function policyFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sk-e2e-policy-')), 'policy.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const clients: BrokerClient[] = [];
test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

test.describe('an organisation blocks Admin and token handouts', () => {
  const file = policyFile({ version: 1, blockedScopes: { sandbox: { scopes: ['files:admin'] } }, tools: { tokenHandout: false, alwaysConfirm: { sandbox: ['send-messages'] } } });
  test.use({ machinePolicy: file });

  test('the picker shows Admin blocked, a handout is refused, Settings shows the policy (actions by their titles) and its file', { tag: '@policy' }, async ({ app }) => {
    const { page } = app;
    await openConnectPane(page);
    await page.getByText('Choose permissions for Sandbox', { exact: true }).click();
    const admin = page.getByRole('checkbox', { name: 'Manage files and who sees them' });
    await expect(admin).toBeDisabled();
    await expect(admin).not.toBeChecked();
    await expect(admin).toHaveAccessibleDescription("Blocked by your organisation's policy");

    await connectWith(app, 'Sandbox');
    const agent = await toolOn(app, 'handout-agent', clients);
    const answered = agent.send<RequestResult>('request', { providerId: 'sandbox', actions: ['read-files'], tokenHandout: true });
    const dialog = approvalDialog(page);
    await expect(dialog).toContainText("It also asks for access tokens: Blocked by your organisation's policy, so it can only make its calls through Scopekeeper.");
    await dialog.getByRole('button', { name: 'Always allow' }).click();
    // No handout step: the actions are allowed, calls only.
    await expect(dialog).toBeHidden();
    const { connectionId } = await answered;
    const refused = await refusal(agent.send('token', { connectionId, action: 'read-files' }));
    expect(refused.code).toBe('blocked_by_policy');

    const panel = await openSettings(page, 'Policy');
    const rules = panel.getByRole('list', { name: 'Rules in force' }).getByRole('listitem');
    await expect(rules).toHaveText([
      `Sandbox: never grant Manage files and who sees them (files:admin). From ${file}`,
      `Tools never receive access tokens: they make their calls through Scopekeeper. From ${file}`,
      `Sandbox: you confirm every call of “Send messages”, whatever the approval says. From ${file}`,
    ]);
    await expect(panel.getByRole('list', { name: 'Policy files' })).toContainText(`Your organisation's policy file: ${file} (in force)`);
  });
});

test('a policy that comes after: the connection and its calls say it blocks Sandbox, and a blocked permission offers Take back', { tag: '@policy' }, async ({ app }) => {
  const { page } = app;
  await connectWith(app, 'Sandbox', { only: ['files:read', 'files:write'] });
  const agent = await toolOn(app, 'late-agent', clients);
  const answered = agent.send<RequestResult>('request', { providerId: 'sandbox', actions: ['read-files'] });
  await approvalDialog(page).getByRole('button', { name: 'Always allow' }).click();
  const { connectionId } = await answered;
  // The person's own policy, written whole as an editor would, while the app runs.
  const own = (policy: unknown): void => {
    writeFileSync(join(app.dataDir, 'policy.json.new'), JSON.stringify(policy));
    renameSync(join(app.dataDir, 'policy.json.new'), join(app.dataDir, 'policy.json'));
  };
  own({ version: 1, blockedScopes: { sandbox: { scopes: ['files:write'] } } });
  await openConnection(page, 'Sandbox: alex@sandbox.test');
  const write = grantedRows(page, 'Sandbox: alex@sandbox.test').filter({ hasText: 'files:write' });
  await expect(write).toContainText('Blocked by your own policy: no tool can use it. Take it back.');
  await expect(write.getByRole('button', { name: 'Take back Create and change your files' })).toBeVisible();
  // The picker greys the broader permission that includes it, with the same words.
  await openConnectPane(page);
  await page.getByText('Choose permissions for Sandbox', { exact: true }).click();
  const admin = page.getByRole('checkbox', { name: 'Manage files and who sees them' });
  await expect(admin).toBeDisabled();
  await expect(admin).toHaveAccessibleDescription('Blocked by your own policy');
  await openConnection(page, 'Sandbox: alex@sandbox.test');

  own({ version: 1, providers: { blocked: ['sandbox'] } });
  await expect(connection(page, 'Sandbox: alex@sandbox.test').getByRole('note', { name: 'Policy' })).toHaveText(
    'Blocked by your own policy: tools cannot use this connection, and it cannot be reconnected or given more. Take back what it has, or remove it.',
  );
  const refused = await refusal(agent.send('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' }));
  expect(refused.code).toBe('blocked_by_policy');
  await expect(connection(page, 'Sandbox: alex@sandbox.test').getByRole('list', { name: 'Calls by tools' }).getByRole('listitem').first()).toContainText(
    'Blocked by your own policy: using Sandbox.',
  );
});

test.describe('a policy file that is not valid', () => {
  const file = policyFile({ version: 1, tools: { tokenHandouts: false } });
  test.use({ machinePolicy: file });

  test('is refused and said so in Settings; nothing can be connected', { tag: '@policy' }, async ({ app }) => {
    const { page } = app;
    await openConnectPane(page);
    const connect = page.getByRole('button', { name: 'Connect Sandbox' });
    await expect(connect).toBeDisabled();
    await expect(connect).toHaveAccessibleDescription(/^Blocked by policy \(a policy file could not be read/);
    const panel = await openSettings(page, 'Policy');
    await expect(panel.getByRole('alert')).toContainText(`Your organisation's policy file could not be used: ${file}: unknown field tools.tokenHandouts`);
    await expect(panel.getByRole('alert')).toContainText('nothing new can be granted');
  });
});
