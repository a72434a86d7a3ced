import { z } from 'zod';
import { changesUntil } from '../electron/testing/mcpAgent';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import { connection, grantedRows } from './appPages';
import { approvalDialog } from './brokerTools';
import { expect, sandboxPages } from './fixtures';
import type { AppHarness } from './harness';
import { listed, startHost, type Host } from './mcpHost';
import { addMcpServer, LIST_NOTES, NOTE_SCOPES, test, type McpKit } from './mcpServers/fixture';
import type { RunningResourceServer, TestTool } from './mcpServers/resourceServer';
import { inferScope } from '../shared/scopes/infer';

/**
 * An agent reaches a remote MCP server through Scopekeeper: the person adds the server by URL and
 * signs in on its consent page; the agent's host runs `scopekeeper mcp`, asks for a tool, and calls
 * it as `<server>_<tool>`; the server sees Scopekeeper's token, the agent never does, and the window
 * logs the call. A tool needing a scope not granted goes through the usual step-up.
 */

// Each test starts a Node process (the MCP server command) besides the app: a larger budget, not a wait.
test.describe.configure({ timeout: 90_000 });

const STATUS_TOOLS = ['scopekeeper_status', 'scopekeeper_request_access'];
const ARTICLE = 'Notes: Notes account';
const NOTES: TestTool = { ...LIST_NOTES, title: 'List notes', run: () => 'Shopping list; Trip ideas' };
const ADD_NOTE: TestTool = {
  name: 'add_note',
  title: 'Add a note',
  description: 'Adds a note',
  inputSchema: { text: z.string() },
  annotations: { destructiveHint: false },
  scope: 'notes:write',
  run: (args) => `Added “${String(args.text)}”`,
};

/** Adds the server as "Notes", connects it and signs in. */
async function connectNotes(app: AppHarness, mcp: McpKit, challenge: string[] | undefined): Promise<RunningResourceServer> {
  const server = await mcp.server({ tools: [NOTES, ADD_NOTE], ...(challenge ? { challenge } : {}) });
  await addMcpServer(app.page, server.url, 'Notes');
  await app.page.getByRole('button', { name: 'Connect Notes' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);
  await expect(connection(app.page, ARTICLE)).toBeVisible();
  return server;
}

/** The agent asks for `tools` of the server the person named Notes; the person clicks Always allow. */
async function allowAlways(app: AppHarness, host: Host, tools: string[]): Promise<void> {
  const asking = host.call('scopekeeper_request_access', { server: 'Notes', actions: tools, reason: 'Keep my notes' });
  const dialog = approvalDialog(app.page, 'Notes');
  await expect(dialog).toContainText('It says: “Keep my notes”');
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  const answer = await asking;
  expect(answer.isError, answer.text).toBe(false);
}

test('adds an MCP server by URL, shows its tools and granted scopes in plain language; an agent calls a tool through scopekeeper mcp, logged', { tag: '@remote-mcp' }, async ({ app, mcp }) => {
  const server = await connectNotes(app, mcp, undefined);
  const article = connection(app.page, ARTICLE);
  // Granted scopes, explained from their names and marked as not from the catalog.
  await expect(grantedRows(app.page, ARTICLE)).toHaveCount(NOTE_SCOPES.length);
  await expect(grantedRows(app.page, ARTICLE).first()).toContainText(inferScope('mcp', 'notes:read').title);
  // The server's tools, as it describes them.
  const tools = article.getByRole('list', { name: 'Tools this server offers' }).getByRole('listitem');
  await expect(tools).toHaveText([/List notes\s*list_notes · Only reads\s*Lists your notes/, /Add a note\s*add_note · Can make changes\s*Adds a note/]);

  const host = await startHost('notes-agent', { SCOPEKEEPER_BROKER: brokerEndpoint(app.dataDir) });
  try {
    expect(await host.names()).toEqual(STATUS_TOOLS);
    await allowAlways(app, host, ['list_notes']);
    await changesUntil(host.changes, listed(host, [...STATUS_TOOLS, 'Notes_list_notes']));
    expect(await host.call('Notes_list_notes')).toEqual({ isError: false, text: 'Shopping list; Trip ideas' });
    // The server got the call with Scopekeeper's token, bound to it; the agent only ever had the result.
    expect(server.calls).toEqual([{ tool: 'list_notes', args: {}, scopes: NOTE_SCOPES }]);
    const token = server.seen.find((r) => r.rpc === 'tools/call')!.authorization!;
    expect(token).toMatch(/^Bearer \S+$/);
    expect(await host.call('scopekeeper_status')).not.toMatchObject({ text: expect.stringContaining(token.slice(7)) });
    // The window logs the call under the connection, naming the agent.
    const calls = article.getByRole('list', { name: 'Calls by tools' }).getByRole('listitem');
    await expect(calls).toHaveText([/“notes-agent” via [^·]+ · List notes/]);
  } finally {
    await host.client.close();
  }
});

test('a tool needing a scope not granted: the person adds it in the step-up, signs in again, and the call succeeds', { tag: '@remote-mcp-stepup' }, async ({ app, mcp }) => {
  // The server's challenge names only the read scope: that is all the sign-in asks for.
  await connectNotes(app, mcp, ['notes:read']);
  await expect(grantedRows(app.page, ARTICLE)).toHaveCount(1);

  const host = await startHost('writer-agent', { SCOPEKEEPER_BROKER: brokerEndpoint(app.dataDir) });
  try {
    await allowAlways(app, host, ['add_note']);
    await changesUntil(host.changes, listed(host, [...STATUS_TOOLS, 'Notes_add_note']));
    const adding = host.call('Notes_add_note', { text: 'Buy milk' });
    // The server refuses with 403 insufficient_scope: the window asks for the permission it named.
    const dialog = approvalDialog(app.page, 'Notes');
    await expect(dialog).toContainText('“writer-agent” needs another permission');
    await expect(dialog).toContainText('(not granted yet)');
    await dialog.getByRole('button', { name: 'Add permission' }).click();
    const auth = await app.nextAuthPage();
    await sandboxPages.signInIfAsked(auth);
    await sandboxPages.consent(auth);
    expect(await adding).toEqual({ isError: false, text: 'Added “Buy milk”' });
    await expect(grantedRows(app.page, ARTICLE)).toHaveCount(2);
    // The resource the new token is for is still this server's.
    expect(new URL(app.authUrls.at(-1)!).searchParams.get('resource')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  } finally {
    await host.client.close();
  }
});
