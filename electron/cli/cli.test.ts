import { mkdtempSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from '../../e2e/brokerHarness';
import { CLI_NODE_ARGS, runCli, type CliRun } from '../testing/runCli';
import { startSandbox, type RunningAuthServer } from '../sandbox/server';

/**
 * `scopekeeper` and `scopekeeper mcp` as real child processes (through tsx, as `npm run` would run
 * them from source) talking to the real broker socket; the person answers through IPC.
 */
/** Each test starts Node processes that compile TypeScript on the fly: slow on a busy machine. */
const PROCESSES = { timeout: 90_000 };

let sandbox: RunningAuthServer;
let h: BrokerHarness;
let toolsDir: string;
let connectionId: string;
beforeAll(async () => {
  sandbox = await startSandbox(0);
  h = await startBrokerHarness(sandbox);
  connectionId = await h.connectSandbox(['files:read', 'messages:read', 'messages:write']);
});
afterAll(async () => {
  await h.dispose();
  await sandbox.close();
});

function environment(): Record<string, string> {
  return { ...(process.env as Record<string, string>), SCOPEKEEPER_BROKER: h.endpoint, SCOPEKEEPER_TOOLS_DIR: toolsDir };
}

function run(args: string[]): Promise<CliRun> {
  return runCli(args, environment());
}

describe('the scopekeeper command', () => {
  it('asks for an action on first use, keeps its secret 0600, then calls and lists', PROCESSES, async () => {
    toolsDir = mkdtempSync(join(tmpdir(), 'sk-tools-'));
    const asked = h.next('broker:approval-requested');
    const first = run(['call', 'sandbox', 'read-files']);
    const question = await asked;
    // The program is the command's Node, as the kernel shows it, not anything the command said.
    expect(question.tool).toEqual({ name: 'scopekeeper-cli', known: false, program: process.platform === 'linux' ? realpathSync(process.execPath) : 'unknown program' });
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-always', connectionId });
    const called = await first;
    expect(called.code, called.stderr).toBe(0);
    expect(JSON.parse(called.stdout).files.map((f: { name: string }) => f.name)).toContain('Welcome.txt');
    expect(statSync(join(toolsDir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const listed = await run(['connections']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(connectionId);
    expect(listed.stdout).toMatch(/read-files\s+Read your files \(always\)/);

    // Approved now: no question this time.
    const again = await run(['call', connectionId, 'read-files', '--path', '/api/files']);
    expect(again.code, again.stderr).toBe(0);
  });

  it('prints a typed refusal and fails', PROCESSES, async () => {
    const outside = await run(['call', connectionId, 'read-files', '--path', '/api/webhooks']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('Refused (operation_not_allowed)');
  });

  it('asks for an action not approved yet on a connection that has other approvals, then calls', PROCESSES, async () => {
    const asked = h.next('broker:approval-requested');
    const reading = run(['call', connectionId, 'read-messages', '--path', '/api/messages']);
    const question = await asked;
    expect(question).toMatchObject({ kind: 'access', tool: { name: 'scopekeeper-cli', known: true }, connection: { id: connectionId }, actions: [{ id: 'read-messages' }] });
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-once' });
    const read = await reading;
    expect(read.code, read.stderr).toBe(0);
    expect(read.stderr).toContain('Asking Scopekeeper for “read-messages”');
  });

  it('names the one resource its call is about when it asks, and the person may limit the approval to it', PROCESSES, async () => {
    const asked = h.next('broker:approval-requested');
    const first = run(['call', connectionId, 'read-files', '--name', 'one-file-cli', '--path', '/api/files/f1', '--resource', 'fileId=f1']);
    const question = await asked;
    expect(question.resource).toEqual({ label: 'f1', noun: 'file' });
    await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-always' });
    // Forwarded: the Sandbox has no file f1.
    expect((await first).stderr).toContain('HTTP 404');
    const other = await run(['call', connectionId, 'read-files', '--name', 'one-file-cli', '--path', '/api/files/f2']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('Refused (operation_not_allowed): This approval covers only the file f1; GET /api/files/f2 is for another file.');
    expect((await run(['connections', '--name', 'one-file-cli'])).stdout).toMatch(/read-files\s+Read your files \(always, only fileId=f1\)/);
    const malformed = await run(['request', connectionId, 'read-files', '--name', 'one-file-cli', '--resource', 'f1']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--resource takes name=value, not “f1”.');
  });
});

describe('scopekeeper mcp', () => {
  it('an MCP client lists the approved tools over stdio, is told when they change, and calls one', PROCESSES, async () => {
    toolsDir = mkdtempSync(join(tmpdir(), 'sk-mcp-'));
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [...CLI_NODE_ARGS, 'mcp', '--name', 'notes-agent'], env: environment(), stderr: 'pipe' });
    await client.connect(transport);
    try {
      const before = await client.listTools();
      expect(before.tools.map((t) => t.name)).toEqual(['scopekeeper_status', 'scopekeeper_request_access']);

      const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()));
      const asked = h.next('broker:approval-requested');
      const requesting = client.callTool({ name: 'scopekeeper_request_access', arguments: { providerId: 'sandbox', actions: ['send-messages'], reason: 'Send a note' } });
      const question = await asked;
      expect(question).toMatchObject({ tool: { name: 'notes-agent', known: false }, reason: 'Send a note', candidates: [{ id: connectionId }] });
      await h.invoke('broker:answer', { requestId: question.requestId, decision: 'allow-week', connectionId });
      expect(await requesting).toMatchObject({ content: [{ type: 'text', text: expect.stringContaining('Allowed (week)') }] });
      await changed;

      const after = await client.listTools();
      const send = after.tools.find((t) => t.name === 'sandbox_send_messages');
      expect(send?.description).toContain('Send messages, on the Sandbox account alex@sandbox.test');

      // Sending is confirmed by the person each time; the agent waits for the answer.
      const confirming = h.next('broker:approval-requested');
      const sending = client.callTool({ name: 'sandbox_send_messages', arguments: { body: { to: 'sam@sandbox.test', text: 'From an MCP agent' } } });
      await h.invoke('broker:answer', { requestId: (await confirming).requestId, decision: 'allow-once' });
      const result = await sending;
      expect(result.isError).toBeFalsy();
      const content = result.content as { type: string; text: string }[];
      expect(JSON.parse(content[0]!.text)).toMatchObject({ from: 'alex@sandbox.test', text: 'From an MCP agent' });

      const refused = await client.callTool({ name: 'sandbox_send_messages', arguments: { path: '/api/files', method: 'POST', body: {} } });
      expect(refused.isError).toBe(true);
      expect((refused.content as { text: string }[])[0]!.text).toMatch(/^No operation of this tool is POST \/api\/files/);
    } finally {
      await client.close();
    }
  });
});

describe('a --name the broker would refuse', () => {
  it.each([[['connections']], [['call', 'sandbox', 'read-files']], [['mcp']]])('scopekeeper %j says so and exits 2 before connecting', PROCESSES, async (args) => {
    toolsDir = mkdtempSync(join(tmpdir(), 'sk-badname-'));
    const pending = await h.invoke('broker:pending');
    const refused = await run([...args, '--name', 'my agent!']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^--name: “my agent!” cannot be a tool name: use 1 to 64 letters, digits, spaces, dots, dashes and underscores/);
    expect(await h.invoke('broker:pending')).toEqual(pending);
  });
});
