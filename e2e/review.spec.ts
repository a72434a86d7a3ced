import { expectNoAxeViolations, lowContrastBordersAndFocus } from './a11y';
import { connectWith, grantedScopes, openConnection, openDialog } from './appPages';
import { approvalDialog, scopekeeper, tools } from './brokerTools';
import { expect, sandboxPages, test } from './fixtures';
import type { AppHarness } from './harness';
import { readTokens } from './vaultFile';

/**
 * Review and tighten, as a person meets it: a tool reads files through a connection that can also
 * write them and send messages; 91 days later (the app's clock moved) Review proposes narrowing
 * the files permission and taking back the messages one. Tightening goes through the usual
 * confirmation, and the Sandbox's own API then refuses what was taken back.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';
const DAY = 86_400_000;
/** Every Sandbox scope Connect asks for by default (admin is never one) but "Create and change your files" and "Create and change your messages" (identity scopes have no box). */
const UNTICK = ['files:read', 'messages:read', 'tasks:read', 'tasks:write', 'calendar:read', 'calendar:write', 'workspace:read', 'workspace:write', 'webhooks:read', 'webhooks:write'];
const REPLACE = 'Replace “Create and change your files” with “See your files”';
const TAKE_BACK = 'Take back “Create and change your messages”';

// The command runs as Node processes of its own: a larger budget than the default, not a wait.
test.describe.configure({ timeout: 90_000 });

/** The Sandbox's consent page, opened by a change that asks again for what stays, approved; the change then says it is done. */
async function consentAgain(app: AppHarness): Promise<void> {
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(app.page.getByRole('status').filter({ hasText: 'Sandbox no longer grants' })).toBeVisible();
}

test('unused and broader-than-needed permissions are suggested, and tightened through the usual confirmation', { tag: '@review-tighten' }, async ({ app, clock, sandbox }) => {
  const { page } = app;
  await connectWith(app, 'Sandbox', { untick: UNTICK });
  expect(await grantedScopes(page, SANDBOX)).toEqual(expect.arrayContaining(['files:write', 'messages:write']));
  const dir = tools();
  const read = () => scopekeeper(app, dir, ['call', 'sandbox', 'read-files', '--name', 'reader', '--path', '/api/files']);
  const first = read();
  await approvalDialog(page).getByRole('button', { name: 'Always allow' }).click();
  expect((await first).code).toBe(0);

  // 91 days on, the tool still reads files; nothing has needed the messages permission.
  clock.advance(91 * DAY);
  const again = await read();
  expect(again.code, again.stderr).toBe(0);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Review (2 suggestions)' })).toBeVisible();
  await nav.getByRole('button', { name: /^Review/ }).click();
  const suggestions = page.getByRole('list', { name: 'Suggestions' }).getByRole('listitem');
  await expect(suggestions).toHaveCount(2);
  await expect(suggestions.filter({ hasText: REPLACE })).toContainText('Tools use “See your files” only; “Create and change your files” lets them do more than that.');
  await expect(suggestions.filter({ hasText: TAKE_BACK })).toContainText('Tools use this connection, but none has ever needed it.');
  await expectNoAxeViolations(page, 'Review with suggestions');
  expect(await lowContrastBordersAndFocus(page)).toEqual([]);

  // "Take back…" through the usual confirmation (the Sandbox forgets the grant and asks for the rest again).
  await page.getByRole('button', { name: `Take back… ${TAKE_BACK} (Sandbox alex@sandbox.test)` }).click();
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Take back “Create and change your messages”?');
  await dialog.getByRole('button', { name: 'Take back' }).click();
  await consentAgain(app);
  await expect(suggestions).toHaveCount(1);
  await expect(nav.getByRole('button', { name: 'Review (1 suggestion)' })).toBeVisible();

  // "Replace…": one plan that adds the narrower and takes back the broader, confirmed the same way.
  await page.getByRole('button', { name: `Replace… ${REPLACE} (Sandbox alex@sandbox.test)` }).click();
  await expect(dialog).toContainText('Change what alex@sandbox.test allows on Sandbox?');
  await dialog.getByRole('button', { name: 'Make the change' }).click();
  await consentAgain(app);
  await expect(page.getByText('Nothing to review: every permission is in use and no broader than needed.')).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Review', exact: true })).toBeVisible();

  // The permission really changed at the Sandbox: the connection's new token reads files and may not write them.
  const { accessToken } = await readTokens(app.dataDir);
  const api = (method: 'GET' | 'POST') =>
    fetch(`${sandbox.apiBase}/files`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify({ name: 'review.txt', content: 'x' }) } : {}),
    });
  expect((await api('GET')).status).toBe(200);
  const write = await api('POST');
  expect(write.status).toBe(403);
  expect(write.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="files:write"');
  // The tool reads on as before.
  expect((await read()).code).toBe(0);
  await nav.getByRole('button', { name: 'Connections' }).click();
  await openConnection(page, SANDBOX);
  const left = await grantedScopes(page, SANDBOX);
  expect(left).toContain('files:read');
  expect(left).not.toContain('files:write');
  expect(left).not.toContain('messages:write');
});
