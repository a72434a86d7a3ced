import { executionAsyncResource } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as oauth from 'openid-client';
import { discover, exchangeCode, revokeTokens, withSignal } from './client';
import { ConfigurationCache } from './configurations';
import { createAuthorizationChecks } from './pkce';

type Answer = { status?: number; body: string } | undefined | Promise<Answer>;

/** A deliberately broken authorization server: `answer(path, issuer)` says what each path returns. */
let server: Server | undefined;
async function serverAnswering(answer: (path: string, issuer: string) => Answer): Promise<string> {
  let issuer = '';
  server = createServer((req, res) => {
    void (async () => {
      const found = await answer(new URL(req.url ?? '/', issuer).pathname, issuer);
      res.writeHead(found?.status ?? (found ? 200 : 404), { 'Content-Type': 'application/json' }).end(found?.body ?? '');
    })();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return issuer;
}
afterEach(async () => {
  // Held answers keep their connections open: drop them rather than wait.
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A promise a test settles by hand; `reached` resolves when the server starts waiting on it. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { opened, open, arrived, reached };
}

const metadata = (issuer: string, extra: Record<string, unknown> = {}): Answer => ({
  body: JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, ...extra }),
});

describe('discover', () => {
  it('reports a broken OpenID document as the server’s own problem, not as the fallback’s 404', async () => {
    const issuer = await serverAnswering((path) => (path === '/.well-known/openid-configuration' ? { body: '{not json' } : undefined));
    const failure = await discover(issuer, 'client', fetch).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PROVIDER_UNREACHABLE', details: { issuer, cause: 'no-metadata', error: 'discovery_failed' } });
    const { details } = failure as { details: { error_description: string } };
    expect(details.error_description).toContain(`${issuer}/.well-known/openid-configuration`);
    // Not the fallback's status; the address is left out, as its random port may hold "404".
    expect(details.error_description.replaceAll(issuer, '')).not.toContain('404');
  });

  it('names the HTTP status the OpenID document answered, when the RFC 8414 one is only missing', async () => {
    const issuer = await serverAnswering((path) => (path === '/.well-known/openid-configuration' ? { status: 503, body: 'down' } : undefined));
    await expect(discover(issuer, 'client', fetch)).rejects.toMatchObject({
      code: 'PROVIDER_UNREACHABLE',
      details: { cause: 'no-metadata', status: 503, error_description: `HTTP 503 Service Unavailable at ${issuer}/.well-known/openid-configuration` },
    });
  });

  it('says there is no metadata at all when both addresses answer 404, and what to do', async () => {
    const issuer = await serverAnswering(() => undefined);
    const failure = await discover(issuer, 'client', fetch).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PROVIDER_UNREACHABLE', details: { cause: 'no-metadata', status: 404 } });
    expect((failure as { details: { error_description: string } }).details.error_description).toMatch(/HTTP 404 at both\): enter its endpoints by hand$/);
  });

  it('reports a server that does not answer at all as unreachable', async () => {
    const issuer = await serverAnswering(() => undefined);
    await new Promise((resolve) => server?.close(resolve));
    await expect(discover(issuer, 'client', fetch)).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE', details: { cause: 'not-listening', error: 'discovery_failed' } });
  });

  it('refuses metadata that names another issuer (mix-up defence)', async () => {
    const issuer = await serverAnswering(() => metadata('https://other.example'));
    const failure = await discover(issuer, 'client', fetch).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PROVIDER_UNREACHABLE', details: { cause: 'no-metadata' } });
    expect((failure as { details: { error_description: string } }).details.error_description).toMatch(/issuer/);
  });

  it('falls back to RFC 8414 metadata for a plain OAuth 2.0 server', async () => {
    const issuer = await serverAnswering((path, self) => (path === '/.well-known/oauth-authorization-server' ? metadata(self) : undefined));
    const config = await discover(issuer, 'client', fetch);
    expect(config.serverMetadata().token_endpoint).toBe(`${issuer}/token`);
  });
});

