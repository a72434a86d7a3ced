/**
 * How the app reaches the provider test servers at the catalog's REAL URLs, unchanged:
 *
 * - Back channel (discovery, token, revocation, account calls from the core): the core's `fetch`
 *   port is given `routingFetch` (and the broker's ProviderRequester port `routingRequest`), which sends `https://{host}/{path}` for a routed host to
 *   `http://127.0.0.1:{port}/{path}` and refuses any other https host (a test must never reach the
 *   internet). TLS: the test servers speak plain http on loopback; the core still sees and checks
 *   `https://` URLs (openid-client's https-only rule stays on, no `allowInsecureRequests`), because
 *   the mapping happens below it, the way a TLS-terminating proxy would sit.
 * - Front channel (the consent pages in the "person's browser"): `routeBrowser` installs Playwright
 *   routes for the same host names on each authorization page; each request is forwarded to the local
 *   server and its answer (status, headers, cookies, redirects) fulfilled as if from the real host,
 *   so the browser's address bar, cookies and redirects are those of the real https origin.
 */
import type { Page } from '@playwright/test';
import type { ProviderRequester } from '../../electron/core/ports';
import { requestOverPool } from '../../electron/core/broker/providerRequest';

export type Routes = ReadonlyMap<string, number>;

function local(url: URL, routes: Routes): URL | undefined {
  const port = url.protocol === 'https:' ? routes.get(url.hostname) : undefined;
  if (port === undefined) return undefined;
  return new URL(`http://127.0.0.1:${port}${url.pathname}${url.search}`);
}

/** A `fetch` for the core that delivers routed https hosts to their loopback servers. */
export function routingFetch(routes: Routes, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const target = local(url, routes);
    if (target) {
      const body = request.body ? await request.arrayBuffer() : undefined;
      return base(target, { method: request.method, headers: request.headers, redirect: request.redirect, signal: request.signal, ...(body ? { body } : {}) });
    }
    if (url.protocol === 'https:') throw new TypeError(`fetch failed: the tests route no server for ${url.hostname}`);
    return base(request);
  };
}

/** The broker's requester for the core (the hosts' own by default), routed like `routingFetch`. */
export function routingRequest(routes: Routes, base: ProviderRequester = requestOverPool()): ProviderRequester {
  return async (request) => {
    const target = local(request.url, routes);
    if (target) return base({ ...request, url: target });
    if (request.url.protocol === 'https:') throw new TypeError(`request failed: the tests route no server for ${request.url.hostname}`);
    return base(request);
  };
}

/**
 * Routes one "browser" page's requests for these host names to the local servers. Only the
 * authorization pages get routes: a route makes Playwright intercept every request of its page,
 * which would slow the app's own page (its IPC calls) for nothing.
 */
export async function routeBrowser(page: Page, routes: Routes): Promise<void> {
  for (const host of routes.keys()) {
    await page.route(`https://${host}/**`, async (route) => {
      const request = route.request();
      const target = local(new URL(request.url()), routes)!;
      // Only what the servers read; hop-by-hop and length headers are the local fetch's own business.
      const all = await request.allHeaders();
      const headers: Record<string, string> = {};
      for (const name of ['accept', 'authorization', 'content-type', 'cookie']) if (all[name]) headers[name] = all[name];
      const body = request.postDataBuffer();
      const response = await fetch(target, {
        method: request.method(),
        headers,
        ...(body ? { body } : {}),
        redirect: 'manual',
      });
      const answer: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length' && key !== 'transfer-encoding') answer[key] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) answer['set-cookie'] = cookies.join('\n');
      await route.fulfill({ status: response.status, headers: answer, body: Buffer.from(await response.arrayBuffer()) });
    });
  }
}
