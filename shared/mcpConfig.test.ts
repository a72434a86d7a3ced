import { describe, expect, it } from 'vitest';
import { dataDirAssignment, dataDirVariable, mcpHostConfig, mcpLaunch, terminalCommand, whereToolsFindTheApp } from './mcpConfig';

const NODE = { command: '/usr/bin/node', args: ['/opt/scopekeeper/bin/scopekeeper.js'] };

describe('the MCP host configuration', () => {
  it('starts `mcp` after the command’s own arguments, with --name and the variables given', () => {
    expect(mcpLaunch(NODE)).toEqual({ command: '/usr/bin/node', args: ['/opt/scopekeeper/bin/scopekeeper.js', 'mcp'] });
    expect(mcpLaunch({ ...NODE, env: { ELECTRON_RUN_AS_NODE: '1' } }, { name: 'notes agent', env: { SCOPEKEEPER_DATA_DIR: '/d' } })).toEqual({
      command: '/usr/bin/node',
      args: ['/opt/scopekeeper/bin/scopekeeper.js', 'mcp', '--name', 'notes agent'],
      env: { ELECTRON_RUN_AS_NODE: '1', SCOPEKEEPER_DATA_DIR: '/d' },
    });
  });

  it('names the data folder only where the command would look elsewhere', () => {
    expect(dataDirVariable('/home/a/.config/scopekeeper', '/home/a/.config/scopekeeper')).toEqual({});
    expect(dataDirVariable('/repo/.scopekeeper-dev', '/home/a/.config/scopekeeper')).toEqual({ SCOPEKEEPER_DATA_DIR: '/repo/.scopekeeper-dev' });
  });

  it('writes `mcpServers` for Claude Desktop and Cursor, and VS Code’s `servers` with the entry’s type', () => {
    const launch = mcpLaunch(NODE);
    expect(JSON.parse(mcpHostConfig(launch))).toEqual({ mcpServers: { scopekeeper: launch } });
    expect(JSON.parse(mcpHostConfig(launch, 'vscode'))).toEqual({ servers: { scopekeeper: { type: 'stdio', ...launch } } });
    expect(mcpHostConfig(launch)).toContain('\n  "mcpServers": {\n');
  });

  it('quotes a data folder for the shell only when it must, and a quote inside it safely', () => {
    expect(dataDirAssignment('/repo/.scopekeeper-dev')).toBe('SCOPEKEEPER_DATA_DIR=/repo/.scopekeeper-dev');
    expect(dataDirAssignment("/home/o'neil/My Data")).toBe(`SCOPEKEEPER_DATA_DIR='/home/o'\\''neil/My Data'`);
  });

  it('gives the terminal the same command, its variables first, each word quoted where the shell would split it', () => {
    expect(terminalCommand(mcpLaunch({ command: 'scopekeeper', args: [] }))).toBe('scopekeeper');
    expect(terminalCommand(mcpLaunch({ command: '/Applications/Scopekeeper.app/Contents/MacOS/Scopekeeper', args: ['/My Apps/cli.js'], env: { ELECTRON_RUN_AS_NODE: '1' } }, { env: { SCOPEKEEPER_DATA_DIR: '/d' } }))).toBe(
      "ELECTRON_RUN_AS_NODE=1 SCOPEKEEPER_DATA_DIR=/d /Applications/Scopekeeper.app/Contents/MacOS/Scopekeeper '/My Apps/cli.js'",
    );
  });

  it('tells a developer where tools find the app they started', () => {
    expect(whereToolsFindTheApp('/repo/.scopekeeper-dev', true)).toEqual([
      'Data folder: /repo/.scopekeeper-dev',
      "Tools and MCP hosts find this app with: SCOPEKEEPER_DATA_DIR=/repo/.scopekeeper-dev  (scopekeeper mcp --print-config adds it to a host's configuration)",
    ]);
    expect(whereToolsFindTheApp('/home/a/.config/scopekeeper', false)[1]).toBe('Tools and MCP hosts find this app there without being told.');
  });
});
