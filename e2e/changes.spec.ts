import type { Locator, Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { connection, connectWith, grantedRows, grantedScopes, openConnection, openSettings } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { readTokens, readVaultFile } from './vaultFile';
import { findScope } from '../shared/catalog';

const GOOGLE = 'https://www.googleapis.com/auth/';
const GMAIL_READONLY = `${GOOGLE}gmail.readonly`;
const GMAIL_SEND = `${GOOGLE}gmail.send`;
const SANDBOX = 'Sandbox: alex@sandbox.test';
const GOOGLE_ACCOUNT = 'Google: alex@example.com';

function dialog(page: Page): Locator {
  return page.getByRole('dialog');
}

/** A permission's title, as every button and dialog names it (never its raw code). */
function title(providerId: string, scope: string): string {
  const entry = findScope(providerId, scope);
  if (entry === undefined) throw new Error(`${scope} is not in the ${providerId} catalog`);
  return entry.title;
}

const takeBack = (providerId: string, scope: string): string => `Take back ${title(providerId, scope)}`;

test('takes back one sandbox scope by revoking and asking again', { tag: '@revoke-scope' }, async ({ app, sandbox }) => {
  await connectWith(app, 'Sandbox');
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(1);
  const before = await readTokens(app.dataDir);

  await connection(app.page, SANDBOX).getByRole('button', { name: takeBack('sandbox', 'files:write') }).click();
  const confirm = dialog(app.page);
  // Named for what it takes back (admin, which would include files:write, was never asked for).
  await expect(confirm).toHaveAccessibleName(new RegExp(`^Take back “${title('sandbox', 'files:write')}”`));
  await expect(confirm.getByRole('list', { name: 'You take back' })).toContainText('files:write');
  await expect(confirm.getByRole('list', { name: 'What happens' })).toContainText('revoke');
  await expect(confirm).toContainText('Your browser will open.');
  await confirm.getByRole('button', { name: 'Take back', exact: true }).click();

  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await expect(auth.getByRole('checkbox', { name: 'files:write', exact: true })).toHaveCount(0);
  await sandboxPages.consent(auth);

  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:read' })).toHaveCount(1);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'tasks:write' })).toHaveCount(1);

  const after = await readTokens(app.dataDir);
  const fresh = await sandbox.introspect(after.accessToken);
  expect(fresh.active).toBe(true);
  expect(fresh.scope?.split(' ')).not.toContain('files:write');
  expect(fresh.scope?.split(' ')).toContain('files:read');
  expect((await sandbox.introspect(before.refreshToken!)).active).toBe(false);
});

test('narrows the token on a narrow-refresh provider and says the consent stays', { tag: '@narrow-refresh' }, async ({ app, providers }) => {
  const account = 'Microsoft: alex@contoso.example';
  await connectWith(app, 'Microsoft', { tick: ['Mail.Read', 'Mail.Send'] });
  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Send' })).toHaveCount(1);

  await connection(app.page, account).getByRole('button', { name: takeBack('microsoft', 'Mail.Send') }).click();
  const confirm = dialog(app.page);
  await expect(confirm).toContainText('still remembers');
  await expect(confirm).toContainText('Nothing opens in your browser.');
  await confirm.getByRole('button', { name: 'Take back', exact: true }).click();

  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Send' })).toHaveCount(0);
  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Read' })).toHaveCount(1);
  // Graph access tokens are JWTs whose `scp` lists the delegated scopes; the consent itself stays.
  const scp = String(decodeJwt((await readTokens(app.dataDir)).accessToken).scp).split(' ');
  expect(scp).toContain('mail.read');
  expect(scp).not.toContain('mail.send');
  expect(providers.microsoft.consentedBy('alex')).toContain('mail.send');
});

test('adding a scope the person then unticks changes nothing; approved, it is listed', { tag: '@upgrade-scope' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { untick: ['calendar:write'] });
  const before = await grantedScopes(app.page, SANDBOX);
  expect(before).not.toContain('calendar:write');

  await connection(app.page, SANDBOX).getByRole('button', { name: `Ask again for ${title('sandbox', 'calendar:write')}` }).click();
  await expect(dialog(app.page).getByRole('list', { name: 'You add' })).toContainText('calendar:write');
  await dialog(app.page).getByRole('button', { name: 'Ask for it' }).click();
  let auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth, { untick: ['calendar:write'] });
  await expect(app.page.getByRole('status').filter({ hasText: 'did not grant' })).toBeVisible();
  await expect.poll(async () => (await grantedScopes(app.page, SANDBOX)).sort()).toEqual([...before].sort());

  await connection(app.page, SANDBOX).getByRole('button', { name: `Ask again for ${title('sandbox', 'calendar:write')}` }).click();
  await dialog(app.page).getByRole('button', { name: 'Ask for it' }).click();
  auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'calendar:write' })).toHaveCount(1);
  expect((await grantedScopes(app.page, SANDBOX)).sort()).toEqual([...before, 'calendar:write'].sort());
});

