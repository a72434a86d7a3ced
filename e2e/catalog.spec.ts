import { findScope } from '../shared/catalog';
import { inferScope } from '../shared/scopes/infer';
import { expect, sandboxPages, test } from './fixtures';
import { connectWith, expandRow, grantedRows, openConnection, sidebarOption } from './appPages';

const GOOGLE = 'https://www.googleapis.com/auth/';
const GMAIL_READONLY = `${GOOGLE}gmail.readonly`;
const GMAIL_SEND = `${GOOGLE}gmail.send`;
const CALENDAR_EVENTS = `${GOOGLE}calendar.events`;
const DRIVE_FILE = `${GOOGLE}drive.file`;
/** A Microsoft Graph scope the catalog does not describe (the test server grants whatever is asked). */
const UNKNOWN_GRAPH_SCOPE = 'Reports.Read.All';

test('explains each granted Google scope in plain language, not only the raw string', { tag: '@explain' }, async ({ app }) => {
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY, CALENDAR_EVENTS, DRIVE_FILE] });
  const rows = grantedRows(app.page, 'Google: alex@example.com');
  for (const scope of [GMAIL_READONLY, CALENDAR_EVENTS, DRIVE_FILE]) {
    const entry = findScope('google', scope)!;
    const row = rows.filter({ hasText: scope });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(entry.title);
    // Collapsed to its title; the sentence is there on demand.
    await expect(row).not.toContainText(entry.sentence);
    await expandRow(row, entry.title);
    await expect(row).toContainText(entry.sentence);
    await expect(row).not.toContainText('Not in our catalog');
  }
});

test('explains a scope the catalog does not know, marked as inferred', { tag: '@unknown-scope' }, async ({ app }) => {
  const unknown = UNKNOWN_GRAPH_SCOPE;
  await connectWith(app, 'Microsoft', { tick: ['Mail.Read'], add: [unknown] });
  const row = grantedRows(app.page, 'Microsoft: alex@contoso.example').filter({ hasText: unknown });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Not in our catalog');
  await expect(row).toContainText(inferScope('microsoft', unknown).title);
  const known = grantedRows(app.page, 'Microsoft: alex@contoso.example').filter({ hasText: 'Mail.Read' });
  await expect(known).toContainText(findScope('microsoft', 'Mail.Read')!.title);
  await expect(known).not.toContainText('Not in our catalog');
});

test('shows which actions the grant allows and names the scope a missing one needs', { tag: '@actions' }, async ({ app }) => {
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY] });
  const actions = app.page
    .getByRole('article', { name: 'Google: alex@example.com' })
    .getByRole('list', { name: 'What this connection can do' })
    .getByRole('listitem');
  await expect(actions.filter({ hasText: /^Read your email/ })).toContainText('Available');
  const send = actions.filter({ hasText: 'Send email' });
  // Never asked for: "Not requested", not a missing (refused) permission.
  await expect(send).toContainText('Not requested');
  await expect(send).not.toContainText('Missing permission');
  await send.getByText('Not requested').focus();
  // In words, not the raw scope.
  await expect(app.page.getByRole('tooltip')).toHaveText(`Needs “${findScope('google', GMAIL_SEND)!.title}”`);
});

test('splits a comma-separated granted scope into separate explained scopes', { tag: '@comma-scopes' }, async ({ app }) => {
  await connectWith(app, 'GitHub', { tick: ['repo', 'read:org'] });
  const rows = app.page.getByRole('article', { name: /^GitHub: / }).getByRole('list', { name: 'Granted permissions' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  for (const scope of ['repo', 'read:org']) {
    await expect(rows.filter({ has: app.page.getByText(scope, { exact: true }) })).toContainText(findScope('github', scope)!.title);
  }
  await expect(rows.filter({ hasText: 'repo,read:org' })).toHaveCount(0);
});

test('filters scopes across all connections as the person types', { tag: '@search' }, async ({ app }) => {
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(app.page.getByRole('article', { name: 'Sandbox: alex@sandbox.test' })).toBeVisible();
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY, CALENDAR_EVENTS] });
  await expect(app.page.getByRole('article', { name: 'Google: alex@example.com' })).toBeVisible();

  // Only the selected connection's detail is rendered: look at each in turn, once it shows as many
  // permissions as its sidebar row says it has.
  const allRows = app.page.getByRole('list', { name: /^Granted permissions/ }).getByRole('listitem');
  const permissionsOf = async (name: string): Promise<number> => Number((await sidebarOption(app.page, name).textContent())?.match(/(\d+) permissions?/)?.[1]);
  const sandboxBefore = await permissionsOf('Sandbox: alex@sandbox.test');
  const googleBefore = await permissionsOf('Google: alex@example.com');
  expect(sandboxBefore).toBeGreaterThan(2);
  expect(googleBefore).toBeGreaterThanOrEqual(2);
  await openConnection(app.page, 'Sandbox: alex@sandbox.test');
  await expect(allRows).toHaveCount(sandboxBefore);
  await openConnection(app.page, 'Google: alex@example.com');
  await expect(allRows).toHaveCount(googleBefore);
  await app.page.getByRole('searchbox', { name: 'Search permissions' }).fill('calendar');

  await expect(app.page.getByText(new RegExp(`^Showing \\d+ of ${sandboxBefore + googleBefore} permissions$`))).toBeVisible();
  await expect(grantedRows(app.page, 'Google: alex@example.com')).toHaveCount(1);
  await expect(grantedRows(app.page, 'Google: alex@example.com')).toContainText(CALENDAR_EVENTS);
  await expect(allRows.and(app.page.locator(':not([data-category="calendar"])'))).toHaveCount(0);
  await openConnection(app.page, 'Sandbox: alex@sandbox.test');
  await expect(grantedRows(app.page, 'Sandbox: alex@sandbox.test')).toHaveCount(2);
  await expect(allRows.and(app.page.locator(':not([data-category="calendar"])'))).toHaveCount(0);

  // Words from what a permission does find it too: "delete" is in the sentences of the write scopes.
  await app.page.getByRole('searchbox', { name: 'Search permissions' }).fill('delete');
  await expect(grantedRows(app.page, 'Sandbox: alex@sandbox.test').filter({ hasText: 'files:write' })).toHaveCount(1);
  await expect(grantedRows(app.page, 'Sandbox: alex@sandbox.test').filter({ hasText: 'files:read' })).toHaveCount(0);

  await app.page.getByRole('searchbox', { name: 'Search permissions' }).fill('');
  await expect(allRows).toHaveCount(sandboxBefore);
});
