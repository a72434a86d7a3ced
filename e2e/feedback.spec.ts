import type { Page } from '@playwright/test';
import { connection, connectWith, openSettings } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import { launchApp } from './harness';
import { startSandbox } from '../electron/sandbox/server';

const SANDBOX = 'Sandbox: alex@sandbox.test';

/** The provider's card in "Connect an account": where its Connect button and its messages are. */
function providerCard(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('button', { name: `Connect ${name}` }) });
}

async function addServer(page: Page, server: { name: string; issuer: string; clientId: string }) {
  await openSettings(page, 'Providers and clients');
  await page.getByText('Add an OAuth or OpenID server', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Add an OAuth or OpenID server' });
  await form.getByLabel('Name').fill(server.name);
  await form.getByLabel('Issuer URL', { exact: true }).fill(server.issuer);
  await form.getByLabel('Client ID').fill(server.clientId);
  await form.getByRole('button', { name: 'Add server' }).click();
  return page.getByRole('region', { name: 'Providers and clients' });
}

test('a partial grant says what was not granted and what will not work, at the top of the new connection, with Ask again', { tag: '@feedback' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin', 'webhooks:write'] });
  const detail = connection(app.page, SANDBOX);
  const result = detail.getByRole('status');
  await expect(result).toHaveText(
    /^Sandbox is connected as alex@sandbox\.test\. Not everything asked for was granted\. Not granted: “Manage files and who sees them”, “Create and change your webhooks”\. What will not work: “Share your files”, “Get notified of changes”\. Use Ask again to ask once more\./,
  );
  await expect(result).toBeFocused();
  const notGranted = detail.getByRole('list', { name: 'Asked for but not granted' });
  await expect(notGranted.getByRole('button', { name: 'Ask again for Manage files and who sees them' })).toBeVisible();
  await expect(notGranted.getByRole('button', { name: 'Ask again for Create and change your webhooks' })).toBeVisible();
});

test('saying no on the consent page is a neutral sentence beside the Connect button', { tag: '@feedback' }, async ({ app }) => {
  await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.deny(auth);
  await expect(providerCard(app.page, 'Sandbox').getByRole('status')).toHaveText(/^You chose not to connect Sandbox\. Nothing was saved\./);
  await expect(app.page.getByRole('alert')).toHaveCount(0);
});

test('an issuer that answers without metadata is named, with the address looked at, beside Add server', { tag: '@feedback' }, async ({ app, sandbox }) => {
  const issuer = `${sandbox.issuer}/wrong-path`;
  const section = await addServer(app.page, { name: 'Wrong path', issuer, clientId: 'scopekeeper-desktop' });
  await expect(section.getByRole('alert')).toContainText(
    `${issuer} answered, but it is not an OpenID or OAuth server (no metadata at ${issuer}/.well-known/openid-configuration), so nothing was added. Check the issuer URL.`,
  );
  await expect(section.getByRole('alert')).not.toContainText('internet');
  await expect(section.getByLabel('Issuer URL', { exact: true })).toHaveValue(issuer);
});

test('a plain-http issuer elsewhere is the person’s input, said as such, never a bug', { tag: '@feedback' }, async ({ app }) => {
  const section = await addServer(app.page, { name: 'Plain', issuer: 'http://login.example.test', clientId: 'x' });
  await expect(section.getByRole('alert')).toContainText('Scopekeeper only accepts https issuers, or http on this computer');
  await expect(section.getByRole('alert')).not.toContainText('bug');
});

test('a stopped Sandbox says how to start it, beside its Connect button, never the internet connection', { tag: '@feedback' }, async ({ context }) => {
  const stopped = await startSandbox(0);
  await stopped.close();
  const app = await launchApp(context, { sandboxIssuer: stopped.issuer });
  try {
    await app.page.getByRole('button', { name: 'Connect Sandbox' }).click();
    const alert = providerCard(app.page, 'Sandbox').getByRole('alert');
    await expect(alert).toContainText(
      `The Sandbox at ${stopped.issuer} is not running: start it with npm run sandbox, then try again (nothing was connected).`,
    );
    await expect(alert).not.toContainText('internet');
    await expect(app.page.getByRole('button', { name: 'Connect Sandbox' })).toBeFocused();
  } finally {
    await app.close();
  }
});
