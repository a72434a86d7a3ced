import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingRequest } from '../../../e2e/providers/routing';
import type { ProviderRequester } from '../ports';
import { BrokerError, LIMITS } from './protocol';
import { requestOverFetch, requestOverPool } from './providerRequest';
import { forward } from './proxy';

/** A provider's API misbehaving in each of the ways the proxy must survive, one path each. */
function provider(): { server: Server; closed: Promise<void>[]; requests: IncomingMessage[] } {
  const closed: Promise<void>[] = [];
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    closed.push(once(res, 'close').then(() => undefined));
    const routes: Record<string, (res: ServerResponse) => void> = {
      '/echo': () => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', etag: '"e1"', 'set-cookie': 'sid=1' }).end(JSON.stringify({ method: req.method, headers: req.headers, body })));
      },
      // Never answers: only the broker's time-out ends the call.
      '/never': () => undefined,
      // Answers, then never finishes its body.
      '/stalls': () => res.writeHead(200, { 'content-type': 'application/json' }).write('{"files":['),
      '/declared-too-large': () => res.writeHead(200, { 'content-length': String(LIMITS.maxResponseBytes + 1) }).write('x'),
      // Streams for as long as the client reads.
      '/endless': () => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const more = (): void => {
          while (!res.destroyed && res.write(Buffer.alloc(64 * 1024, 0x61)));
          if (!res.destroyed) res.once('drain', more);
        };
        more();
      },
      '/redirect': () => res.writeHead(302, { location: 'https://elsewhere.example/steal' }).end(),
      '/scope': () => res.writeHead(403, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="files:write"' }).end(),
    };
    (routes[new URL(req.url!, 'http://x').pathname] ?? (() => res.writeHead(404).end()))(res);
  });
  return { server, closed, requests };
}

const REQUESTERS: [string, () => ProviderRequester][] = [
  ['the hosts’ pooled requester (undici)', () => requestOverPool()],
  ['the default requester on the fetch port', () => requestOverFetch(globalThis.fetch)],
];

