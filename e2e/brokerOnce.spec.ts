import type { Page } from '@playwright/test';
import type { BrokerClient } from '../electron/cli/client';
import type { CallResult, RequestResult } from '../electron/core/broker/protocol';
import { allowCall, connection, connectWith, grantedRows } from './appPages';
import { refusal } from './brokerHarness';
import { toolOn } from './brokerTools';
import { expect, test } from './fixtures';

/**
 * The broker admits exactly what the person approved, seen from the window: one call for "Allow
 * once" however many a tool sends at once, and a question before each message a tool sends under
 * "Always allow", until the person turns that off in Tools. The tool speaks the broker protocol
 * itself on the app's socket (as many concurrent calls as it likes, which the command does not do).
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';

/** The tool asks for `action` on "an account of" the Sandbox; the person clicks `choice`. */
async function askFor(page: Page, tool: BrokerClient, name: string, action: string, choice: string, note?: string): Promise<RequestResult> {
  const answer = tool.send<RequestResult>('request', { providerId: 'sandbox', actions: [action] });
  const dialog = page.getByRole('dialog', { name: `“${name}” wants to use your Sandbox account` });
  if (note) await expect(dialog.getByRole('list', { name: 'It wants to' })).toContainText(note);
  await dialog.getByRole('button', { name: choice }).click();
  await expect(dialog).toBeHidden();
  return answer;
}

const clients: BrokerClient[] = [];
test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

test('eighty calls at once after Allow once: one reaches the Sandbox, the window shows that one call', { tag: '@broker-once' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const agent = await toolOn(app, 'burst-agent', clients);
  const { connectionId } = await askFor(app.page, agent, 'burst-agent', 'read-tasks', 'Allow once');
  const outcomes = await Promise.all(
    Array.from({ length: 80 }, () =>
      agent.send<CallResult>('call', { connectionId, action: 'read-tasks', method: 'GET', path: '/api/tasks' }).then(
        (result) => `answered ${result.status}`,
        (error: { code?: string }) => `refused ${error.code}`,
      ),
    ),
  );
  expect(outcomes.filter((o) => o === 'answered 200')).toHaveLength(1);
  expect(outcomes.filter((o) => o === 'refused not_approved')).toHaveLength(79);

  // The connection: one call answered, the rest refused before reaching the Sandbox.
  const calls = connection(app.page, SANDBOX).getByRole('list', { name: 'Calls by tools' }).getByRole('listitem');
  await expect(calls.filter({ hasText: 'answered 200' })).toHaveCount(1);
  await expect(calls.filter({ hasText: 'refused: not approved' })).toHaveCount(79);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'See your tasks' })).toContainText('Used by “burst-agent”');
  // And in Tools: one call counted, nothing left approved.
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  const card = app.page.getByRole('article', { name: 'burst-agent' });
  await expect(card).toContainText('1 call');
  await expect(card).toContainText('Nothing approved any more.');
});

test('Always allow on Send messages still asks before each message, until the person turns that off', { tag: '@broker-confirm-send' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const mailer = await toolOn(app, 'mailer', clients);
  const { connectionId } = await askFor(app.page, mailer, 'mailer', 'send-messages', 'Always allow', 'Scopekeeper will still ask before each message is sent.');
  const send = (text: string) =>
    mailer.send<CallResult>('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: JSON.stringify({ to: 'sam@sandbox.test', text }) });

  for (const text of ['first', 'second']) {
    const sending = send(text);
    const question = app.page.getByRole('dialog', { name: 'Allow “mailer” to send messages now?' });
    await expect(question).toContainText(/It is waiting to call POST 127\.0\.0\.1:\d+\/api\/messages/);
    await allowCall(app.page, 'mailer', 'send messages');
    expect((await sending).status).toBe(201);
  }
  // Denied: nothing is sent. (The refusal is awaited from the start, so it is never unhandled.)
  const denied = refusal(send('third'));
  await app.page.getByRole('dialog', { name: 'Allow “mailer” to send messages now?' }).getByRole('button', { name: 'Deny' }).click();
  expect((await denied).code).toBe('denied');

  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  const ask = app.page.getByRole('article', { name: 'mailer' }).getByRole('checkbox', { name: 'Ask me before each call of Send messages by mailer' });
  await expect(ask).toBeChecked();
  // The switch shows what is saved: it turns off once the main process has it.
  await ask.click();
  await expect(ask).not.toBeChecked();
  // No question any more: the message goes straight out.
  expect((await send('fourth')).status).toBe(201);
  await expect(app.page.getByRole('dialog')).toBeHidden();
  // Saved: after a reload the switch is still off.
  await app.page.reload();
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  await expect(app.page.getByRole('article', { name: 'mailer' }).getByRole('checkbox', { name: 'Ask me before each call of Send messages by mailer' })).not.toBeChecked();
});
