import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type RunningAuthServer } from './server';

/**
 * The whole authorization code flow against the real server, without a browser: plain fetch, a
 * small cookie jar, and the login and consent forms posted as a browser would post them.
 */

const REDIRECT_URI = 'http://127.0.0.1:54321/callback';
const SCOPE = 'openid profile email offline_access files:read files:write tasks:read';

/** Where a request ends: a page, or the redirect to the app carrying the authorization response. */
type Landing = { html: string } | { callback: URL };
type PageRequest = { method?: 'GET' | 'POST'; form?: URLSearchParams };

const MAX_REDIRECTS = 10;

/** Just enough of a browser: keeps cookies by name and follows redirects by hand. */
class CookieBrowser {
  private readonly cookies = new Map<string, string>();

  /**
   * Requests `url` and follows redirects until a page answers, or until one leads to the app's
   * loopback redirect URI, which nothing listens on: its URL is the authorization response.
   */
  async go(url: string, request: PageRequest = {}): Promise<Landing> {
    let current = new URL(url);
    let response = await this.fetch(current, request);
    for (let redirects = 0; redirects < MAX_REDIRECTS; redirects++) {
      const location = response.headers.get('location');
      if (location === null) return { html: await response.text() };
      current = new URL(location, current);
      if (current.href.startsWith(REDIRECT_URI)) return { callback: current };
      response = await this.fetch(current);
    }
    throw new Error(`More than ${MAX_REDIRECTS} redirects, the last to ${current.href}`);
  }

  private async fetch(url: URL, { method = 'GET', form }: PageRequest = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { method, body: form, redirect: 'manual', headers: cookie ? { cookie } : {} });
    this.remember(response);
    return response;
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', value = ''] = pair.trim().split(/=(.*)/s);
      const expires = attributes.find((a) => a.trim().toLowerCase().startsWith('expires='));
      // oidc-provider clears a cookie by sending it again with an expiry in the past.
      const expired = expires !== undefined && Date.parse(expires.split('=')[1] ?? '') <= Date.now();
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

function formAction(html: string, issuer: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`No form on the page:\n${html}`);
  return new URL(action, issuer).href;
}

function page(result: Landing): string {
  if (!('html' in result)) throw new Error(`Expected a page, got a redirect to ${result.callback.href}`);
  return result.html;
}

function callback(result: Landing): URL {
  if (!('callback' in result)) throw new Error(`Expected the redirect to the app, got a page:\n${result.html}`);
  return result.callback;
}

