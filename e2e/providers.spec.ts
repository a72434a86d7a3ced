/**
 * The five catalog providers as they really answer (e2e/providers/*), reached at the catalog's
 * real URLs, unchanged: the browser's routes and the core's routing fetch deliver those host
 * names to the local test servers; the app is given the clients through SCOPEKEEPER_OAUTH_CLIENTS.
 */
import type { Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { connectWith, connection, escapeRegExp, grantedRows, grantedScopes, openConnectPane, sidebarOption } from './appPages';
import { findScope } from '../shared/catalog';
import { expect, sandboxPages, test } from './fixtures';
import { routingFetch } from './providers/routing';
import type { PageElement, PageStyle } from './pageTypes';
import { readTokens, readVaultFile } from './vaultFile';

// In the page this is the real global (see pageTypes.ts).
declare function getComputedStyle(element: PageElement): PageStyle;

const G = 'https://www.googleapis.com/auth/';
const GMAIL_READONLY = `${G}gmail.readonly`;
const CALENDAR_EVENTS = `${G}calendar.events`;

function dialog(page: Page) {
  return page.getByRole('dialog');
}

/** Confirms the open dialog with its action's own button ("Ask for it", "Take back", "Remove connection"). */
async function confirm(page: Page, action: string): Promise<void> {
  await dialog(page).getByRole('button', { name: action, exact: true }).click();
}

/** A permission's title, as every button and dialog names it. */
function title(providerId: string, scope: string): string {
  const entry = findScope(providerId, scope);
  if (entry === undefined) throw new Error(`${scope} is not in the ${providerId} catalog`);
  return entry.title;
}

function notGrantedRows(page: Page, article: string | RegExp) {
  return connection(page, article).getByRole('list', { name: 'Asked for but not granted' }).getByRole('listitem');
}

test('Google: granular consent unticks one scope, incremental add, revoke ends the grant', { tag: '@google' }, async ({ app, providers }) => {
  // Several sign-ins in one story: on a busy machine each takes seconds.
  test.slow();
  // Google documents two spellings of the ID token's iss; the bare one must be accepted too.
  providers.google.setIdTokenIssuer('accounts.google.com');
  const account = 'Google: alex@example.com';
  await connectWith(app, 'Google', { tick: [GMAIL_READONLY, CALENDAR_EVENTS], untick: [CALENDAR_EVENTS] });
  expect(new URL(app.authUrls[0]!).origin + new URL(app.authUrls[0]!).pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
  await expect(grantedRows(app.page, account).filter({ hasText: GMAIL_READONLY })).toHaveCount(1);
  await expect(grantedRows(app.page, account).filter({ hasText: CALENDAR_EVENTS })).toHaveCount(0);
  await expect(notGrantedRows(app.page, account).filter({ hasText: CALENDAR_EVENTS })).toHaveCount(1);

  // Incremental authorization: Google asks only about the new scope and the token covers both.
  await connection(app.page, account).getByRole('button', { name: `Ask again for ${title('google', CALENDAR_EVENTS)}` }).click();
  await confirm(app.page, 'Ask for it');
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await expect(auth.getByRole('checkbox', { name: CALENDAR_EVENTS, exact: true })).toBeVisible();
  await expect(auth.getByRole('checkbox', { name: GMAIL_READONLY, exact: true })).toHaveCount(0);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, account).filter({ hasText: CALENDAR_EVENTS })).toHaveCount(1);
  await expect(grantedRows(app.page, account).filter({ hasText: GMAIL_READONLY })).toHaveCount(1);
  expect(new URL(app.authUrls.at(-1)!).searchParams.get('include_granted_scopes')).toBe('true');
  const { accessToken } = await readTokens(app.dataDir);
  const fetchRouted = routingFetch(providers.routes);
  const info = (await (await fetchRouted(`https://oauth2.googleapis.com/tokeninfo?access_token=${accessToken}`)).json()) as { scope: string };
  expect(info.scope.split(' ')).toEqual(expect.arrayContaining([GMAIL_READONLY, CALENDAR_EVENTS]));

  // Revoking at oauth2.googleapis.com/revoke ends the whole grant.
  await connection(app.page, account).getByRole('button', { name: 'Remove connection…' }).click();
  await confirm(app.page, 'Remove connection');
  await expect(connection(app.page, account)).toHaveCount(0);
  expect(providers.google.grantedTo('alex')).toEqual([]);
  expect((await fetchRouted(`https://oauth2.googleapis.com/tokeninfo?access_token=${accessToken}`)).status).toBe(400);
  expect(readVaultFile(app.dataDir).connections).toEqual({});
});

