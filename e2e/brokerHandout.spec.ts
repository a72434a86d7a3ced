import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { BrokerClient } from '../electron/cli/client';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import type { RequestResult } from '../electron/core/broker/protocol';
import { connectWith } from './appPages';
import { refusal } from './brokerHarness';
import { expect, test } from './fixtures';
import { launchApp, type AppHarness } from './harness';

/**
 * The token handout as a person sees it: asked in its own step of the approval dialog after the
 * actions were allowed, in plain words; the token a tool then gets from the app's broker socket
 * (the wire protocol, as any tool speaks it) carries only the approved action where the provider
 * can narrow it; and Revoke in the Tools view ends the handout, says until when a token already
 * given keeps working, and offers to end it by removing the connection; after a restart too.
 */

interface Handed {
  accessToken: string;
  expiresAt?: number;
}

const clients: BrokerClient[] = [];
test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function tool(app: AppHarness, name: string): Promise<BrokerClient> {
  const client = await BrokerClient.connect(brokerEndpoint(app.dataDir));
  clients.push(client);
  await client.send('hello', { tool: name });
  return client;
}

function approvalDialog(page: Page) {
  return page.getByRole('dialog', { name: /wants to use your|access tokens\?/ });
}

/** The tool asks for `actions` with the handout; the person allows them and reaches the handout step. */
async function askWithTokens(app: AppHarness, client: BrokerClient, providerId: string, actions: string[]): Promise<{ answered: Promise<RequestResult>; dialog: ReturnType<typeof approvalDialog> }> {
  const answered = client.send<RequestResult>('request', { providerId, actions, tokenHandout: true });
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('It also asks for access tokens: you decide that next, separately');
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  await expect(dialog.getByRole('heading')).toHaveText(/Also give “.+” access tokens\?/);
  // Not giving tokens is the safe choice, focused first.
  await expect(dialog.getByRole('button', { name: 'No tokens, calls only' })).toBeFocused();
  return { answered, dialog };
}

test('a token for “Read your files”: asked separately, refused for another action, ended by Revoke', { tag: '@broker-handout' }, async ({ app, sandbox }) => {
  await connectWith(app, 'Sandbox');
  const agent = await tool(app, 'handout-agent');
  const { answered, dialog } = await askWithTokens(app, agent, 'sandbox', ['read-files']);
  await expect(dialog.getByRole('list', { name: 'A token can only' })).toHaveText('A token for Read your files can only: See your files');
  await expect(dialog).toContainText('a token already given keeps working until it expires');
  await dialog.getByRole('button', { name: 'Also give access tokens' }).click();
  await expect(dialog).toBeHidden();
  const { connectionId } = await answered;

  const token = await agent.send<Handed>('token', { connectionId, action: 'read-files' });
  const api = (method: string, path: string, body?: string) =>
    fetch(`${sandbox.apiBase}${path}`, { method, headers: { authorization: `Bearer ${token.accessToken}`, 'content-type': 'application/json' }, ...(body ? { body } : {}) });
  expect((await api('GET', '/files')).status).toBe(200);
  const sent = await api('POST', '/messages', JSON.stringify({ to: 'sam@sandbox.test', text: 'not allowed' }));
  expect(sent.status).toBe(403);
  expect(sent.headers.get('www-authenticate')).toContain('insufficient_scope');
  expect((await api('GET', '/workspace')).status).toBe(403);

  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  const card = app.page.getByRole('article', { name: 'handout-agent' });
  await expect(card.getByRole('row', { name: /Read your files/ })).toContainText('Always, with access tokens');
  await card.getByRole('button', { name: 'Revoke Read your files for handout-agent' }).click();
  await expect(card.getByRole('row', { name: /Read your files/ })).toHaveCount(0);
  expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');
  // The token already given cannot be ended alone at the Sandbox (revoking it ends the whole
  // connection): the answer beside the control says until when it works, and takes focus.
  const outcome = card.getByRole('status');
  await expect(outcome).toContainText(
    /The token given to “handout-agent” for Read your files \(alex@sandbox\.test\) keeps working at Sandbox until it expires at .+, or until you disconnect\. Sandbox cannot end one token alone: ending it ends the whole connection\./,
  );
  await expect(outcome).toBeFocused();
  await expect(card.getByRole('list', { name: 'Access tokens handout-agent holds' })).toContainText(/A token for Read your files \(Sandbox alex@sandbox\.test\) works until/);
  expect((await api('GET', '/files')).status).toBe(200);

  // "End it now" is the usual Remove connection, confirmed as ever; then the Sandbox refuses the token.
  await outcome.getByRole('button', { name: 'End it now (disconnects Sandbox alex@sandbox.test)' }).click();
  await app.page.getByRole('dialog', { name: 'Remove the Sandbox connection for alex@sandbox.test?' }).getByRole('button', { name: 'Remove connection' }).click();
  await expect(outcome).toBeHidden();
  const refused = await api('GET', '/files');
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
});

test('a token that cannot be narrowed: the dialog lists everything it can do and waits for the tick', { tag: '@broker-handout' }, async ({ app }) => {
  await connectWith(app, 'Slack', { tick: ['channels:read', 'chat:write'] });
  const agent = await tool(app, 'slack-agent');
  const { answered, dialog } = await askWithTokens(app, agent, 'slack', ['send-message']);
  await expect(dialog).toContainText(/This token can do everything this connection can: .*Send messages as you/);
  const give = dialog.getByRole('button', { name: 'Also give access tokens' });
  await expect(give).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I understand: this token can do everything this connection can' }).check();
  await give.click();
  await expect(dialog).toBeHidden();
  const { connectionId } = await answered;
  expect((await agent.send<Handed>('token', { connectionId, action: 'send-message' })).accessToken).toEqual(expect.any(String));
});

test('“No tokens, calls only” allows the actions and gives no token', { tag: '@broker-handout' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const agent = await tool(app, 'careful-agent');
  const { answered, dialog } = await askWithTokens(app, agent, 'sandbox', ['read-files']);
  await dialog.getByRole('button', { name: 'No tokens, calls only' }).click();
  await expect(dialog).toBeHidden();
  const { connectionId } = await answered;
  expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');
});

test('a token given before a restart is still listed after it, and named when its approval is revoked', { tag: '@broker-handout' }, async ({ context, sandbox }) => {
  // The app quits and starts again over the same data folder; the tool keeps its token.
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-restart-'));
  const before = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await connectWith(before, 'Sandbox');
    const agent = await tool(before, 'restart-agent');
    const { answered, dialog } = await askWithTokens(before, agent, 'sandbox', ['read-files']);
    await dialog.getByRole('button', { name: 'Also give access tokens' }).click();
    const { connectionId } = await answered;
    await agent.send<Handed>('token', { connectionId, action: 'read-files' });
  } finally {
    await before.close();
  }
  const app = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
    const card = app.page.getByRole('article', { name: 'restart-agent' });
    await expect(card.getByRole('list', { name: 'Access tokens restart-agent holds' })).toContainText(/A token for Read your files \(Sandbox alex@sandbox\.test\) works until/);
    await card.getByRole('button', { name: 'Revoke Read your files for restart-agent' }).click();
    await expect(card.getByRole('status')).toContainText(/The token given to “restart-agent” for Read your files \(alex@sandbox\.test\) keeps working at Sandbox until it expires at .+, or until you disconnect\./);
  } finally {
    await app.close();
  }
});