describe('exchangeCode', () => {
  async function exchange(token: () => Answer, options: Parameters<typeof exchangeCode>[3] = {}, timeoutSeconds?: number) {
    const issuer = await serverAnswering((path, self) => (path === '/token' ? token() : metadata(self)));
    const config = await discover(issuer, 'client', fetch, timeoutSeconds === undefined ? {} : { timeoutSeconds });
    const checks = await createAuthorizationChecks();
    return exchangeCode(config, new URL(`http://127.0.0.1:1/callback?code=c&state=${checks.state}`), checks, options);
  }

  it('reports a token endpoint that does not answer in time as a time-out, not as an invalid answer', async () => {
    const held = gate();
    const attempt = exchange(() => (held.reached(), held.opened.then(() => undefined)), {}, 0.3);
    await expect(attempt).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE', message: expect.stringContaining('time-out'), details: { timedOut: true } });
    held.open();
  });

  /** An exchange whose token endpoint holds its answer: only its aborted signal can end it. */
  async function expectAbortable(): Promise<void> {
    const held = gate();
    const controller = new AbortController();
    const attempt = exchange(() => (held.reached(), held.opened.then(() => undefined)), { signal: controller.signal });
    await held.arrived;
    controller.abort();
    // The server still holds its answer: only an aborted request can settle now.
    await expect(attempt).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    held.open();
  }

  it('aborts the token request itself when the signal is aborted', expectAbortable);

  it('keeps each exchange’s own signal while several run at once, whichever ends first', async () => {
    const first = gate();
    const second = gate();
    const held = [first, second];
    const issuer = await serverAnswering((path, self) => {
      if (path !== '/token') return metadata(self);
      const next = held.shift()!;
      next.reached();
      return next.opened.then(() => ({ body: JSON.stringify({ access_token: 'at', token_type: 'Bearer' }) }));
    });
    const config = await discover(issuer, 'client', fetch);
    const start = async (signal: AbortSignal) => {
      const checks = await createAuthorizationChecks();
      return exchangeCode(config, new URL(`http://127.0.0.1:1/callback?code=c&state=${checks.state}`), checks, { signal });
    };
    const cancelled = new AbortController();
    const a = start(cancelled.signal);
    await first.arrived;
    const b = start(new AbortController().signal);
    await second.arrived;
    second.open();
    await expect(b).resolves.toMatchObject({ accessToken: 'at' });
    // The other exchange has ended; this one's signal still reaches its request.
    cancelled.abort();
    await expect(a).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    first.open();
  });

  it('gives a request its own exchange’s signal even after another exchange has ended', async () => {
    const issuer = await serverAnswering((_path, self) => metadata(self));
    const seen: (AbortSignal | undefined)[] = [];
    const config = await discover(issuer, 'client', async (input, init) => (seen.push(init?.signal ?? undefined), fetch(input, init)));
    const request = () => config[oauth.customFetch]!(`${issuer}/.well-known/openid-configuration`, { method: 'GET', headers: {}, body: undefined, redirect: 'manual', signal: undefined as never });
    const mine = new AbortController();
    const otherEnded = gate();
    const later = withSignal(mine.signal, async () => {
      await otherEnded.opened;
      await request();
    });
    await withSignal(new AbortController().signal, async () => undefined);
    otherEnded.open();
    await later;
    mine.abort();
    expect(seen.at(-1)?.aborted).toBe(true);
  });

  it('leaves no async hooks behind once no exchange runs, and a later exchange’s signal still reaches its request', async () => {
    /** Whether promises are being tracked by async hooks (each costs several times as much then). */
    const promisesTracked = async () => (await Promise.resolve().then(() => [executionAsyncResource()]))[0] instanceof Promise;
    await exchange(() => ({ body: JSON.stringify({ access_token: 'at', token_type: 'Bearer' }) }), { signal: new AbortController().signal });
    expect(await promisesTracked()).toBe(false);

    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await expectAbortable();
  });

  it('keeps the provider’s error and description intact', async () => {
    await expect(exchange(() => ({ status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'code expired' }) }))).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { error: 'invalid_grant', error_description: 'code expired' },
    });
  });

  it('refuses a token response without an access token', async () => {
    await expect(exchange(() => ({ body: JSON.stringify({ token_type: 'Bearer' }) }))).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
  });

  it('refuses a token response that is not JSON', async () => {
    await expect(exchange(() => ({ body: '<html>oops</html>' }))).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
  });

  it('reads the granted scope and tokens from a valid response', async () => {
    const tokens = await exchange(() => ({ body: JSON.stringify({ access_token: 'at', token_type: 'Bearer', scope: 'a b', refresh_token: 'rt', expires_in: 60 }) }));
    expect(tokens).toMatchObject({ accessToken: 'at', refreshToken: 'rt', scope: 'a b' });
  });
});

describe('revokeTokens', () => {
  it('reports a revocation the server could not do (RFC 7009 §2.2.1: the token still exists)', async () => {
    const issuer = await serverAnswering((path, self) =>
      path === '/revoke' ? { status: 503, body: JSON.stringify({ error: 'temporarily_unavailable' }) } : metadata(self, { revocation_endpoint: `${self}/revoke` }),
    );
    const config = await discover(issuer, 'client', fetch);
    await expect(revokeTokens(config, { accessToken: 'at', refreshToken: 'rt' })).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
  });
});

describe('revokeTokens', () => {
  it('sends the refresh and the access token revocation at once', async () => {
    const second = gate();
    const seen: string[] = [];
    const issuer = await serverAnswering((path, self) => {
      if (path !== '/revoke') return metadata(self, { revocation_endpoint: `${self}/revoke` });
      seen.push(path);
      // The first request is answered only once the second has arrived: in sequence, this never ends.
      if (seen.length === 1) return second.opened.then(() => ({ body: '' }));
      second.open();
      return { body: '' };
    });
    const config = await discover(issuer, 'client', fetch);
    await revokeTokens(config, { accessToken: 'at', refreshToken: 'rt' });
    expect(seen).toHaveLength(2);
  });
});

describe('ConfigurationCache', () => {
  it('reads a server’s metadata once per issuer while the app runs, and again when asked to', async () => {
    let discoveries = 0;
    const issuer = await serverAnswering((path, self) => {
      if (path === '/.well-known/openid-configuration') discoveries++;
      return metadata(self);
    });
    const cache = new ConfigurationCache({ fetch });
    const [first, second] = await Promise.all([cache.discovered(issuer, 'client'), cache.discovered(issuer, 'client')]);
    expect(await cache.discovered(issuer, 'client')).toBe(first);
    expect(second).toBe(first);
    expect(discoveries).toBe(1);
    await cache.rediscover(issuer, 'client');
    expect(discoveries).toBe(2);
  });

  it('does not keep a failed discovery', async () => {
    let up = false;
    const issuer = await serverAnswering((_path, self) => (up ? metadata(self) : { status: 500, body: '{}' }));
    const cache = new ConfigurationCache({ fetch });
    await expect(cache.discovered(issuer, 'client')).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE' });
    up = true;
    await expect(cache.discovered(issuer, 'client')).resolves.toBeDefined();
  });
});
