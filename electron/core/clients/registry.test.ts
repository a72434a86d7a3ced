import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientRegistry, ClientsFileError, loadBuiltInClients, parseClientsFile } from './registry';

const dir = mkdtempSync(join(tmpdir(), 'scopekeeper-clients-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parseClientsFile', () => {
  it('reads provider id → client, marked built-in', () => {
    const clients = parseClientsFile(
      JSON.stringify({ google: { clientId: 'g.apps', clientSecret: 'GOCSPX-x' }, atlassian: { clientId: 'a', clientSecret: 's', redirectPort: 53682 } }),
      'test.json',
    );
    expect(clients.get('google')).toEqual({ clientId: 'g.apps', clientSecret: 'GOCSPX-x', source: 'built-in' });
    expect(clients.get('atlassian')?.redirectPort).toBe(53682);
  });

  it('accepts the empty file the repository ships', () => {
    expect(parseClientsFile('{}', 'resources/oauth-clients.json').size).toBe(0);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['an array', '[]', /malformed/],
    ['a missing client ID', '{"github":{"clientSecret":"x"}}', /malformed at github\.clientId/],
    ['a port out of range', '{"atlassian":{"clientId":"a","redirectPort":80}}', /malformed at atlassian\.redirectPort/],
    ['an unknown field', '{"slack":{"clientId":"a","secret":"typo"}}', /malformed at slack/],
    ['a bad provider id', '{"Google Inc":{"clientId":"a"}}', /malformed/],
  ])('refuses %s with a clear error', (_name, text, message) => {
    expect(() => parseClientsFile(text, 'clients.json')).toThrow(ClientsFileError);
    expect(() => parseClientsFile(text, 'clients.json')).toThrow(message);
  });

  it('never puts a secret in its error', () => {
    const text = '{"google":{"clientId":"","clientSecret":"GOCSPX-very-secret"}}';
    expect(() => parseClientsFile(text, 'c.json')).toThrow(ClientsFileError);
    try {
      parseClientsFile(text, 'c.json');
    } catch (error) {
      expect((error as Error).message).not.toContain('GOCSPX-very-secret');
    }
  });
});

describe('loadBuiltInClients', () => {
  it('prefers the file SCOPEKEEPER_OAUTH_CLIENTS names', () => {
    const shipped = file('shipped.json', '{"google":{"clientId":"shipped"}}');
    const named = file('named.json', '{"google":{"clientId":"named"}}');
    expect(loadBuiltInClients({ SCOPEKEEPER_OAUTH_CLIENTS: named }, shipped).get('google')?.clientId).toBe('named');
    expect(loadBuiltInClients({}, shipped).get('google')?.clientId).toBe('shipped');
  });

  it('treats a missing shipped file as no clients, a missing named file as an error', () => {
    expect(loadBuiltInClients({}, join(dir, 'absent.json')).size).toBe(0);
    expect(() => loadBuiltInClients({ SCOPEKEEPER_OAUTH_CLIENTS: join(dir, 'absent.json') }, '')).toThrow(/cannot be read \(ENOENT\)/);
  });

  it('stops on a malformed shipped file', () => {
    expect(() => loadBuiltInClients({}, file('bad.json', '{"x":1}'))).toThrow(ClientsFileError);
  });
});

describe('ClientRegistry', () => {
  it('lets the person’s own client win over the built-in one, and describes it without the secret', async () => {
    let own: { clientId: string; hasSecret: boolean } | undefined;
    const store = { ownClient: (id: string) => (id === 'github' ? own : undefined), ownClientSecret: async () => 's2' };
    const registry = new ClientRegistry(parseClientsFile('{"github":{"clientId":"built","clientSecret":"s1"}}', 'f'), store);
    expect(await registry.resolve('github')).toEqual({ clientId: 'built', clientSecret: 's1', source: 'built-in' });
    expect(registry.describe('github')).toEqual({ clientId: 'built', hasSecret: true, source: 'built-in' });
    own = { clientId: 'mine', hasSecret: true };
    expect(await registry.resolve('github')).toEqual({ clientId: 'mine', clientSecret: 's2', source: 'own' });
    expect(registry.describe('github')).toEqual({ clientId: 'mine', hasSecret: true, source: 'own' });
    expect(JSON.stringify(registry.describe('github'))).not.toContain('s2');
    expect(registry.hasBuiltIn('github')).toBe(true);
    own = undefined;
    expect((await registry.resolve('github'))?.clientId).toBe('built');
    expect(await registry.resolve('slack')).toBeUndefined();
    expect(registry.describe('slack')).toBeUndefined();
  });
});
