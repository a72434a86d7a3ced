import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { expect, test } from './fixtures';
import { tools } from './brokerTools';

/**
 * A person with no tool yet opens Tools: it says how to connect one (the command, and an MCP
 * host's configuration from the main process, which knows how this app was started), Copy puts
 * the configuration on the clipboard, and that configuration, pasted as is, starts an MCP server
 * that reaches this app.
 */
test.describe.configure({ timeout: 60_000 });

interface HostEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

test('the empty Tools view shows the command and the MCP configuration, and Copy puts it on the clipboard', { tag: '@tools-onboarding' }, async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.page.url()).origin });
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  await expect(app.page.getByRole('heading', { name: 'Connect a tool' })).toBeVisible();
  await expect(app.page.getByText('No tool is approved yet.')).toBeVisible();

  // This app's data folder is not the default one: the command and the configuration both say so.
  const snippet = app.page.getByLabel('MCP configuration for Claude Desktop and Cursor');
  await expect(snippet).toBeVisible();
  const text = (await snippet.textContent())!;
  const entry = (JSON.parse(text) as { mcpServers: { scopekeeper: HostEntry } }).mcpServers.scopekeeper;
  expect(entry.args.at(-1)).toBe('mcp');
  expect(entry.env).toMatchObject({ SCOPEKEEPER_DATA_DIR: app.dataDir });
  expect(entry.command.startsWith('/') || /^[A-Z]:\\/.test(entry.command)).toBe(true);
  await expect(app.page.getByLabel('Commands to try')).toContainText(`SCOPEKEEPER_DATA_DIR=${app.dataDir} `);
  await expect(app.page.getByLabel('MCP configuration for VS Code')).toContainText('"servers"');
  for (const file of ['claude_desktop_config.json', '~/.cursor/mcp.json', '.vscode/mcp.json']) await expect(app.page.getByText(file, { exact: true })).toBeVisible();

  await app.page.getByRole('button', { name: 'Copy the MCP configuration' }).click();
  await expect(app.page.getByText('Copied.')).toBeVisible();
  expect(await app.page.evaluate('navigator.clipboard.readText()')).toBe(text);

  // Pasted into a host as is: the host starts the server, which reaches this app.
  const inherited = Object.fromEntries(Object.entries(process.env).filter((pair): pair is [string, string] => pair[1] !== undefined && !pair[0].startsWith('SCOPEKEEPER_')));
  const client = new Client({ name: 'pasted-host', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...inherited, SCOPEKEEPER_TOOLS_DIR: tools(), ...entry.env }, stderr: 'pipe' }));
  try {
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('scopekeeper_request_access');
  } finally {
    await client.close();
  }
});
