/**
 * A tool's call through the broker to each real provider, by its real host name: the provider test
 * servers (e2e/providers) answer one documented API operation each, with the provider's own scope
 * check, and the core's fetch port routes the catalog's https hosts to them (e2e/providers/routing.ts),
 * the same way the sign-in reaches them. No endpoint is overridden: the broker forwards to the URL
 * the catalog declares.
 */
import { allowCall, connection, connectWith } from './appPages';
import { expect, test } from './fixtures';
import { routingFetch } from './providers/routing';
import { ATLASSIAN_SITES } from './providers/atlassian';
import { approvalDialog, scopekeeper, tools } from './brokerTools';
import { readTokens } from './vaultFile';

const GMAIL_READONLY = 'https://www.googleapis.com/auth/gmail.readonly';

// Each test signs in at a provider and starts the command as a real process: a larger budget than
// the default, not a wait; every step still waits for what the person would see.
test.describe.configure({ timeout: 90_000 });

interface RealCall {
  /** As the window names the provider (Connect button, approval dialog). */
  provider: string;
  account: string;
  /** Scopes ticked when connecting. */
  scopes: string[];
  providerId: string;
  action: string;
  actionTitle: string;
  /** The action's API host, the tool's path on it, and its body if it sends one. */
  host: string;
  path: string;
  data?: Record<string, unknown>;
  /** The per-call confirmation's words, for an action that sends. */
  confirm?: string;
  /** What the provider answered, as the tool prints it. */
  answer: Record<string, unknown>;
}

const atlassianSite = ATLASSIAN_SITES[0].id;

const CALLS: RealCall[] = [
  {
    provider: 'Google',
    account: 'Google: alex@example.com',
    scopes: [GMAIL_READONLY],
    providerId: 'google',
    action: 'read-email',
    actionTitle: 'Read your email',
    host: 'gmail.googleapis.com',
    path: '/gmail/v1/users/me/messages',
    answer: { messages: [{ id: '18c2f0a1b2c3d4e5', threadId: '18c2f0a1b2c3d4e5' }], resultSizeEstimate: 1 },
  },
  {
    provider: 'Microsoft',
    account: 'Microsoft: alex@contoso.example',
    scopes: ['Mail.Read'],
    providerId: 'microsoft',
    action: 'read-email',
    actionTitle: 'Read your email',
    host: 'graph.microsoft.com',
    path: '/v1.0/me/messages',
    answer: { value: [expect.objectContaining({ subject: 'You have late tasks!' })] },
  },
  {
    provider: 'Slack',
    account: 'Slack: alex (Acme Workspace)',
    scopes: ['chat:write'],
    providerId: 'slack',
    action: 'send-message',
    actionTitle: 'Send messages as you',
    host: 'slack.com',
    path: '/api/chat.postMessage',
    data: { channel: 'C123ABC456', text: 'Build is green' },
    confirm: 'send messages as you',
    answer: { ok: true, channel: 'C123ABC456', message: expect.objectContaining({ text: 'Build is green' }) },
  },
  {
    provider: 'GitHub',
    account: 'GitHub: alex',
    scopes: ['repo'],
    providerId: 'github',
    action: 'create-issues',
    actionTitle: 'Open issues',
    host: 'api.github.com',
    path: '/repos/alex/notes/issues',
    data: { title: 'Found a bug', body: 'Steps to reproduce…' },
    confirm: 'open issues',
    answer: { number: 1347, state: 'open', title: 'Found a bug', user: { login: 'alex' } },
  },
  {
    provider: 'Atlassian (Jira and Confluence)',
    account: 'Atlassian (Jira and Confluence): alex@example.com',
    scopes: ['read:jira-work'],
    providerId: 'atlassian',
    action: 'read-issues',
    actionTitle: 'Read Jira issues',
    host: 'api.atlassian.com',
    path: `/ex/jira/${atlassianSite}/rest/api/3/issue/ED-1`,
    answer: { key: 'ED-1', fields: expect.objectContaining({ summary: 'Main order flow broken' }) },
  },
];