test('Microsoft: common tenant, offline_access not echoed, an addition keeps the earlier scopes, narrow refresh', { tag: '@microsoft' }, async ({ app, providers }) => {
  // Several sign-ins in one story: on a busy machine each takes seconds.
  test.slow();
  const account = 'Microsoft: alex@contoso.example';
  await connectWith(app, 'Microsoft', { tick: ['Mail.Read'] });
  expect(app.authUrls[0]).toMatch(/^https:\/\/login\.microsoftonline\.com\/common\/oauth2\/v2\.0\/authorize\?/);
  // The token response never lists offline_access; the refresh token shows it was granted.
  await expect(grantedRows(app.page, account).filter({ hasText: 'offline_access' })).toHaveCount(1);
  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Read' })).toHaveCount(1);

  // Adding asks only for the new scope; Microsoft's answer carries every scope consented so far.
  await connection(app.page, account).getByRole('list', { name: 'What this connection can do' }).getByRole('button', { name: 'Turn on Send email' }).click();
  await confirm(app.page, 'Ask for it');
  let auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Send' })).toHaveCount(1);
  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Read' })).toHaveCount(1);
  expect(new URL(app.authUrls.at(-1)!).searchParams.get('scope')?.split(' ')).not.toContain('Mail.Read');

  // Taking Mail.Send back: a narrower refresh, the consent stays at Microsoft.
  await connection(app.page, account).getByRole('button', { name: `Take back ${title('microsoft', 'Mail.Send')}` }).click();
  await expect(dialog(app.page)).toContainText('still remembers');
  await confirm(app.page, 'Take back');
  await expect(grantedRows(app.page, account).filter({ hasText: 'Mail.Send' })).toHaveCount(0);
  const scp = String(decodeJwt((await readTokens(app.dataDir)).accessToken).scp).split(' ');
  expect(scp).toContain('mail.read');
  expect(scp).not.toContain('mail.send');
  expect(providers.microsoft.consentedBy('alex')).toContain('mail.send');

  // "Add another account" that signs in the same person again: nothing changes, and the window says what to do.
  await openConnectPane(app.page);
  await app.page.getByRole('button', { name: 'Add another Microsoft account' }).click();
  auth = await app.nextAuthPage();
  expect(new URL(app.authUrls.at(-1)!).searchParams.get('prompt')).toBe('select_account');
  await sandboxPages.signIn(auth);
  // Every scope asked is consented already: Microsoft goes straight back without a consent page.
  await expect(app.page.getByRole('status').filter({ hasText: 'You signed in as alex@contoso.example again.' })).toBeFocused();
  await expect(connection(app.page, /^Microsoft: /)).toHaveCount(0);
  await expect(app.page.getByRole('listbox', { name: 'Connected accounts' }).getByRole('option')).toHaveCount(1);
  // Mail.Send, taken back above, stays taken back.
  const [record] = Object.values(readVaultFile(app.dataDir).connections) as { grantedScopes: string[] }[];
  expect(record?.grantedScopes).not.toContain('Mail.Send');
});

