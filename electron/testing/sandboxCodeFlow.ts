/**
 * Test helper: the whole authorization code flow against a running sandbox server, without a
 * browser: plain fetch, a small cookie jar, and the login and consent forms posted as a browser
 * would post them. The client side is openid-client, as in the app.
 */
import * as oidc from 'openid-client';
import type { RunningAuthServer } from '../sandbox/server';

export const REDIRECT_URI = 'http://127.0.0.1:54321/callback';

/** Where a request ends: a page, or the redirect to the app carrying the authorization response. */
export type Landing = { html: string } | { callback: URL };
type PageRequest = { method?: 'GET' | 'POST'; form?: URLSearchParams };

const MAX_REDIRECTS = 10;

/** Just enough of a browser: keeps cookies by name and follows redirects by hand. */
export class CookieBrowser {
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

export function formAction(html: string, issuer: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`No form on the page:\n${html}`);
  return new URL(action, issuer).href;
}

export function page(result: Landing): string {
  if (!('html' in result)) throw new Error(`Expected a page, got a redirect to ${result.callback.href}`);
  return result.html;
}

export function callback(result: Landing): URL {
  if (!('callback' in result)) throw new Error(`Expected the redirect to the app, got a page:\n${result.html}`);
  return result.callback;
}

/**
 * oidc-provider's pages that a browser's script submits at once (signing in as another account
 * first ends the earlier account's session, through a form posted to /session/end/confirm):
 * posted here with their hidden fields, as the script would. Other pages are returned as they are.
 */
export async function submitAutoForms(browser: CookieBrowser, html: string, issuer: string): Promise<string> {
  let current = html;
  for (let i = 0; i < 3 && current.includes('document.forms[0].submit()'); i++) {
    const fields = [...current.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m): [string, string] => [m[1]!, m[2]!]);
    current = page(await browser.go(formAction(current, issuer), { method: 'POST', form: new URLSearchParams(fields) }));
  }
  return current;
}

/** The heading of the server's consent page; the login page's is `Sign in to ${serverName}`. */
export function consentHeading(serverName: string): string {
  return `<h1>Scopekeeper wants access to your ${serverName} account</h1>`;
}

/** A page of an authorization request in progress, with the checks its response is verified against. */
export interface PendingAuthorization {
  html: string;
  codeVerifier: string;
  state: string;
}

/** Discovery with plain http allowed: the server is on this machine's loopback interface. */
export function discover(server: RunningAuthServer): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(server.issuer), server.clientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

export class CodeFlow {
  private constructor(
    readonly server: RunningAuthServer,
    readonly config: oidc.Configuration,
  ) {}

  static async start(server: RunningAuthServer): Promise<CodeFlow> {
    return new CodeFlow(server, await discover(server));
  }

  /** Starts an authorization request (`parameters` include `scope`); resolves to the first page. */
  async authorize(browser: CookieBrowser, parameters: Record<string, string>): Promise<PendingAuthorization> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorizationUrl = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: REDIRECT_URI,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...parameters,
    });
    return { html: page(await browser.go(authorizationUrl.href)), codeVerifier, state };
  }

  /** Answers the login page of `pending` as `username`; resolves to the consent page. */
  async signIn(browser: CookieBrowser, pending: PendingAuthorization, username = 'alex'): Promise<PendingAuthorization> {
    const form = new URLSearchParams({ username });
    const html = page(await browser.go(formAction(pending.html, this.server.issuer), { method: 'POST', form }));
    return { ...pending, html: await submitAutoForms(browser, html, this.server.issuer) };
  }

  /** Answers the consent page with Allow and only `ticked` ticked; resolves to the token response. */
  async allow(browser: CookieBrowser, consent: PendingAuthorization, ticked: readonly string[]) {
    const form = new URLSearchParams([...ticked.map((scope): [string, string] => ['scope', scope]), ['decision', 'allow']]);
    const response = callback(await browser.go(formAction(consent.html, this.server.issuer), { method: 'POST', form }));
    if (response.searchParams.get('iss') !== this.server.issuer) throw new Error(`Unexpected iss in ${response.href}`);
    return oidc.authorizationCodeGrant(this.config, response, { pkceCodeVerifier: consent.codeVerifier, expectedState: consent.state });
  }
}

/** What a scripted person does with an opened sign-in page once `gate` lets them: consent, or close the tab. */
export type BrowserGate = () => Promise<void | 'close-tab'> | undefined;

/**
 * A stand-in for the person at the browser, for core tests and benchmarks: opens the
 * authorization URL, signs in if asked (as `username()`, alex unless given), and allows every offered scope except `untick()`'s, in
 * the background while the app waits on its loopback port. `gate()` lets a test hold it back (and
 * then have the person close the tab instead); `opened` reports each URL the app asked to open.
 * A page that fails (the app stopped listening) is kept in `failures`, never left unhandled.
 */
export function consentingBrowser(
  options: { untick?: () => readonly string[]; gate?: BrowserGate; opened?: (url: string) => void; username?: () => string } = {},
) {
  const cookies = new CookieBrowser();
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const consent = async (url: string): Promise<void> => {
    if ((await options.gate?.()) === 'close-tab') return;
    const issuer = new URL(url).origin;
    let html = page(await cookies.go(url));
    if (html.includes('Sign in to')) {
      html = page(await cookies.go(formAction(html, issuer), { method: 'POST', form: new URLSearchParams({ username: options.username?.() ?? 'alex' }) }));
      html = await submitAutoForms(cookies, html, issuer);
    }
    const untick = new Set(options.untick?.() ?? []);
    const offered = [...html.matchAll(/name="scope" value="([^"]+)"/g)].map((m) => m[1]!);
    const ticked = offered.filter((s) => !untick.has(s)).map((s): [string, string] => ['scope', s]);
    await cookies.go(formAction(html, issuer), { method: 'POST', form: new URLSearchParams([...ticked, ['decision', 'allow']]) });
  };
  return {
    failures,
    /** Resolves once every page opened so far is done with. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    open: async (url: string): Promise<void> => {
      options.opened?.(url);
      const run: Promise<void> = consent(url)
        .catch((error: unknown) => void failures.push(error))
        .finally(() => running.delete(run));
      running.add(run);
    },
  };
}
