import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../e2e/brokerFixture';
import type { BrokerHarness } from '../../e2e/brokerHarness';
import type { BrokerToolView } from '../../shared/ipc/contract';
import { CLI_ENTRY, CLI_NODE_ARGS, runCli } from '../testing/runCli';
import { thisCommand } from './setupCommands';

/**
 * `scopekeeper mcp --print-config` and `scopekeeper actions`, and how `request` and `call` answer a
 * mistyped action or a revoked approval: the real command as a child process, against the real
 * broker where the app must run.
 */
const PROCESSES = { timeout: 90_000 };

/** The environment of a person whose app keeps its data in `dataDir` (no socket there: not running). */
function personEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), SCOPEKEEPER_DATA_DIR: dataDir, SCOPEKEEPER_TOOLS_DIR: mkdtempSync(join(tmpdir(), 'sk-tools-')), SCOPEKEEPER_SECRET_STORE: 'file', ...extra };
  delete env.SCOPEKEEPER_BROKER;
  return env;
}

const notRunning = (): Record<string, string> => personEnv(mkdtempSync(join(tmpdir(), 'sk-nothing-')));

describe('scopekeeper mcp --print-config', () => {
  it('prints, without the app, the JSON a host needs: this Node and this script, absolute, and the moved data folder', PROCESSES, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sk-data-'));
    const printed = await runCli(['mcp', '--print-config', '--name', 'notes agent'], personEnv(dataDir));
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({
      mcpServers: { scopekeeper: { command: process.execPath, args: [realpathSync(CLI_ENTRY), 'mcp', '--name', 'notes agent'], env: { SCOPEKEEPER_DATA_DIR: dataDir } } },
    });
    expect(printed.stderr).toContain('claude_desktop_config.json');
  });

  it('leaves out the data folder where the command would look anyway, and speaks VS Code’s format with --vscode', PROCESSES, async () => {
    const env = notRunning();
    delete env.SCOPEKEEPER_DATA_DIR;
    const printed = await runCli(['mcp', '--print-config', '--vscode'], env);
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({ servers: { scopekeeper: { type: 'stdio', command: process.execPath, args: [realpathSync(CLI_ENTRY), 'mcp'] } } });
    expect(printed.stderr).toContain('.vscode/mcp.json');
  });

  it('refuses a name no tool can have, with status 2, and prints no configuration', PROCESSES, async () => {
    const printed = await runCli(['mcp', '--print-config', '--name', 'my agent!'], notRunning());
    expect(printed.code).toBe(2);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toContain('“my agent!” cannot be a tool name');
  });
});

describe('scopekeeper actions without the app', () => {
  it('lists the catalog’s callable actions with plain titles and what sends, deletes or shares', PROCESSES, async () => {
    const listed = await runCli(['actions', 'sandbox'], notRunning());
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain('Scopekeeper is not running');
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toBe('sandbox  Sandbox');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}read-files +Read your files$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}send-messages +Send messages {2}\(sends\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}edit-files +Edit your files {2}\(deletes\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}share-files +Share your files {2}\(shares\)$/));
    // Not an API call: nothing a tool could ask for.
    expect(listed.stdout).not.toContain('stay-connected');
  });

  it('lists every provider without an argument, and suggests the provider meant', PROCESSES, async () => {
    const all = await runCli(['actions'], notRunning());
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/^sandbox {2}Sandbox$/m);
    expect(all.stdout).toMatch(/^github {2}GitHub$/m);
    const mistyped = await runCli(['actions', 'sandbx'], notRunning());
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('There is no provider “sandbx” in Scopekeeper’s catalog. Did you mean sandbox?');
    expect(mistyped.stderr).not.toContain('Usage:');
  });
});