for (const c of CALLS) {
  test(`${c.provider}: a tool’s call through the broker reaches ${c.providerId}’s API at its real host and gets its answer`, { tag: '@broker-real-providers' }, async ({ app }) => {
    await connectWith(app, c.provider, { tick: c.scopes });
    const tool = `${c.providerId}-agent`;
    const args = ['call', c.providerId, c.action, '--path', c.path, '--name', tool, ...(c.data ? ['--data', JSON.stringify(c.data)] : [])];
    const call = scopekeeper(app, tools(), args);
    const dialog = approvalDialog(app.page, c.provider);
    await expect(dialog).toContainText(`“${tool}” wants to use your ${c.provider} account`);
    await expect(dialog.getByRole('list', { name: 'It wants to' })).toContainText(`${c.actionTitle}; needs:`);
    await dialog.getByRole('button', { name: 'Always allow' }).click();
    if (c.confirm) await allowCall(app.page, tool, c.confirm);
    const result = await call;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject(c.answer);

    // The connection's audit log shows the call: tool, action, method, real host and path, the provider's status.
    const calls = connection(app.page, c.account).getByRole('list', { name: 'Calls by tools' }).getByRole('listitem');
    await expect(calls).toHaveCount(1);
    await expect(calls).toContainText(`“${tool}” via `);
    await expect(calls).toContainText(` · ${c.actionTitle} `);
    await expect(calls.locator('code')).toHaveText(`${c.data ? 'POST' : 'GET'} ${c.host}${c.path}`);
    await expect(calls).toContainText(/answered 20[01]$/);
  });
}

test('a call needing a scope the connection lacks: the person is asked to add it, declines, and the tool gets insufficient_scope; Google would refuse the token too', { tag: '@broker-real-providers' }, async ({ app, providers }) => {
  // The person unticks Gmail on Google's granular consent page: the connection lacks it.
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY], untick: [GMAIL_READONLY] });
  const call = scopekeeper(app, tools(), ['call', 'google', 'read-email', '--path', '/gmail/v1/users/me/messages', '--name', 'mail-agent']);
  const dialog = approvalDialog(app.page, 'Google');
  await expect(dialog).toContainText('“mail-agent” wants to use your Google account');
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  // The broker does not send a call it knows will fail: it offers the usual change first.
  await expect(dialog).toContainText('“mail-agent” needs another permission');
  await dialog.getByRole('button', { name: 'Deny' }).click();
  const result = await call;
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Refused (insufficient_scope)');
  await expect(connection(app.page, 'Google: alex@example.com').getByRole('list', { name: 'Calls by tools' }).getByRole('listitem')).toHaveText([
    /“mail-agent” via [^·]+ · Read your email .*GET gmail\.googleapis\.com\/gmail\/v1\/users\/me\/messages refused: a permission is missing/,
  ]);

  // What Google itself answers that token, had the call gone out: 403 insufficientPermissions and
  // the RFC 6750 challenge (the broker turns that answer into the same typed refusal).
  const { accessToken } = await readTokens(app.dataDir);
  const direct = await routingFetch(providers.routes)('https://gmail.googleapis.com/gmail/v1/users/me/messages', { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(direct.status).toBe(403);
  expect(direct.headers.get('www-authenticate')).toMatch(/^Bearer realm="https:\/\/accounts\.google\.com\/", error="insufficient_scope", scope="[^"]*gmail\.readonly/);
  expect(await direct.json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'insufficientPermissions' }], status: 'PERMISSION_DENIED' } });
});

test('Slack: a tool approved to read public channels reads one, and is refused for a direct message before Slack is asked for its messages', { tag: '@broker-real-providers' }, async ({ app, providers }) => {
  await connectWith(app, 'Slack', { tick: ['channels:history', 'channels:read', 'im:history', 'im:read'] });
  const folder = tools();
  const read = (channel: string) => scopekeeper(app, folder, ['call', 'slack', 'read-channels', '--path', '/api/conversations.history', '--query', `channel=${channel}`, '--name', 'notes-agent']);
  const first = read('C123ABC456');
  const dialog = approvalDialog(app.page, 'Slack');
  await expect(dialog).toContainText('“notes-agent” wants to use your Slack account');
  await expect(dialog.getByRole('list', { name: 'It wants to' })).toContainText('Read public channel messages; needs:');
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  const channel = await first;
  expect(channel.code, channel.stderr).toBe(0);
  expect(JSON.parse(channel.stdout)).toMatchObject({ ok: true, messages: [{ text: 'The latest in C123ABC456' }] });

  // The connection's token could read the DM (it holds im:history): the approval cannot.
  const dm = await read('D0DIRECT42');
  expect(dm.code).toBe(1);
  expect(dm.stderr).toContain('Refused (operation_not_allowed): “notes-agent” may use “Read public channel messages” for public channels only; D0DIRECT42 is a direct message.');
  expect(providers.slack.answered).toEqual(['conversations.info C123ABC456', 'conversations.history C123ABC456', 'conversations.info D0DIRECT42']);
  await expect(connection(app.page, 'Slack: alex (Acme Workspace)').getByRole('list', { name: 'Calls by tools' }).getByRole('listitem')).toHaveText([
    /“notes-agent” via [^·]+ · Read public channel messages .*GET slack\.com\/api\/conversations\.history refused: not covered by the action/,
    /“notes-agent” via [^·]+ · Read public channel messages .*GET slack\.com\/api\/conversations\.history answered 200$/,
  ]);
});