describe.each(REQUESTERS)('forwarding through %s', (_name, make) => {
  const api = provider();
  let base: string;
  const send = make();
  beforeAll(async () => {
    api.server.listen(0, '127.0.0.1');
    await once(api.server, 'listening');
    base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    api.server.closeAllConnections();
    api.server.close();
  });

  const call = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string; controller?: AbortController; timeoutMs?: number; send?: ProviderRequester } = {}) =>
    forward({
      send: options.send ?? send,
      url: new URL(path, base),
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      body: options.body,
      token: { accessToken: 'AT', tokenType: 'bearer', scopes: [] },
      controller: options.controller ?? new AbortController(),
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  const refusal = (promise: Promise<unknown>): Promise<BrokerError> => promise.then(() => expect.fail('expected a refusal'), (error: unknown) => error as BrokerError);

  it('sends method, headers and body as given, and brings back status, the safe headers and the body', async () => {
    const answer = await call('/echo', { method: 'POST', headers: { Accept: 'application/json' }, body: '{"name":"a"}' });
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual({ 'content-type': 'application/json', etag: '"e1"' });
    const seen = JSON.parse(answer.body) as { method: string; headers: Record<string, string>; body: string };
    expect(seen).toMatchObject({ method: 'POST', body: '{"name":"a"}' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer AT', accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'Scopekeeper', 'content-length': '12' });
  });

  it('answers a redirect with the redirect itself, and never follows it', async () => {
    const before = api.requests.length;
    const answer = await call('/redirect');
    expect(answer).toMatchObject({ status: 302, headers: { location: 'https://elsewhere.example/steal' } });
    expect(api.requests.length).toBe(before + 1);
  });

  it('turns a 403 insufficient_scope into the typed refusal', async () => {
    expect((await refusal(call('/scope'))).toJSON()).toMatchObject({ code: 'insufficient_scope', details: { status: 403, scopes: ['files:write'] } });
  });

  it('times out a provider that never answers with the typed refusal, and lets go of its connection', async () => {
    const error = await refusal(call('/never', { timeoutMs: 150 }));
    expect(error).toBeInstanceOf(BrokerError);
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`127.0.0.1:${new URL(base).port} did not answer within 150 ms.`);
    await api.closed.at(-1);
  });

  it('times out an answer that stops halfway, with its status', async () => {
    const error = await refusal(call('/stalls', { timeoutMs: 150 }));
    expect(error.toJSON()).toMatchObject({ code: 'timeout', details: { status: 200 } });
    expect(error.message).toContain('did not finish its answer within 150 ms');
    await api.closed.at(-1);
  });

  it('abandons the call when the tool goes away', async () => {
    const tool = new AbortController();
    const pending = refusal(call('/never', { controller: tool }));
    await once(api.server, 'request');
    tool.abort();
    expect((await pending).toJSON()).toMatchObject({ code: 'timeout', message: 'The tool disconnected before the provider answered.' });
    await api.closed.at(-1);
  });

  it('abandons an answer halfway when the tool goes away', async () => {
    const tool = new AbortController();
    let headed!: () => void;
    const answered = new Promise<void>((resolve) => (headed = resolve));
    // The requester tells when the answer's head is in; its body never finishes.
    const watching: ProviderRequester = async (request) => {
      const answer = await send(request);
      headed();
      return answer;
    };
    const pending = refusal(call('/stalls', { controller: tool, send: watching }));
    await answered;
    tool.abort();
    expect((await pending).toJSON()).toMatchObject({ code: 'timeout', message: 'The tool disconnected before the provider finished its answer.', details: { status: 200 } });
    await api.closed.at(-1);
  });

  it('refuses an answer declared too large, and one that grows too large, and stops downloading it', async () => {
    expect((await refusal(call('/declared-too-large'))).toJSON()).toMatchObject({ code: 'too_large', details: { status: 200 } });
    await api.closed.at(-1);
    expect((await refusal(call('/endless'))).toJSON()).toMatchObject({ code: 'too_large', details: { status: 200 } });
    // The endless answer ends only because the client stopped reading it.
    await api.closed.at(-1);
  });

  it('says a provider nobody answers for is unreachable', async () => {
    const gone = createServer();
    gone.listen(0, '127.0.0.1');
    await once(gone, 'listening');
    const port = (gone.address() as AddressInfo).port;
    gone.close();
    await once(gone, 'close');
    const error = await forward({
      send,
      url: new URL(`http://127.0.0.1:${port}/files`),
      method: 'GET',
      headers: {},
      body: undefined,
      token: { accessToken: 'AT', tokenType: 'bearer', scopes: [] },
      controller: new AbortController(),
      timeoutMs: 10_000,
    }).catch((e: unknown) => e as BrokerError);
    expect((error as BrokerError).code).toBe('provider_unreachable');
  });
});

describe('the tests’ routing of the requester (e2e/providers/routing.ts)', () => {
  const api = provider();
  let port: number;
  beforeAll(async () => {
    api.server.listen(0, '127.0.0.1');
    await once(api.server, 'listening');
    port = (api.server.address() as AddressInfo).port;
  });
  afterAll(() => {
    api.server.closeAllConnections();
    api.server.close();
  });

  const request = (url: string, send: ProviderRequester) =>
    forward({ send, url: new URL(url), method: 'GET', headers: {}, body: undefined, token: { accessToken: 'AT', tokenType: 'bearer', scopes: [] }, controller: new AbortController(), timeoutMs: 150 });

  it('delivers a routed https host to its loopback server, path and query unchanged', async () => {
    const answer = await request('https://api.provider.example/echo?x=1', routingRequest(new Map([['api.provider.example', port]])));
    expect(answer.status).toBe(200);
    expect(api.requests.at(-1)!.url).toBe('/echo?x=1');
  });

  it('refuses any https host it does not route (a test never reaches the internet)', async () => {
    const error = await request('https://api.github.com/user', routingRequest(new Map([['api.provider.example', port]]))).catch((e: unknown) => e as BrokerError);
    expect((error as BrokerError).toJSON()).toMatchObject({ code: 'provider_unreachable', details: { reason: 'request failed: the tests route no server for api.github.com' } });
  });

  it('keeps the time-out of the requester it routes to', async () => {
    const error = await request('https://api.provider.example/never', routingRequest(new Map([['api.provider.example', port]]))).catch((e: unknown) => e as BrokerError);
    expect((error as BrokerError).code).toBe('timeout');
  });
});