describe('with the app running', () => {
  let h: BrokerHarness;
  let connectionId: string;
  withSandboxBroker(['files:read', 'messages:write'], (harness, id) => {
    h = harness;
    connectionId = id;
  });
  const env = (): Record<string, string> => personEnv(h.dataDir);

  it('a printed configuration starts an MCP server that reaches the app', PROCESSES, async () => {
    const printed = await runCli(['mcp', '--print-config', '--name', 'notes-agent'], env());
    const { command, args, env: extra } = JSON.parse(printed.stdout).mcpServers.scopekeeper as { command: string; args: string[]; env: Record<string, string> };
    expect(extra).toEqual({ SCOPEKEEPER_DATA_DIR: h.dataDir });
    // Only TypeScript needs tsx; the host runs the rest exactly as printed.
    const transport = new StdioClientTransport({ command, args: [...CLI_NODE_ARGS.slice(0, 2), ...args], env: { ...personEnv('/nowhere'), ...extra }, stderr: 'pipe' });
    const client = new Client({ name: 'host', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('scopekeeper_request_access');
    } finally {
      await client.close();
    }
  });

  it('a mistyped action is refused with the ids meant, and nobody is asked', PROCESSES, async () => {
    const byProvider = await runCli(['request', 'sandbox', 'send-mesages'], env());
    expect(byProvider.code).toBe(2);
    expect(byProvider.stderr.trim()).toBe('Sandbox has no action “send-mesages” that a tool can call. Did you mean send-messages?');
    const byConnection = await runCli(['request', connectionId, 'read-file'], env());
    expect(byConnection.code).toBe(1);
    expect(byConnection.stderr).toContain('Refused (bad_request): Sandbox has no action “read-file”. Did you mean read-files');
    for (const run of [byProvider, byConnection]) expect(run.stderr).not.toMatch(/revoked/i);
    expect(await h.invoke('broker:pending')).toEqual([]);
  });

  it('after the person revokes an action, `call --no-ask` says it is not approved (not a usage error); `actions` shows what is approved', PROCESSES, async () => {
    const environment = env();
    const asked = h.next('broker:approval-requested');
    const requesting = runCli(['request', 'sandbox', 'read-files', 'send-messages'], environment);
    await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always', connectionId });
    expect((await requesting).code).toBe(0);

    const approved = await runCli(['actions', 'sandbox'], environment);
    expect(approved.stdout).toMatch(/^ {2}read-files +Read your files {2}\(approved for this command on alex@sandbox\.test\)$/m);
    expect(approved.stdout).toMatch(/^ {2}send-messages +Send messages {2}\(sends; approved for this command on alex@sandbox\.test\)$/m);

    const [tool] = (await h.invoke('broker:tools')) as BrokerToolView[];
    await h.invoke('broker:revoke', { toolId: tool!.id, connectionId, actionId: 'read-files' });
    const byProvider = await runCli(['call', 'sandbox', 'read-files', '--no-ask'], environment);
    expect(byProvider.code).toBe(1);
    expect(byProvider.stderr.trim()).toBe('Refused (not_approved): “scopekeeper-cli” has no approval for “read-files” on an account of sandbox. Ask with: scopekeeper request sandbox read-files');
    const byConnection = await runCli(['call', connectionId, 'read-files', '--no-ask', '--path', '/api/files'], environment);
    expect(byConnection.code).toBe(1);
    expect(byConnection.stderr).toContain('Refused (not_approved)');
    for (const run of [byProvider, byConnection]) expect(run.stderr).not.toContain('Usage:');
  });
});

describe('how this command names itself for a host', () => {
  it('under Node or the app binary run as Node: the executable and the script, absolute', () => {
    const script = realpathSync(CLI_ENTRY);
    expect(thisCommand({ execPath: '/usr/bin/node', argv: ['/usr/bin/node', script], versions: {} as NodeJS.ProcessVersions })).toEqual({ command: '/usr/bin/node', args: [script] });
    expect(thisCommand({ execPath: '/opt/electron', argv: ['/opt/electron', script], versions: { electron: '45.0.0' } as unknown as NodeJS.ProcessVersions })).toEqual({
      command: '/opt/electron',
      args: [script],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('the packaged app running its built-in command: the app binary with the switch, no RunAsNode variable', () => {
    const argv = ['/opt/Scopekeeper/scopekeeper', '--scopekeeper-command', 'mcp', '--print-config'];
    expect(thisCommand({ execPath: '/opt/Scopekeeper/scopekeeper', argv, versions: { electron: '45.0.0' } as unknown as NodeJS.ProcessVersions })).toEqual({
      command: '/opt/Scopekeeper/scopekeeper',
      args: ['--scopekeeper-command'],
    });
  });
});