test('cancelling the browser step leaves a disconnected connection that reconnecting restores', { tag: '@cancel-change' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  await connection(app.page, SANDBOX).getByRole('button', { name: takeBack('sandbox', 'files:write') }).click();
  await dialog(app.page).getByRole('button', { name: 'Take back', exact: true }).click();
  const auth = await app.nextAuthPage();
  await expect(auth.getByRole('button', { name: 'Sign in' }).or(auth.getByRole('button', { name: 'Allow' }))).toBeVisible();
  await app.page.getByRole('status', { name: 'Finish signing in in your browser' }).getByRole('button', { name: 'Cancel' }).click();

  const card = connection(app.page, SANDBOX);
  await expect(card).toContainText('Disconnected — reconnect to restore');
  const restore = card.getByRole('list', { name: 'Would restore' }).getByRole('listitem');
  await expect(restore.filter({ hasText: 'files:read' })).toHaveCount(1);
  await expect(restore.filter({ hasText: 'files:write' })).toHaveCount(0);
  expect(Object.keys(readVaultFile(app.dataDir).secrets)).toHaveLength(0);

  await card.getByRole('button', { name: 'Reconnect' }).click();
  const again = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(again);
  await sandboxPages.consent(again);
  await expect(card).not.toContainText('Disconnected — reconnect to restore');
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:read' })).toHaveCount(1);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'files:write' })).toHaveCount(0);
});

test('removes the whole connection, revoked at the server and gone from the vault', { tag: '@revoke-connection' }, async ({ app, sandbox }) => {
  await connectWith(app, 'Sandbox');
  const tokens = await readTokens(app.dataDir);
  expect((await sandbox.introspect(tokens.refreshToken!)).active).toBe(true);

  await connection(app.page, SANDBOX).getByRole('button', { name: 'Remove connection…' }).click();
  await expect(dialog(app.page)).toHaveAccessibleName(`Remove the Sandbox connection for alex@sandbox.test?`);
  await dialog(app.page).getByRole('button', { name: 'Remove connection' }).click();

  await expect(connection(app.page, SANDBOX)).toHaveCount(0);
  expect((await sandbox.introspect(tokens.refreshToken!)).active).toBe(false);
  expect((await sandbox.introspect(tokens.accessToken)).active).toBe(false);
  const vault = readVaultFile(app.dataDir);
  expect(vault.connections).toEqual({});
  expect(vault.secrets).toEqual({});
});

test('revoking from Settings → Permissions changes only that connection', { tag: '@settings-revoke' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY] });
  await expect(connection(app.page, GOOGLE_ACCOUNT)).toBeVisible();
  const googleBefore = await grantedScopes(app.page, GOOGLE_ACCOUNT);
  const googleRecordBefore = Object.values(readVaultFile(app.dataDir).connections).find((c) => (c as { providerId: string }).providerId === 'google');

  await openSettings(app.page, 'Permissions');
  await expect(app.page.getByRole('heading', { name: 'Permissions', exact: true })).toBeVisible();
  await app.page.getByRole('button', { name: `Revoke ${title('sandbox', 'tasks:write')} for alex@sandbox.test on Sandbox` }).click();
  await dialog(app.page).getByRole('button', { name: 'Take back', exact: true }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);

  const table = app.page.getByRole('table', { name: 'All granted permissions' });
  await expect(table.getByRole('button', { name: `Revoke ${title('sandbox', 'tasks:write')} for alex@sandbox.test on Sandbox` })).toHaveCount(0);
  await expect(table.getByRole('button', { name: `Revoke ${title('sandbox', 'tasks:read')} for alex@sandbox.test on Sandbox` })).toHaveCount(1);
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await openConnection(app.page, GOOGLE_ACCOUNT);
  expect(await grantedScopes(app.page, GOOGLE_ACCOUNT)).toEqual(googleBefore);
  const googleRecordAfter = Object.values(readVaultFile(app.dataDir).connections).find((c) => (c as { providerId: string }).providerId === 'google');
  expect(googleRecordAfter).toEqual(googleRecordBefore);
});

