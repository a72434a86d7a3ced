import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tickInPicker } from './appPages';
import { launchApp } from './harness';
import { expect, sandboxPages, test } from './fixtures';
import { readVaultFile } from './vaultFile';
import { SANDBOX_SCOPES } from '../electron/sandbox/server';

const IDENTITY = ['openid', 'profile', 'email', 'offline_access'];
const ACCOUNT = 'Sandbox: alex@sandbox.test';

/** What Connect asks the Sandbox for untouched: every workspace scope but admin, which is never ticked for you. */
const DEFAULTS = SANDBOX_SCOPES.filter((scope) => scope !== 'files:admin');

test('connects the sandbox granting everything asked, and keeps it across a reload', { tag: '@connect' }, async ({ app }) => {
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  await expect(app.page.getByRole('status')).toContainText('Finish signing in in your browser');

  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(auth.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  const connection = app.page.getByRole('article', { name: ACCOUNT });
  const granted = connection.getByRole('list', { name: 'Granted permissions' }).getByRole('listitem');
  await expect(granted).toHaveCount(IDENTITY.length + DEFAULTS.length);
  for (const scope of [...IDENTITY, ...DEFAULTS]) await expect(granted.filter({ hasText: scope })).toHaveCount(1);
  await expect(granted.filter({ hasText: 'files:admin' })).toHaveCount(0);
  await expect(connection.getByRole('list', { name: 'Asked for but not granted' })).toHaveCount(0);

  await app.page.reload();
  await expect(app.page.getByRole('article', { name: ACCOUNT }).getByRole('list', { name: 'Granted permissions' }).getByRole('listitem'))
    .toHaveCount(IDENTITY.length + DEFAULTS.length);
  const vault = readVaultFile(app.dataDir);
  expect(Object.keys(vault.connections)).toHaveLength(1);
  expect(Object.keys(vault.secrets)).toHaveLength(1);
  expect(vault.raw).not.toMatch(/"(access|refresh)_?[tT]oken"/);
});

test('lists only what was granted when two scopes are unticked', { tag: '@partial-grant' }, async ({ app }) => {
  await tickInPicker(app.page, 'Sandbox', ['files:admin']);
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth, { untick: ['files:admin', 'webhooks:write'] });

  const connection = app.page.getByRole('article', { name: ACCOUNT });
  const granted = connection.getByRole('list', { name: 'Granted permissions' }).getByRole('listitem');
  await expect(granted).toHaveCount(IDENTITY.length + SANDBOX_SCOPES.length - 2);
  await expect(granted.filter({ hasText: 'files:admin' })).toHaveCount(0);
  await expect(granted.filter({ hasText: 'webhooks:write' })).toHaveCount(0);

  const notGranted = connection.getByRole('list', { name: 'Asked for but not granted' }).getByRole('listitem');
  await expect(notGranted).toHaveCount(2);
  await expect(notGranted.filter({ hasText: 'files:admin' })).toContainText('Not granted');
  await expect(notGranted.filter({ hasText: 'webhooks:write' })).toContainText('Not granted');
});

test('says so in a sentence when the person denies, and stores nothing', { tag: '@deny' }, async ({ app }) => {
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.deny(auth);

  // Saying no is a choice, not an error: a neutral sentence, no alert.
  await expect(app.page.getByRole('status')).toHaveText(/You chose not to connect Sandbox\./);
  await expect(app.page.getByRole('alert')).toHaveCount(0);
  await expect(app.page.getByText('No accounts connected yet.')).toBeVisible();
  expect(readVaultFile(app.dataDir).connections).toEqual({});
});

test('cancelling while the browser waits closes the loopback port and stores nothing', { tag: '@cancel' }, async ({ app }) => {
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await expect(auth.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const redirectUri = new URL(app.authUrls[0]!).searchParams.get('redirect_uri')!;
  expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

  await app.page.getByRole('status').getByRole('button', { name: 'Cancel' }).click();
  await expect(app.page.getByRole('status')).not.toContainText('Finish signing in');
  await expect(app.page.getByRole('button', { name: 'Connect Sandbox' })).toBeEnabled();
  await expect(fetch(redirectUri)).rejects.toThrow();

  // The sandbox still finishes its side; the app is no longer listening for it.
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(app.page.getByText('No accounts connected yet.')).toBeVisible();
  expect(readVaultFile(app.dataDir).connections).toEqual({});
});

test('refuses a forged callback with 400 and still completes with the real one', { tag: '@forged-callback' }, async ({ app }) => {
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  const authUrl = new URL(app.authUrls[0]!);
  const redirectUri = authUrl.searchParams.get('redirect_uri')!;

  const forged = await fetch(`${redirectUri}?code=forged-code&state=not-the-state`);
  expect(forged.status).toBe(400);
  await expect(app.page.getByRole('status')).toContainText('Finish signing in in your browser');

  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(app.page.getByRole('article', { name: ACCOUNT })).toBeVisible();
  expect(Object.keys(readVaultFile(app.dataDir).connections)).toHaveLength(1);
});

test('a corrupt vault file is moved aside and the person is told', { tag: '@vault-corrupt' }, async ({ context, sandbox }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-corrupt-'));
  writeFileSync(join(dataDir, 'vault.json'), '{"schemaVersion": 2, "connections": {');
  const app = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    const notice = app.page.getByRole('alert').filter({ hasText: 'moved aside' });
    const aside = readdirSync(dataDir).find((name) => name.startsWith('vault.json.corrupt-'))!;
    // The file is named, the folder is not spelled out: no absolute path reaches the window.
    await expect(notice).toContainText(`moved aside as ${aside} in Scopekeeper's data folder`);
    await expect(notice).not.toContainText(dataDir);
    await notice.getByRole('button', { name: 'Show in folder' }).click();
    // Headless: the harness stands in for shell.showItemInFolder (Electron's opens a real file manager).
    if (process.env.E2E_TARGET !== 'electron') await expect.poll(() => app.revealed).toEqual([join(dataDir, aside)]);
    expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('{"schemaVersion": 2, "connections": {');
    await expect(app.page.getByText('No accounts connected yet.')).toBeVisible();
  } finally {
    await app.close();
  }
});
