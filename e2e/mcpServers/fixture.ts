/**
 * The remote MCP specs' kit: MCP servers made of the SDK's own pieces (resourceServer.ts), with one
 * sign-in service in front of them (authServer.ts: oidc-provider with dynamic registration and
 * resource indicators), and adding a server by URL in Connect an account as a person does.
 */
import type { Locator, Page } from '@playwright/test';
import { openConnectPane } from '../appPages';
import { expect, test as base } from '../fixtures';
import { startMcpAuthServer, type RunningMcpAuthServer } from './authServer';
import { startResourceServer, type RunningResourceServer, type TestTool } from './resourceServer';

export const NOTE_SCOPES = ['notes:read', 'notes:write'];

/** A server's default tool: reads the notes, with the read scope. */
export const LIST_NOTES: TestTool = { name: 'list_notes', description: 'Lists your notes', annotations: { readOnlyHint: true }, scope: 'notes:read', run: () => '[]' };

export interface McpKit {
  auth: RunningMcpAuthServer;
  /** An MCP server behind `auth` (naming `challenge` in its 401), or with no sign-in at all (`open`). */
  server(options?: { challenge?: string[]; open?: boolean; tools?: TestTool[] }): Promise<RunningResourceServer>;
}

export const test = base.extend<{ mcp: McpKit }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  mcp: async ({}, use) => {
    const auth = await startMcpAuthServer();
    const started: RunningResourceServer[] = [];
    await use({
      auth,
      server: async ({ challenge, open = false, tools = [LIST_NOTES] } = {}) => {
        const server = await startResourceServer({
          tools,
          ...(open ? {} : { auth: { verifier: auth.jwtVerifier(), authorizationServers: [auth.issuer], scopesSupported: NOTE_SCOPES, ...(challenge ? { challengeScopes: challenge } : {}) } }),
        });
        if (!open) auth.addResource(server.url, NOTE_SCOPES);
        started.push(server);
        return server;
      },
    });
    await Promise.all(started.map((s) => s.close()));
    await auth.close();
  },
});

/** Adds a server by URL in Connect an account, naming it; resolves to the form. */
export async function addMcpServer(page: Page, url: string, name: string): Promise<Locator> {
  await openConnectPane(page);
  const form = page.getByRole('form', { name: 'Add an MCP server' });
  if (!(await form.isVisible())) await page.getByText('Add an MCP server', { exact: true }).click();
  await form.getByLabel('MCP server URL').fill(url);
  // The name follows the host until the person changes it.
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('127.0.0.1');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Add MCP server' }).click();
  return form;
}