test('Slack: user scopes, the token under authed_user, account from auth.test, revoke through auth.revoke', { tag: '@slack' }, async ({ app, providers }) => {
  const account = 'Slack: alex (Acme Workspace)';
  await connectWith(app, 'Slack', { tick: ['channels:read', 'chat:write'] });
  const asked = new URL(app.authUrls[0]!);
  expect(asked.origin + asked.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(asked.searchParams.get('user_scope')).toBe('channels:read,chat:write');
  expect(asked.searchParams.has('scope')).toBe(false);
  expect((await grantedScopes(app.page, account)).sort()).toEqual(['channels:read', 'chat:write']);
  const { accessToken } = await readTokens(app.dataDir);
  expect(providers.slack.isActive(accessToken)).toBe(true);

  await connection(app.page, account).getByRole('button', { name: 'Remove connection…' }).click();
  await confirm(app.page, 'Remove connection');
  await expect(connection(app.page, account)).toHaveCount(0);
  expect(providers.slack.isActive(accessToken)).toBe(false);
  expect(providers.slack.grantedBy('alex')).toEqual([]);
});

test('GitHub: comma-separated and empty scope, account from /user, reconnect without a duplicate, revoke through the applications API', { tag: '@github' }, async ({ app, providers }) => {
  // Several sign-ins in one story: on a busy machine each takes seconds.
  test.slow();
  const account = 'GitHub: alex';
  await connectWith(app, 'GitHub', { tick: ['repo', 'read:org'] });
  expect((await grantedScopes(app.page, account)).sort()).toEqual(['read:org', 'repo']);

  // GitHub remembers the authorization and sends the browser straight back: same account, left as
  // it is; the token that sign-in got is revoked alone (DELETE /applications/{client_id}/token).
  const kept = await readTokens(app.dataDir);
  await openConnectPane(app.page);
  await app.page.getByRole('button', { name: 'Connect GitHub' }).click();
  // That page is GitHub's redirect straight back; taken here so the next sign-in gets its own page.
  await app.nextAuthPage();
  expect(app.authUrls).toHaveLength(2);
  await expect(connection(app.page, account).getByRole('status')).toContainText('Already connected: alex was connected already, so nothing was changed.');
  await expect(connection(app.page, /^GitHub: /)).toHaveCount(1);
  expect(Object.keys(readVaultFile(app.dataDir).connections)).toHaveLength(1);
  expect(await readTokens(app.dataDir)).toEqual(kept);
  expect(providers.github.isActive(kept.accessToken)).toBe(true);
  expect(providers.github.tokenCount('alex')).toBe(1);

  // DELETE /applications/{client_id}/grant with the client's ID and secret.
  const { accessToken } = await readTokens(app.dataDir);
  await connection(app.page, account).getByRole('button', { name: 'Remove connection…' }).click();
  await confirm(app.page, 'Remove connection');
  await expect(connection(app.page, account)).toHaveCount(0);
  expect(providers.github.isAuthorized('alex')).toBe(false);
  expect(providers.github.isActive(accessToken)).toBe(false);

  // The person unticks everything: GitHub answers scope "" and nothing is listed as granted.
  await connectWith(app, 'GitHub', { tick: ['repo', 'read:org'], untick: ['repo', 'read:org'] });
  await expect(grantedRows(app.page, account)).toHaveCount(0);
  await expect(notGrantedRows(app.page, account)).toHaveCount(2);
});

test('Atlassian: the fixed callback port, the client secret, account and sites, rotating refresh tokens', { tag: '@atlassian' }, async ({ app, providers }) => {
  const name = 'Atlassian (Jira and Confluence)';
  const account = `${name}: alex@example.com`;
  await openConnectPane(app.page);
  const summary = app.page.getByText(`Choose permissions for ${name}`, { exact: true });
  await summary.click();
  // The checkbox is named by the permission's title; its code is the small print beside it.
  const code = app.page.locator('code', { hasText: /^\(read:jira-work\)$/ });
  await app.page.locator('details').filter({ has: summary }).locator('label').filter({ has: code }).getByRole('checkbox').check();
  await app.page.getByRole('button', { name: `Connect ${name}` }).click();
  const auth = await app.nextAuthPage();
  const asked = new URL(app.authUrls[0]!);
  expect(asked.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${providers.clients.atlassian.redirectPort}/callback`);
  expect(asked.searchParams.get('audience')).toBe('api.atlassian.com');
  expect(asked.searchParams.get('prompt')).toBe('consent');
  await sandboxPages.signIn(auth);
  await auth.getByLabel('Use app on').selectOption({ label: 'acme-labs' });
  await sandboxPages.consent(auth);

  await expect(connection(app.page, account)).toBeVisible();
  await expect(connection(app.page, account).getByLabel('Sites')).toHaveText('acme-labs');
  // Its long name keeps to one line in the sidebar (whole in its title), so the row's text fits
  // the row: nothing clipped at its edges.
  const row = sidebarOption(app.page, new RegExp(`^${escapeRegExp(name)}`));
  const nameLines = await row.locator('.connection-option-name').evaluate((el: PageElement) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  expect(nameLines).toBe(1);
  await expect(row.locator('.connection-option-name')).toHaveAttribute('title', name);
  const [rowBox, textBox] = [await row.boundingBox(), await row.locator('.connection-option-text').boundingBox()];
  expect(textBox!.y).toBeGreaterThanOrEqual(rowBox!.y);
  expect(textBox!.y + textBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height);
  await expect(grantedRows(app.page, account).filter({ hasText: 'read:jira-work' })).toHaveCount(1);
  // The token endpoint refuses an exchange without the secret; the connection exists, so it was sent.
  const first = await readTokens(app.dataDir);
  expect(first.refreshToken).toBeDefined();
  expect(providers.atlassian.isActive(first.accessToken)).toBe(true);

  // "Check access" refreshes: Atlassian rotates the refresh token (and wants the secret again);
  // the new one is what the vault keeps.
  await connection(app.page, account).getByRole('button', { name: 'Check access' }).click();
  await expect(app.page.getByRole('status').filter({ hasText: 'still accepts' })).toBeVisible();
  expect(providers.atlassian.stats.refreshes).toBe(1);
  const second = await readTokens(app.dataDir);
  expect(second.refreshToken).toBeDefined();
  expect(second.refreshToken).not.toBe(first.refreshToken);
  expect(providers.atlassian.isActive(second.accessToken)).toBe(true);
  expect(providers.atlassian.stats.familiesRevoked).toBe(0);
});
