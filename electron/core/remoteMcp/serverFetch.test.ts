import { describe, expect, it } from 'vitest';
import { RemoteMcpError } from './errors';
import { serverFetch } from './serverFetch';

/** What reached the network: each request's URL, Authorization header and redirect mode. */
function recording(answer: (url: URL) => Response) {
  const sent: { url: string; authorization: string | null; redirect: RequestInit['redirect'] }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    sent.push({ url: url.href, authorization: new Headers(init?.headers).get('authorization'), redirect: init?.redirect });
    return Promise.resolve(answer(url));
  };
  return { sent, fetch };
}

const SERVER = new URL('https://mcp.example.test/mcp');
const wrap = (fetch: typeof globalThis.fetch) => serverFetch({ url: SERVER, fetch, token: () => Promise.resolve('secret-token'), maxMessageBytes: 1024, onOversize: () => undefined });

async function failure(promise: Promise<unknown>): Promise<RemoteMcpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof RemoteMcpError)) throw new Error(`expected a RemoteMcpError, got ${String(error)}`);
  return error;
}

describe('the fetch of one MCP server', () => {
  it('sends the token to the server’s origin only, whatever the caller put in the headers', async () => {
    const { sent, fetch } = recording(() => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    const f = wrap(fetch);
    await f('https://mcp.example.test/other/path');
    await f('https://elsewhere.example.test/mcp', { headers: { Authorization: 'Bearer secret-token' } });
    await f('http://mcp.example.test/mcp');
    await f('https://mcp.example.test:8443/mcp');
    await f('https://mcp.example.test.evil.test/mcp');
    expect(sent.map((s) => s.authorization)).toEqual(['Bearer secret-token', null, null, null, null]);
    expect(sent.every((s) => s.redirect === 'manual')).toBe(true);
  });

  it('follows no redirect: the target is never asked, with or without a token', async () => {
    const { sent, fetch } = recording((url) => (url.host === 'mcp.example.test' ? new Response(null, { status: 307, headers: { location: 'https://attacker.example.test/mcp' } }) : new Response('{}')));
    const error = await failure(wrap(fetch)(SERVER, { method: 'POST', body: '{}' }));
    expect(error.code).toBe('redirected');
    expect(sent.map((s) => s.url)).toEqual([SERVER.href]);
  });

  it('reads the scopes of a 403 insufficient_scope challenge, and nothing odd from a hostile one', async () => {
    const challenge = (value: string) => recording(() => new Response('{}', { status: 403, headers: { 'www-authenticate': value } })).fetch;
    const asked = await failure(wrap(challenge('Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp"'))(SERVER));
    expect(asked).toMatchObject({ code: 'insufficient_scope', details: { scopes: ['files:read', 'files:write'] } });
    expect((await failure(wrap(challenge('Bearer error="insufficient_scope"'))(SERVER))).code).toBe('forbidden');
    expect((await failure(wrap(challenge('Bearer error="invalid_token", scope="a"'))(SERVER))).code).toBe('forbidden');
    const odd = await failure(wrap(challenge('Bearer error="insufficient_scope", scope="ok bad\\scope"'))(SERVER));
    expect(odd.details?.scopes).toEqual(['ok']);
  });

  it('refuses a JSON answer beyond the limit, declared or not', async () => {
    const big = 'x'.repeat(2048);
    const declared = recording(() => new Response(big, { headers: { 'content-type': 'application/json', 'content-length': '2048' } })).fetch;
    expect((await failure(wrap(declared)(SERVER))).code).toBe('too_large');
    const undeclared = recording(() => new Response(new Blob([big]).stream(), { headers: { 'content-type': 'application/json' } })).fetch;
    expect((await failure(wrap(undeclared)(SERVER))).code).toBe('too_large');
  });

  it('ends an event stream at a message beyond the limit, small messages passing', async () => {
    let oversize = 0;
    const events = `data: ${'a'.repeat(500)}\n\ndata: ${'b'.repeat(500)}\n\ndata: ${'c'.repeat(1500)}\n\n`;
    const { fetch } = recording(() => new Response(events, { headers: { 'content-type': 'text/event-stream' } }));
    const response = await serverFetch({ url: SERVER, fetch, token: () => Promise.resolve(undefined), maxMessageBytes: 1024, onOversize: () => void oversize++ })(SERVER);
    await expect(response.text()).rejects.toMatchObject({ code: 'too_large' });
    expect(oversize).toBe(1);
  });

  it('sends no Authorization at all for a server with no sign-in', async () => {
    const { sent, fetch } = recording(() => new Response('{}'));
    await serverFetch({ url: SERVER, fetch, token: () => Promise.resolve(undefined), maxMessageBytes: 1024, onOversize: () => undefined })(SERVER, { headers: { authorization: 'Bearer smuggled' } });
    expect(sent[0]!.authorization).toBeNull();
  });
});
