import { afterEach, describe, expect, it } from 'vitest';
import { startMcpAuthServer, type RunningMcpAuthServer } from '../../../e2e/mcpServers/authServer';
import { startResourceServer, type ResourceServerAuth, type RunningResourceServer } from '../../../e2e/mcpServers/resourceServer';
import { discoverMcpServer } from './discovery';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function servers(auth: Partial<ResourceServerAuth> = {}): Promise<{ as: RunningMcpAuthServer; mcp: RunningResourceServer }> {
  const as = await startMcpAuthServer();
  closers.push(() => as.close());
  const mcp = await startResourceServer({
    tools: [{ name: 'list_notes', description: 'Lists notes', run: () => '[]' }],
    auth: { verifier: as.jwtVerifier(), authorizationServers: [as.issuer], scopesSupported: ['notes:read', 'notes:write'], ...auth },
  });
  closers.push(() => mcp.close());
  return { as, mcp };
}

/** A fetch that answers from a table (URL → response), and records what was asked. */
function tableFetch(table: Record<string, () => Response>): typeof fetch & { asked: string[] } {
  const asked: string[] = [];
  const fn = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    asked.push(url);
    const answer = table[url];
    return answer ? answer() : new Response('not found', { status: 404 });
  }) as typeof fetch & { asked: string[] };
  fn.asked = asked;
  return fn;
}

const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const challenge = (header: string) => () => new Response('{}', { status: 401, headers: { 'WWW-Authenticate': header } });