test('turning an action on adds only its scope; turning it off removes only that', { tag: '@action-toggle' }, async ({ app }) => {
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY] });
  const before = await grantedScopes(app.page, GOOGLE_ACCOUNT);
  const actions = connection(app.page, GOOGLE_ACCOUNT).getByRole('list', { name: 'What this connection can do' });

  await actions.getByRole('button', { name: 'Turn on Send email' }).click();
  await expect(dialog(app.page).getByRole('list', { name: 'You add' }).getByRole('listitem')).toHaveCount(1);
  await dialog(app.page).getByRole('button', { name: 'Ask for it' }).click();
  let auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, GOOGLE_ACCOUNT).filter({ hasText: GMAIL_SEND })).toHaveCount(1);
  expect((await grantedScopes(app.page, GOOGLE_ACCOUNT)).sort()).toEqual([...before, GMAIL_SEND].sort());

  await actions.getByRole('button', { name: 'Turn off Send email' }).click();
  const take = dialog(app.page).getByRole('list', { name: 'You take back' }).getByRole('listitem');
  await expect(take).toHaveCount(1);
  await expect(take).toContainText(GMAIL_SEND);
  await dialog(app.page).getByRole('button', { name: 'Take back', exact: true }).click();
  auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, GOOGLE_ACCOUNT).filter({ hasText: GMAIL_SEND })).toHaveCount(0);
  expect((await grantedScopes(app.page, GOOGLE_ACCOUNT)).sort()).toEqual([...before].sort());
});

test('exports one CSV row per granted scope with the listed columns', { tag: '@export' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
  const granted = await grantedScopes(app.page, SANDBOX);
  await openSettings(app.page, 'Permissions');
  const download = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(['provider', 'account', 'scope', 'title', 'access_level', 'granted_at', 'source']);
  expect(parsed.data).toHaveLength(granted.length);
  expect(parsed.data.map((row) => row.scope).sort()).toEqual([...granted].sort());
  for (const row of parsed.data) {
    expect(row).toMatchObject({ provider: 'Sandbox', account: 'alex@sandbox.test' });
    expect(row.title).not.toBe('');
    expect(['read', 'write', 'delete', 'admin']).toContain(row.access_level);
    expect(Number.isNaN(Date.parse(row.granted_at!))).toBe(false);
  }
});

test('the timeline shows a connect, a revoke and an upgrade in order', { tag: '@history' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { untick: ['calendar:write'] });
  const card = connection(app.page, SANDBOX);

  await card.getByRole('button', { name: takeBack('sandbox', 'tasks:write') }).click();
  await dialog(app.page).getByRole('button', { name: 'Take back', exact: true }).click();
  let auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'tasks:write' })).toHaveCount(0);

  await card.getByRole('button', { name: `Ask again for ${title('sandbox', 'calendar:write')}` }).click();
  await dialog(app.page).getByRole('button', { name: 'Ask for it' }).click();
  auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'calendar:write' })).toHaveCount(1);

  // Newest first, in words: the permissions by title, never by code.
  const entries = await card.getByRole('list', { name: 'History' }).getByRole('listitem').allTextContents();
  const first = (label: string): number => entries.findIndex((text) => text.startsWith(label));
  expect(first('Connected')).toBe(entries.length - 1);
  expect(first('Took back')).toBeLessThan(first('Connected'));
  expect(first('Added')).toBeLessThan(first('Took back'));
  expect(entries[first('Took back')]).toContain(title('sandbox', 'tasks:write'));
  expect(entries[first('Added')]).toContain(title('sandbox', 'calendar:write'));
  expect(entries.join('\n')).not.toMatch(/permission\(s\)|Upgraded/);
});

test('where only the provider can take a scope back, the app opens its page and says so', { tag: '@provider-console' }, async ({ app }) => {
  await connectWith(app, 'GitHub', { tick: ['repo', 'read:org'] });
  const card = connection(app.page, /^GitHub: /);
  const before = await grantedScopes(app.page, /^GitHub: /);

  await card.getByRole('button', { name: takeBack('github', 'read:org') }).click();
  await expect(dialog(app.page)).toContainText('Only GitHub can take');
  await expect(dialog(app.page)).toContainText('Your browser will open.');
  await dialog(app.page).getByRole('button', { name: 'Open GitHub’s page' }).click();

  await expect.poll(() => app.authUrls.at(-1)).toBe('https://github.com/settings/applications');
  await expect(app.page.getByRole('status').filter({ hasText: 'GitHub’s page' })).toBeVisible();
  expect(await grantedScopes(app.page, /^GitHub: /)).toEqual(before);
});