describe('sandbox authorization server', () => {
  let server: RunningAuthServer;
  let config: oidc.Configuration;

  beforeAll(async () => {
    server = await startAuthServer();
    // Plain http is fine here: the server is on this machine's loopback interface.
    config = await oidc.discovery(new URL(server.issuer), server.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
  });

  afterAll(() => server.close());

  /** Starts an authorization request; resolves to the first page the browser lands on. */
  async function authorize(browser: CookieBrowser, extra: Record<string, string> = {}) {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorizationUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    return { html: page(await browser.go(authorizationUrl.href)), codeVerifier, state };
  }

  /** Starts an authorization request and signs in; resolves to the consent page. */
  async function signIn(browser: CookieBrowser, extra: Record<string, string> = {}) {
    const { html: login, ...checks } = await authorize(browser, extra);
    expect(login).toContain('<h1>Sign in to Sandbox</h1>');
    const form = new URLSearchParams({ username: 'alex' });
    const consent = page(await browser.go(formAction(login, server.issuer), { method: 'POST', form }));
    return { html: consent, ...checks };
  }

  /** Answers the consent page with Allow and only `ticked` ticked; resolves to the token response. */
  async function allow(browser: CookieBrowser, consent: { html: string; codeVerifier: string; state: string }, ticked: string[]) {
    expect(consent.html).toContain('<h1>Scopekeeper wants access to your Sandbox account</h1>');
    const form = new URLSearchParams([...ticked.map((scope): [string, string] => ['scope', scope]), ['decision', 'allow']]);
    const response = callback(await browser.go(formAction(consent.html, server.issuer), { method: 'POST', form }));
    expect(response.searchParams.get('iss')).toBe(server.issuer);
    return oidc.authorizationCodeGrant(config, response, { pkceCodeVerifier: consent.codeVerifier, expectedState: consent.state });
  }

  it('grants only the ticked scopes, and rotates and narrows refresh tokens', async () => {
    const browser = new CookieBrowser();
    const consent = await signIn(browser);
    expect(consent.html).toContain('value="files:write" checked> files:write</label>');
    expect(consent.html).not.toContain('value="openid"');

    const tokens = await allow(browser, consent, ['profile', 'email', 'files:read', 'tasks:read']);
    const granted = tokens.scope?.split(' ');
    expect(granted).toEqual(expect.arrayContaining(['openid', 'email', 'files:read', 'tasks:read']));
    expect(granted).not.toContain('files:write');
    expect(tokens.claims()?.email).toBe('alex@sandbox.test');
    const firstRefreshToken = tokens.refresh_token;
    if (!firstRefreshToken) throw new Error('No refresh token was issued.');

    const introspected = await server.introspect(tokens.access_token);
    expect(introspected.active).toBe(true);
    expect(introspected.scope?.split(' ')).toContain('files:read');
    expect(introspected.scope?.split(' ')).not.toContain('files:write');

    const narrowed = await oidc.refreshTokenGrant(config, firstRefreshToken, { scope: 'openid files:read' });
    const narrowedScope = (await server.introspect(narrowed.access_token)).scope?.split(' ');
    expect(narrowedScope).toContain('files:read');
    expect(narrowedScope).not.toContain('tasks:read');
    expect(narrowed.refresh_token).toBeDefined();
    expect(narrowed.refresh_token).not.toBe(firstRefreshToken);
    expect((await server.introspect(firstRefreshToken)).active).toBe(false);
  });

  it('grants a scope refused earlier when a later consent ticks it', async () => {
    const browser = new CookieBrowser();
    const first = await allow(browser, await signIn(browser), ['files:read']);
    expect(first.scope?.split(' ')).not.toContain('files:write');

    // Still signed in, so the second request goes straight to consent.
    const second = await allow(browser, await authorize(browser), ['files:read', 'files:write']);
    expect(second.scope?.split(' ')).toEqual(expect.arrayContaining(['files:read', 'files:write']));
  });

  it('issues no refresh token when the person unticks offline_access', async () => {
    const browser = new CookieBrowser();
    // Without prompt=consent, oidc-provider drops offline_access before the consent page.
    const consent = await signIn(browser, { prompt: 'consent' });
    expect(consent.html).toContain('value="offline_access" checked>');

    const tokens = await allow(browser, consent, ['files:read']);
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope?.split(' ')).not.toContain('offline_access');
  });

  it('sends access_denied to the app when the person denies', async () => {
    const browser = new CookieBrowser();
    const { html: consent, state } = await signIn(browser);

    const form = new URLSearchParams({ scope: 'files:read', decision: 'deny' });
    const response = callback(await browser.go(formAction(consent, server.issuer), { method: 'POST', form }));

    expect(response.searchParams.get('error')).toBe('access_denied');
    expect(response.searchParams.get('error_description')).toBe('The person denied access.');
    expect(response.searchParams.get('state')).toBe(state);
    expect(response.searchParams.get('iss')).toBe(server.issuer);
  });

  it('answers a form for a sign-in this browser is not in with a page saying it ended', async () => {
    const result = await new CookieBrowser().go(`${server.issuer}/interaction/unknown/login`, {
      method: 'POST',
      form: new URLSearchParams({ username: 'alex' }),
    });
    expect(page(result)).toContain('<h1>This sign-in has ended</h1>');
  });
});
