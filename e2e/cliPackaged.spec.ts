/**
 * The `scopekeeper` command as the packages ship it: the one built file (out/cli/scopekeeper.mjs,
 * cli.vite.config.ts) copied alone into an empty temporary folder, with no node_modules in it or
 * in any folder above it, run by plain Node. It must answer --help and --version, and serve MCP
 * (the SDK's real Client over stdio) against the broker of a running app.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

function run(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...environment(join(folder, 'tools')), ...extra };
    execFile(process.execPath, [join(folder, 'scopekeeper.mjs'), ...args], { cwd: folder, env }, (error, stdout, stderr) => {
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

/**
 * What the packages put beside the file (electron-builder.json): node_modules/@napi-rs/keyring.
 * A stand-in with the same Entry API records what it is asked, so the test needs no keychain.
 */
const FAKE_KEYRING = `
const { appendFileSync } = require('node:fs');
exports.Entry = class Entry {
  constructor(service, account) { this.service = service; this.account = account; }
  getPassword() { appendFileSync(process.env.FAKE_KEYRING_LOG, JSON.stringify({ op: 'get', service: this.service, account: this.account, argv: process.argv }) + '\\n'); return null; }
  setPassword() { throw new Error('not in this test'); }
};`;

test('the built command uses the keychain binding shipped beside it, asked in a child on stdin', { tag: '@cli-packaged' }, async () => {
  const binding = join(folder, 'node_modules', '@napi-rs', 'keyring');
  mkdirSync(binding, { recursive: true });
  writeFileSync(join(binding, 'package.json'), JSON.stringify({ name: '@napi-rs/keyring', main: 'index.js' }));
  writeFileSync(join(binding, 'index.js'), FAKE_KEYRING);
  const log = join(folder, 'keyring.log');

  const listed = await run(['connections', '--name', 'keychain-agent'], { FAKE_KEYRING_LOG: log });
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.stdout).toContain('Nothing approved for this command yet');
  const asked = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { op: string; service: string; account: string; argv: string[] });
  expect(asked.map(({ op, service, account }) => ({ op, service, account }))).toEqual([{ op: 'get', service: 'Scopekeeper', account: 'keychain-agent' }]);
  // The binding beside the file, not one from anywhere else; the tool's name never on a command line.
  expect(asked[0]!.argv).toContain(join(binding, 'index.js'));
  expect(asked[0]!.argv.join(' ')).not.toContain('keychain-agent');
  // Nothing went to the file: the keychain answered.
  expect(existsSync(join(folder, 'tools', 'secrets.json'))).toBe(false);

  // SCOPEKEEPER_SECRET_STORE=file still keeps the keychain out of it.
  rmSync(log);
  expect((await run(['connections', '--name', 'keychain-agent'], { FAKE_KEYRING_LOG: log, SCOPEKEEPER_SECRET_STORE: 'file' })).code).toBe(0);
  expect(existsSync(log)).toBe(false);
});