describe('discoverMcpServer', () => {
  it('follows a 401 naming its metadata and scopes to the authorization server (RFC 9728 §5.1, then RFC 8414 / OpenID discovery)', async () => {
    const { as, mcp } = await servers({ challengeScopes: ['notes:read'] });
    const found = await discoverMcpServer(mcp.url, { fetch });
    expect(found).toMatchObject({ kind: 'oauth', url: mcp.url, resource: mcp.url, challengeScopes: ['notes:read'], scopesSupported: ['notes:read', 'notes:write'] });
    if (found.kind !== 'oauth') throw new Error('expected oauth');
    expect(found.server.issuer).toBe(as.issuer);
    expect(found.server.registration_endpoint).toBe(`${as.issuer}/reg`);
    // The probe carried no token, and nothing else was sent to the MCP server.
    expect(mcp.seen.map((r) => [r.method, r.rpc, r.authorization])).toEqual([
      ['POST', 'initialize', undefined],
      ['GET', undefined, undefined],
    ]);
  });

  it.each(['path', 'root'] as const)('without resource_metadata in the 401, finds the metadata at the %s well-known URI', async (metadataAt) => {
    const { mcp } = await servers({ metadataInChallenge: false, metadataAt });
    const found = await discoverMcpServer(mcp.url, { fetch });
    expect(found).toMatchObject({ kind: 'oauth', resource: mcp.url, challengeScopes: [] });
    const wellKnown = mcp.seen.filter((r) => r.path.startsWith('/.well-known/')).map((r) => r.path);
    expect(wellKnown).toEqual(metadataAt === 'path' ? ['/.well-known/oauth-protected-resource/mcp'] : ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']);
  });

  it('refuses metadata naming another resource than the URL asked, before asking any authorization server', async () => {
    const { as, mcp } = await servers({ claimedResource: 'https://elsewhere.example.com/mcp' });
    await expect(discoverMcpServer(mcp.url, { fetch })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      details: { reason: 'mcp-resource-mismatch', resource: 'https://elsewhere.example.com/mcp' },
      message: expect.stringContaining('https://elsewhere.example.com/mcp'),
    });
    expect(as.registrations).toEqual([]);
  });

  it.each([
    ['another path on the same host', 'https://mcp.example.com/other'],
    ['a longer path', 'https://mcp.example.com/mcp/admin'],
    ['another port', 'https://mcp.example.com:8443/mcp'],
  ])('refuses a resource at %s', async (_case, resource) => {
    const fetchFn = tableFetch({
      'https://mcp.example.com/mcp': challenge('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"'),
      'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': json({ resource, authorization_servers: ['https://auth.example.com'] }),
    });
    await expect(discoverMcpServer('https://mcp.example.com/mcp', { fetch: fetchFn })).rejects.toMatchObject({ details: { reason: 'mcp-resource-mismatch' } });
    expect(fetchFn.asked.some((u) => u.startsWith('https://auth.example.com'))).toBe(false);
  });

  it('adds a server that answers without a sign-in as open, and ends the session its probe opened', async () => {
    const mcp = await startResourceServer({ tools: [{ name: 'echo', description: 'Echo', run: () => 'hi' }] });
    closers.push(() => mcp.close());
    expect(await discoverMcpServer(mcp.url, { fetch })).toEqual({ kind: 'open', url: mcp.url });
    expect(mcp.seen.map((r) => r.method)).toEqual(['POST', 'DELETE']);
  });

  it.each([
    ['malformed metadata', { 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': json({ resource: 7, authorization_servers: 'x' }) }, 'mcp-bad-resource-metadata'],
    ['metadata that is not JSON', { 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': () => new Response('<html>', { headers: { 'Content-Type': 'application/json' } }) }, 'mcp-bad-resource-metadata'],
    ['no metadata at either well-known URI', {}, 'mcp-no-resource-metadata'],
    ['metadata naming no authorization server', { 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': json({ resource: 'https://mcp.example.com/mcp' }) }, 'mcp-no-authorization-server'],
    [
      'an authorization server over plain http elsewhere',
      { 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': json({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['http://auth.example.com'] }) },
      'mcp-insecure-url',
    ],
  ])('refuses %s with a clear reason', async (_case, table, reason) => {
    const fetchFn = tableFetch({ 'https://mcp.example.com/mcp': challenge('Bearer error="invalid_token"'), ...table });
    await expect(discoverMcpServer('https://mcp.example.com/mcp', { fetch: fetchFn })).rejects.toMatchObject({ details: { reason } });
  });

  it('refuses an authorization server that does not offer PKCE with S256', async () => {
    const fetchFn = tableFetch({
      'https://mcp.example.com/mcp': challenge('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"'),
      'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': json({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'] }),
      'https://auth.example.com/.well-known/oauth-authorization-server': json({
        issuer: 'https://auth.example.com',
        authorization_endpoint: 'https://auth.example.com/authorize',
        token_endpoint: 'https://auth.example.com/token',
        code_challenge_methods_supported: ['plain'],
      }),
    });
    await expect(discoverMcpServer('https://mcp.example.com/mcp', { fetch: fetchFn })).rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: { reason: 'mcp-no-pkce' } });
  });

  it('refuses authorization server metadata that names another issuer (RFC 8414 §3.3), from both documents, trying OpenID discovery second', async () => {
    const impostor = json({ issuer: 'https://evil.example.com', authorization_endpoint: 'https://evil.example.com/a', token_endpoint: 'https://evil.example.com/t', code_challenge_methods_supported: ['S256'] });
    const fetchFn = tableFetch({
      'https://mcp.example.com/mcp': challenge('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"'),
      'https://mcp.example.com/.well-known/oauth-protected-resource/mcp': json({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'] }),
      'https://auth.example.com/.well-known/oauth-authorization-server': impostor,
      'https://auth.example.com/.well-known/openid-configuration': impostor,
    });
    await expect(discoverMcpServer('https://mcp.example.com/mcp', { fetch: fetchFn })).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE', details: { issuer: 'https://auth.example.com' } });
    expect(fetchFn.asked.filter((u) => u.startsWith('https://auth.example.com'))).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server',
      'https://auth.example.com/.well-known/openid-configuration',
    ]);
  });

  it('asks RFC 8414 metadata before OpenID discovery (oidc-provider answers both; the first is enough)', async () => {
    const { as, mcp } = await servers();
    const asked: string[] = [];
    await discoverMcpServer(mcp.url, { fetch: (input, init) => (asked.push(String(input)), fetch(input, init)) });
    const atServer = asked.filter((u) => u.startsWith(as.issuer));
    expect(atServer).toEqual([`${as.issuer}/.well-known/oauth-authorization-server`]);
  });

  it.each([
    ['plain http to another computer', 'http://mcp.example.com/mcp'],
    ['a user name in the address', 'https://me:pw@mcp.example.com/mcp'],
    ['a file address', 'file:///etc/passwd'],
    ['not an address', 'mcp.example.com'],
  ])('refuses %s without contacting anything', async (_case, url) => {
    const fetchFn = tableFetch({});
    await expect(discoverMcpServer(url, { fetch: fetchFn })).rejects.toMatchObject({ code: 'INVALID_REQUEST', details: { reason: 'mcp-insecure-url' } });
    expect(fetchFn.asked).toEqual([]);
  });

  it('says an address that does not answer as an MCP server is not one', async () => {
    const fetchFn = tableFetch({ 'https://www.example.com/': () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } }) });
    await expect(discoverMcpServer('https://www.example.com/', { fetch: fetchFn })).rejects.toMatchObject({ details: { reason: 'mcp-not-mcp' } });
  });
});
