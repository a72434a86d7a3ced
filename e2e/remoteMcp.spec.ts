import { connection, grantedRows, openConnection, openSettings, sidebarOption } from './appPages';
import { expect, sandboxPages } from './fixtures';
import { addMcpServer, NOTE_SCOPES as SCOPES, test } from './mcpServers/fixture';
import { inferScope } from '../shared/scopes/infer';
import { readTokens } from './vaultFile';

/**
 * Remote MCP servers added by URL in Connect an account: MCP servers made of the SDK's own pieces,
 * one sign-in service (oidc-provider with dynamic registration and resource indicators) in front.
 */

test('adds an MCP server by URL, signs in on its consent page, and a second server of the same sign-in service reuses the app registered there', { tag: '@remote-mcp-dcr' }, async ({ app, mcp }) => {
  const notes = await mcp.server({ challenge: ['notes:read'] });
  const tasks = await mcp.server();

  const form = await addMcpServer(app.page, notes.url, 'Notes');
  await expect(form.getByRole('status')).toHaveText('Notes was added. Choose its permissions, then connect it.');
  await expect(app.page.getByRole('button', { name: 'Connect Notes' })).toBeFocused();
  expect(mcp.auth.registrations).toHaveLength(1);

  await app.page.getByRole('button', { name: 'Connect Notes' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  const article = 'Notes: Notes account';
  await expect(connection(app.page, article)).toBeVisible();
  // The server's own scope, explained from its name and marked as such.
  const read = grantedRows(app.page, article);
  await expect(read).toHaveCount(1);
  await expect(read.first()).toContainText(inferScope('mcp', 'notes:read').title);
  await expect(read.first()).toContainText('Not in our catalog');
  expect(new URL(app.authUrls.at(-1)!).searchParams.get('resource')).toBe(notes.url);

  await addMcpServer(app.page, tasks.url, 'Tasks');
  await expect(form.getByRole('status')).toHaveText('Tasks was added. Choose its permissions, then connect it.');
  await app.page.getByRole('button', { name: 'Connect Tasks' }).click();
  const again = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(again);
  await sandboxPages.consent(again);
  await expect(grantedRows(app.page, 'Tasks: Tasks account')).toHaveCount(SCOPES.length);
  // One app registered at the sign-in service, used by both servers.
  expect(mcp.auth.registrations).toHaveLength(1);
});

test('adds an MCP server that needs no sign-in as a connection that says so', { tag: '@remote-mcp-noauth' }, async ({ app, mcp }) => {
  const echo = await mcp.server({ open: true });
  const form = await addMcpServer(app.page, echo.url, 'Echo');
  await expect(form.getByRole('status')).toHaveText('Echo needs no sign-in: it is in your connections now.');
  const detail = await openConnection(app.page, 'Echo: No sign-in needed');
  await expect(detail).toBeVisible();
  expect(app.authUrls).toEqual([]);
  expect(echo.seen.every((r) => r.authorization === undefined)).toBe(true);
});

test('says next to the URL why a server cannot be added', { tag: '@remote-mcp-noauth' }, async ({ app }) => {
  const form = await addMcpServer(app.page, 'http://127.0.0.1:9/mcp', 'Nowhere');
  await expect(form.getByText(/Scopekeeper could not reach 127\.0\.0\.1:9/)).toBeVisible();
  await expect(form.getByLabel('MCP server URL')).toBeFocused();
  await expect(form.getByLabel('MCP server URL')).toHaveAttribute('aria-invalid', 'true');
});

test('removes an MCP server in Settings with its connection, revoked at its sign-in service, once confirmed', { tag: '@remote-mcp-remove' }, async ({ app, mcp }) => {
  const notes = await mcp.server();
  await addMcpServer(app.page, notes.url, 'Notes');
  await app.page.getByRole('button', { name: 'Connect Notes' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(connection(app.page, 'Notes: Notes account')).toBeVisible();
  const { refreshToken } = await readTokens(app.dataDir);

  const providers = await openSettings(app.page, 'Providers and clients');
  await providers.getByRole('button', { name: 'Remove Notes…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Remove Notes?' });
  await expect(dialog).toContainText('Its connection is disconnected: Scopekeeper asks its sign-in service to revoke its tokens, then deletes them here.');
  await expect(dialog).toContainText('Tools you allowed to use its tools lose those approvals.');
  // Keep changes nothing.
  await dialog.getByRole('button', { name: 'Keep' }).click();
  await expect(providers.getByRole('button', { name: 'Remove Notes…' })).toBeFocused();
  await providers.getByRole('button', { name: 'Remove Notes…' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();

  await expect(providers.getByRole('status')).toHaveText(/^Notes was removed\./);
  await expect(providers.getByRole('heading', { name: 'Notes', exact: true })).toHaveCount(0);
  await expect(sidebarOption(app.page, /Notes/)).toHaveCount(0);
  // Revoked there: its sign-in service no longer takes the refresh token.
  const refreshed = await fetch(`${mcp.auth.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken!, client_id: mcp.auth.registrations[0]!, resource: notes.url }),
  });
  expect(refreshed.status).toBe(400);
  expect(((await refreshed.json()) as { error: string }).error).toBe('invalid_grant');
});
