import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { aesKeyFileCipher, confVault } from '../../headless/adapters';
import { CHANGES_FILE, readVaultFiles } from './changeLog';
import type { McpServerRecord } from './mcpSchema';
import { migrate, MIGRATIONS } from './migrations';
import { Vault } from './vault';

const clock = { now: () => new Date('2026-12-07T10:00:00.000Z') };
let dir: string;
const open = (): Vault => Vault.open(confVault(dir), aesKeyFileCipher(join(dir, 'vault.key')), clock);
const onDisk = () => readVaultFiles(join(dir, 'vault.json'), join(dir, CHANGES_FILE));

const server: McpServerRecord = {
  id: 'mcp-0b5e4a52-8d0f-4c1e-9a53-6a3b8c0d2e11',
  name: 'Notes',
  url: 'https://mcp.example.com/mcp',
  auth: {
    resource: 'https://mcp.example.com/mcp',
    issuer: 'https://auth.example.com',
    scopes: ['notes:read'],
    knownScopes: ['notes:read', 'notes:write'],
    endpoints: { authorization: 'https://auth.example.com/authorize', token: 'https://auth.example.com/token' },
    client: 'registered',
  },
  addedAt: '2026-12-07T10:00:00.000Z',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scopekeeper-mcp-vault-'));
});

describe('MCP servers and registered clients in the vault', () => {
  it('keeps a server and the client registered at its authorization server across a restart, the secret sealed', async () => {
    const vault = open();
    await vault.mcp.saveServer(server);
    await vault.mcp.saveRegisteredClient('https://auth.example.com', { clientId: 'dyn-123', clientSecret: 'dyn-secret-value', secretExpiresAt: 0 }, clock.now().toISOString());
    const reopened = open();
    expect(reopened.mcp.servers()).toEqual([server]);
    expect(reopened.mcp.registeredClient('https://auth.example.com')).toEqual({ clientId: 'dyn-123', hasSecret: true, secretExpiresAt: undefined });
    expect(await reopened.mcp.registeredClientSecret('https://auth.example.com')).toBe('dyn-secret-value');
    expect(onDisk().raw).not.toContain('dyn-secret-value');
    expect(reopened.mcp.registeredClient('__proto__')).toBeUndefined();
    expect(reopened.mcp.server('constructor')).toBeUndefined();
  });

  it('forgets a server with the person’s own client for it, and keeps the registration others share', async () => {
    const vault = open();
    await vault.mcp.saveServer(server);
    await vault.saveOwnClient(server.id, { clientId: 'mine' }, clock.now().toISOString());
    await vault.mcp.saveRegisteredClient('https://auth.example.com', { clientId: 'dyn-123' }, clock.now().toISOString());
    await vault.mcp.removeServer(server.id);
    const reopened = open();
    expect(reopened.mcp.servers()).toEqual([]);
    expect(reopened.ownClient(server.id)).toBeUndefined();
    expect(reopened.mcp.registeredClient('https://auth.example.com')?.clientId).toBe('dyn-123');
  });

  it('brings a version 4 file and its pending change-log lines to version 5 with no servers yet', async () => {
    await open().saveSettings({ sandboxIssuer: 'http://127.0.0.1:4890' });
    const { mcpServers: _m, registeredClients: _r, ...v4 } = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ ...v4, schemaVersion: 4 }));
    writeFileSync(join(dir, CHANGES_FILE), `${JSON.stringify({ schemaVersion: 4, settings: { sandboxIssuer: 'http://127.0.0.1:4999' } })}\n`);
    const vault = open();
    expect(vault.settings().sandboxIssuer).toBe('http://127.0.0.1:4999');
    expect(vault.mcp.servers()).toEqual([]);
    expect((await vault.status()).recovered).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))).toMatchObject({ schemaVersion: 5, mcpServers: {}, registeredClients: {} });
  });

  it('keeps a version 4 app off a version 5 file: it would drop the MCP servers its connections are on', () => {
    expect(migrate({ schemaVersion: 5 }, MIGRATIONS, 4)).toEqual({ kind: 'newer', version: 5 });
  });

  it('refuses to write a server over a file from a newer Scopekeeper', async () => {
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ schemaVersion: 99 }));
    await expect(open().mcp.saveServer(server)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))).toEqual({ schemaVersion: 99 });
  });
});
