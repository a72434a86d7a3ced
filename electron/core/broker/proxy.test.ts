import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeFlow, CookieBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { BrokerError } from './protocol';
import { forward, insufficientScope } from './proxy';
import { requestOverFetch } from './providerRequest';

describe('reading a Bearer challenge (RFC 6750 §3)', () => {
  it('finds insufficient_scope and the scope it names', () => {
    expect(insufficientScope('Bearer realm="sandbox", error="insufficient_scope", scope="files:write"')).toEqual({ scope: 'files:write' });
    expect(insufficientScope('bearer error=insufficient_scope')).toEqual({});
    expect(insufficientScope('Bearer realm="sandbox", error="invalid_token"')).toBeUndefined();
    expect(insufficientScope('Basic realm="x"')).toBeUndefined();
    expect(insufficientScope(null)).toBeUndefined();
  });
});

describe('forwarding to the real sandbox API', () => {
  let sandbox: RunningAuthServer;
  let accessToken: string;
  beforeAll(async () => {
    sandbox = await startSandbox(0);
    const flow = await CodeFlow.start(sandbox);
    const browser = new CookieBrowser();
    const consent = await flow.signIn(browser, await flow.authorize(browser, { scope: 'openid files:read' }));
    accessToken = (await flow.allow(browser, consent, ['files:read'])).access_token;
  });
  afterAll(() => sandbox.close());

  const request = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    forward({
      send: requestOverFetch(globalThis.fetch),
      url: new URL(`${sandbox.apiBase}${path}`),
      method,
      headers,
      body,
      token: { accessToken, tokenType: 'bearer', scopes: ['files:read'] },
      controller: new AbortController(),
      timeoutMs: 10_000,
    });

  it('adds the token itself and brings back status, body and safe headers', async () => {
    const answer = await request('GET', '/files', { Accept: 'application/json' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(answer.body).files.length).toBeGreaterThan(0);
  });

  it('turns the provider’s 403 insufficient_scope into the typed refusal', async () => {
    const error = await request('POST', '/files', {}, JSON.stringify({ name: 'x' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerError);
    expect((error as BrokerError).toJSON()).toMatchObject({ code: 'insufficient_scope', details: { status: 403, scopes: ['files:write'] } });
  });

  it('refuses headers that are Scopekeeper’s to set', async () => {
    for (const name of ['Authorization', 'Cookie', 'Host', 'X-Forwarded-For', 'Proxy-Authorization']) {
      const error = await request('GET', '/files', { [name]: 'x' }).catch((e: unknown) => e);
      expect((error as BrokerError).code, name).toBe('bad_request');
    }
  });
});

describe('the headers a tool may send', () => {
  /** What reached the provider: a fetch that records the request's headers. */
  async function sent(headers: Record<string, string>): Promise<Headers | BrokerError> {
    let seen: Headers | undefined;
    const recording: typeof fetch = async (_input, init) => {
      seen = new Headers(init?.headers);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const answer = await forward({
      send: requestOverFetch(recording),
      url: new URL('https://api.example.test/files'),
      method: 'GET',
      headers,
      body: undefined,
      token: { accessToken: 'AT', tokenType: 'Bearer', scopes: [] },
      controller: new AbortController(),
      timeoutMs: 10_000,
    }).catch((error: unknown) => error as BrokerError);
    return answer instanceof BrokerError ? answer : seen!;
  }

  it('refuses method overrides, forwarding and hop-by-hop headers, and sends nothing', async () => {
    const refused = [
      'X-HTTP-Method-Override',
      'X-HTTP-Method',
      'X-Method-Override',
      'Forwarded',
      'X-Forwarded-For',
      'X-Forwarded-Host',
      'X-Real-IP',
      'Via',
      'Connection',
      'Keep-Alive',
      'TE',
      'Trailer',
      'Upgrade',
      'Proxy-Connection',
      'Host',
      'Authorization',
      'Cookie',
      'DPoP',
      'X-Anything-Else',
    ];
    for (const name of refused) {
      const answer = await sent({ [name]: 'DELETE' });
      expect(answer, name).toBeInstanceOf(BrokerError);
      expect((answer as BrokerError).code, name).toBe('bad_request');
      expect((answer as BrokerError).message, name).toContain(name);
    }
  });

  it('sends the content-negotiation and conditional headers it allows, and its own Authorization', async () => {
    const headers = await sent({ Accept: 'application/json', 'If-Match': '"v2"', 'X-GitHub-Api-Version': '2022-11-28', Prefer: 'return=minimal' });
    expect(headers).toBeInstanceOf(Headers);
    const seen = headers as Headers;
    expect(seen.get('accept')).toBe('application/json');
    expect(seen.get('if-match')).toBe('"v2"');
    expect(seen.get('x-github-api-version')).toBe('2022-11-28');
    expect(seen.get('prefer')).toBe('return=minimal');
    expect(seen.get('authorization')).toBe('Bearer AT');
    // undici's request adds no User-Agent, and GitHub refuses a request without one.
    expect(seen.get('user-agent')).toBe('Scopekeeper');
    expect([...seen.keys()].sort()).toEqual(['accept', 'authorization', 'if-match', 'prefer', 'user-agent', 'x-github-api-version']);
  });

  it('keeps the tool’s own User-Agent', async () => {
    const seen = (await sent({ 'User-Agent': 'my-agent/1.0' })) as Headers;
    expect(seen.get('user-agent')).toBe('my-agent/1.0');
  });
});
