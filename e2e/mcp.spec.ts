import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changesUntil } from '../electron/testing/mcpAgent';
import { connection, connectWith } from './appPages';
import { approvalDialog } from './brokerTools';
import { listed, startHost, type Host } from './mcpHost';
import { expect, test } from './fixtures';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import { launchApp, type AppHarness } from './harness';

/**
 * `scopekeeper mcp` as an MCP host runs it: the SDK's client spawns the built command from a
 * host's configuration (command, args, env), before or after the app starts, and reads its tools
 * as a host would show them to a model.
 */

// Each test starts a Node process (the MCP server) besides the app: a larger budget, not a wait.
test.describe.configure({ timeout: 90_000 });

const STATUS_TOOLS = ['scopekeeper_status', 'scopekeeper_request_access'];
const NOT_RUNNING = 'Scopekeeper is not running: start it, then call again.';

/** The host's agent asks for `actions` on the Sandbox; the person clicks Always allow; the host is told. */
async function allowAlways(app: AppHarness, host: Host, actions: string[]): Promise<void> {
  const asking = host.call('scopekeeper_request_access', { providerId: 'sandbox', actions, reason: 'Work on your notes' });
  const dialog = approvalDialog(app.page);
  await expect(dialog).toContainText('It says: “Work on your notes”');
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  expect((await asking).isError).toBe(false);
}

test('an MCP host starts it before the app: not running, then the app starts, the list changes, a call succeeds; the app stops: an error result', { tag: '@mcp-host' }, async ({ context, sandbox }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-e2e-'));
  const host = await startHost('host-agent', { SCOPEKEEPER_DATA_DIR: dataDir });
  try {
    expect(await host.names()).toEqual(STATUS_TOOLS);
    expect(await host.call('scopekeeper_status')).toEqual({ isError: true, text: NOT_RUNNING });
    expect(await host.call('scopekeeper_request_access', { providerId: 'sandbox', actions: ['read-files'] })).toEqual({ isError: true, text: NOT_RUNNING });

    const app = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
    try {
      // The app's socket appears: the server connects and says the list changed.
      await host.changes();
      await changesUntil(host.changes, async () => !(await host.call('scopekeeper_status')).isError);
      await connectWith(app, 'Sandbox');
      await allowAlways(app, host, ['read-files']);
      await changesUntil(host.changes, listed(host, [...STATUS_TOOLS, 'sandbox_read_files']));
      const read = await host.call('sandbox_read_files');
      expect(read.isError).toBe(false);
      expect((JSON.parse(read.text) as { files: { name: string }[] }).files.map((f) => f.name)).toContain('Welcome.txt');
    } finally {
      await app.close();
    }
    await changesUntil(host.changes, listed(host, STATUS_TOOLS));
    // A host still holding the old list gets a result it can show, not a protocol error.
    expect(await host.call('sandbox_read_files')).toEqual({ isError: true, text: NOT_RUNNING });
  } finally {
    await host.client.close();
  }
});

test('its tools as a host shows them: names hosts accept, hints, strict arguments, unknown tool -32602', { tag: '@mcp-schema' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const host = await startHost('schema-agent', { SCOPEKEEPER_BROKER: brokerEndpoint(app.dataDir) });
  try {
    await allowAlways(app, host, ['read-files', 'send-messages']);
    await changesUntil(host.changes, listed(host, [...STATUS_TOOLS, 'sandbox_read_files', 'sandbox_send_messages']));
    const { tools: listedTools } = await host.client.listTools();
    for (const tool of listedTools) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.title).toBeTruthy();
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
    }
    const [read, send] = ['sandbox_read_files', 'sandbox_send_messages'].map((name) => listedTools.find((t) => t.name === name)!);
    expect(read!.annotations).toEqual({ title: 'Read your files (Sandbox: alex@sandbox.test)', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(send!.annotations).toEqual({ title: 'Send messages (Sandbox: alex@sandbox.test)', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(send!.description).toContain('on the Sandbox account alex@sandbox.test');
    expect(send!.inputSchema).toMatchObject({ required: ['body'], properties: { body: { type: 'object', required: ['to', 'text'], properties: { to: { type: 'string' }, text: { type: 'string' } } } } });

    expect(await host.call('sandbox_read_files', { path: 123 })).toEqual({ isError: true, text: 'path: Invalid input: expected string, received number' });
    expect(await host.call('sandbox_send_messages', { body: { to: 'sam@sandbox.test', text: 42 } })).toEqual({ isError: true, text: 'body.text: Invalid input: expected string, received number' });
    // Nothing was sent: no confirmation asked, no call in the connection's audit log until a right one.
    await expect(approvalDialog(app.page)).toBeHidden();
    const calls = connection(app.page, 'Sandbox: alex@sandbox.test').getByRole('list', { name: 'Calls by tools' }).getByRole('listitem');
    await expect(calls).toHaveCount(0);
    expect((await host.call('sandbox_read_files', { path: '/api/files' })).isError).toBe(false);
    await expect(calls).toHaveText([/“schema-agent” via [^·]+ · Read your files .*GET 127\.0\.0\.1:\d+\/api\/files answered 200/]);
    await expect(host.client.callTool({ name: 'sandbox_delete_everything', arguments: {} })).rejects.toMatchObject({ code: -32602 });
  } finally {
    await host.client.close();
  }
});
