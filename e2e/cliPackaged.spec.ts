/**
 * The `scopekeeper` command as the packages ship it: the one built file (out/cli/scopekeeper.mjs,
 * cli.vite.config.ts) copied alone into an empty temporary folder, with no node_modules in it or
 * in any folder above it, run by plain Node. It must answer --help and --version, and serve MCP
 * (the SDK's real Client over stdio) against the broker of a running app.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { expect, test } from '@playwright/test';
import { startBrokerHarness, type BrokerHarness } from './brokerHarness';
import { OUT_DIR } from './globalSetup';
import { SecretFile } from '../electron/cli/toolSession';
import { startSandbox, type RunningAuthServer } from '../electron/sandbox/server';

const BUILT = join(OUT_DIR, 'cli', 'scopekeeper.mjs');
const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

let folder: string;
let sandbox: RunningAuthServer;
let h: BrokerHarness;

test.beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'sk-packaged-'));
  copyFileSync(BUILT, join(folder, 'scopekeeper.mjs'));
  sandbox = await startSandbox(0);
  h = await startBrokerHarness(sandbox);
});

test.afterEach(async () => {
  await h.dispose();
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The folder and every folder above it: none may hold a node_modules the file could lean on. */
function ancestors(start: string): string[] {
  const all = [start];
  while (all.at(-1) !== parse(start).root) all.push(dirname(all.at(-1)!));
  return all;
}

/** A tool's environment, with nothing that points Node at packages elsewhere. */
function environment(toolsDir: string): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), SCOPEKEEPER_BROKER: h.endpoint, SCOPEKEEPER_TOOLS_DIR: toolsDir };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return env;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(folder, 'scopekeeper.mjs'), ...args], { cwd: folder, env: environment(join(folder, 'tools')) }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('the built command runs alone from an empty folder: --help, --version, and MCP against the app', { tag: '@cli-packaged' }, async () => {
  expect(readdirSync(folder)).toEqual(['scopekeeper.mjs']);
  expect(ancestors(folder).filter((dir) => existsSync(join(dir, 'node_modules')))).toEqual([]);

  const help = await run(['--help']);
  expect(help.code, help.stderr).toBe(0);
  expect(help.stdout).toContain('scopekeeper mcp');
  expect(await run(['--version'])).toEqual({ code: 0, stdout: `scopekeeper ${VERSION}\n`, stderr: '' });

  // The person already allowed this agent to read files; its secret is in its tools folder.
  const toolsDir = join(folder, 'tools');
  const setup = await h.tool('packaged-agent');
  const connectionId = await h.connectSandbox(['files:read']);
  const { result } = await h.approve(setup, { connectionId, actions: ['read-files'] }, 'allow-always');
  expect(result.secret).toBeDefined();
  new SecretFile(toolsDir).set('packaged-agent', result.secret!);

  const client = new Client({ name: 'packaged-e2e', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [join(folder, 'scopekeeper.mjs'), 'mcp', '--name', 'packaged-agent'], cwd: folder, env: environment(toolsDir), stderr: 'pipe' }),
  );
  try {
    expect(client.getServerVersion()).toMatchObject({ version: VERSION });
    const { tools } = await client.listTools();
    // The tool's exact name is the MCP server's business (electron/cli/mcp.ts); it names the action.
    const read = tools.find((tool) => tool.name.includes('read_files'));
    expect(read, tools.map((tool) => tool.name).join(', ')).toBeDefined();
    const called = await client.callTool({ name: read!.name, arguments: {} });
    expect(called.isError).toBeFalsy();
    expect((called.content as { text: string }[])[0]!.text).toContain('Welcome.txt');
  } finally {
    await client.close();
  }
  // Nothing was unpacked or installed beside the file: the secret went to the tools folder only.
  expect(readdirSync(folder).sort()).toEqual(['scopekeeper.mjs', 'tools']);
});
