import { openSettings } from './appPages';
import type { Page } from '@playwright/test';
import { expect, sandboxPages, test } from './fixtures';
import { readVaultFile } from './vaultFile';

/**
 * Everything the main process sends the window, as the window receives it: each invoke answer and
 * each pushed event (a second subscriber to the same event stream). Headless target: the shim
 * carries both over /__ipc; an empty record fails the test rather than passing it unseen.
 */
async function recordIpc(page: Page): Promise<() => Promise<string[]>> {
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/__ipc/invoke') answers.push(response.text());
  });
  // Runs in the page (a DOM, not this Node process), hence the loose types. The stream needs the
  // session secret the shim got for this tab from the launch address (electron/headless/launchGate.ts).
  type PageScope = {
    __ipcFrames: string[];
    sessionStorage: { getItem(key: string): string | null };
    EventSource: new (url: string) => { onmessage: (m: { data: string }) => void };
  };
  await page.waitForFunction(() => (globalThis as unknown as PageScope).sessionStorage.getItem('scopekeeper.previewSession') !== null);
  await page.evaluate(() => {
    const scope = globalThis as unknown as PageScope;
    const frames: string[] = [];
    scope.__ipcFrames = frames;
    const session = scope.sessionStorage.getItem('scopekeeper.previewSession') ?? '';
    new scope.EventSource(`/__ipc/events?session=${encodeURIComponent(session)}`).onmessage = (message) => frames.push(message.data);
  });
  const frames = (): Promise<string[]> => page.evaluate(() => (globalThis as unknown as { __ipcFrames: string[] }).__ipcFrames);
  return async () => [...(await Promise.all(answers)), ...(await frames())];
}

test('a client brought from Settings signs in with its secret, which stays sealed and out of the window', { tag: '@byo-client' }, async ({ app, sandbox }) => {
  const { page } = app;
  const { clientId, clientSecret } = sandbox.ownApp;
  const traffic = await recordIpc(page);

  await openSettings(page, 'Providers and clients');
  const panel = page.getByRole('region', { name: 'Providers and clients' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Sandbox', exact: true }) });
  await expect(panel).toContainText(`Signs in with this build’s OAuth app (client ID ${sandbox.clientId}, no secret).`);
  await panel.getByText('Use your own OAuth app with Sandbox').click();
  await expect(panel.getByLabel('Redirect URI to register')).toHaveText('http://127.0.0.1/callback');

  const form = panel.getByRole('form', { name: 'Your own OAuth app for Sandbox' });
  await form.getByLabel('Client ID').fill(clientId);
  await form.getByLabel(/^Client secret/).fill(clientSecret);
  await form.getByRole('button', { name: 'Save OAuth app' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox now signs in with your own OAuth app.' })).toBeVisible();
  await expect(panel).toContainText(`Signs in with your own OAuth app (client ID ${clientId}, secret saved).`);
  await expect(form.getByLabel(/^Client secret/)).toHaveValue('');

  // The sandbox registered this client with a secret (client_secret_basic): the sign-in only
  // finishes when the saved secret reaches its token endpoint.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Connect Sandbox' }).click();
  const auth = await app.nextAuthPage();
  expect(new URL(app.authUrls[0]!).searchParams.get('client_id')).toBe(clientId);
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox is connected as alex@sandbox.test' })).toBeVisible();

  const vault = readVaultFile(app.dataDir);
  expect(vault.raw).toContain(clientId);
  expect(vault.raw).not.toContain(clientSecret);
  const seen = await traffic();
  expect(seen.some((frame) => frame.includes('"source":"own"'))).toBe(true);
  expect(seen.some((frame) => frame.includes('grants:changed'))).toBe(true);
  for (const frame of seen) expect(frame).not.toContain(clientSecret);
  expect(await page.content()).not.toContain(clientSecret);
  const values = await page.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
  expect(values).not.toContain(clientSecret);
});

test.describe('a build without an Atlassian client', () => {
  test.use({ withoutClients: ['atlassian'] });

  test('a provider without a client says so and leads to its form, which says what to register', { tag: '@byo-client' }, async ({ app }) => {
    const { page } = app;
    const name = 'Atlassian (Jira and Confluence)';
    await expect(page.getByRole('button', { name: `Connect ${name}` })).toHaveCount(0);
    const atlassian = page.getByRole('region', { name: 'Connect an account' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await expect(atlassian).toContainText(`This build of Scopekeeper has no OAuth client for ${name}.`);
    await atlassian.getByRole('link', { name: 'Use your own OAuth app' }).click();

    const details = page.locator('#own-client-atlassian');
    await expect(details).toHaveAttribute('open', '');
    await expect(details.getByText(`Use your own OAuth app with ${name}`)).toBeFocused();
    await expect(details.getByRole('link', { name: 'Open the Atlassian developer console' })).toHaveAttribute('href', 'https://developer.atlassian.com/console/myapps/');

    const form = details.getByRole('form', { name: `Your own OAuth app for ${name}` });
    await form.getByLabel('Client ID').fill('my-atlassian-app');
    await form.getByRole('button', { name: 'Save OAuth app' }).click();
    await expect(form.getByText(/accepts only one exact callback URL/)).toBeVisible();
    await form.getByLabel(/^Fixed redirect port/).fill('47123');
    await expect(details.getByLabel('Redirect URI to register')).toHaveText('http://127.0.0.1:47123/callback');
    await form.getByLabel(/^Client secret/).fill('atlassian-secret-value');
    await form.getByRole('button', { name: 'Save OAuth app' }).click();
    await expect(details.locator('..')).toContainText('Signs in with your own OAuth app (client ID my-atlassian-app, secret saved, port 47123).');
    expect(readVaultFile(app.dataDir).raw).not.toContain('atlassian-secret-value');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
    await expect(page.getByRole('button', { name: `Connect ${name}` })).toBeEnabled();
  });
});
