import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callback, CodeFlow, consentHeading, CookieBrowser, formAction, page, type PendingAuthorization } from '../testing/sandboxCodeFlow';
import { startAuthServer, type RunningAuthServer } from './server';

/** The whole authorization code flow against the real server, without a browser (see electron/testing/sandboxCodeFlow.ts). */

const SCOPE = 'openid profile email offline_access files:read files:write tasks:read';

describe('sandbox authorization server', () => {
  let server: RunningAuthServer;
  let flow: CodeFlow;
  let config: oidc.Configuration;

  beforeAll(async () => {
    server = await startAuthServer();
    flow = await CodeFlow.start(server);
    config = flow.config;
  });

  afterAll(() => server.close());

  /** Starts an authorization request; resolves to the first page the browser lands on. */
  function authorize(browser: CookieBrowser, extra: Record<string, string> = {}) {
    return flow.authorize(browser, { scope: SCOPE, ...extra });
  }

  /** Starts an authorization request and signs in; resolves to the consent page. */
  async function signIn(browser: CookieBrowser, extra: Record<string, string> = {}) {
    const login = await authorize(browser, extra);
    expect(login.html).toContain('<h1>Sign in to Sandbox</h1>');
    return flow.signIn(browser, login);
  }

  /** Answers the consent page with Allow and only `ticked` ticked; resolves to the token response. */
  function allow(browser: CookieBrowser, consent: PendingAuthorization, ticked: string[]) {
    expect(consent.html).toContain(consentHeading('Sandbox'));
    return flow.allow(browser, consent, ticked);
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

  it('advertises the prompt values it accepts, and accepts each of them (select_account is refused)', async () => {
    const advertised = config.serverMetadata().prompt_values_supported;
    expect(advertised).toEqual(['none', 'login', 'consent']);
    const browser = new CookieBrowser();
    await allow(browser, await signIn(browser), ['files:read']);
    // prompt=login shows the sign-in page again, so another username can be typed.
    const again = await authorize(browser, { prompt: 'consent login' });
    expect(again.html).toContain('<h1>Sign in to Sandbox</h1>');
    const refused = await new CookieBrowser().go(
      oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://127.0.0.1:54321/callback', scope: SCOPE, prompt: 'select_account', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).href,
    );
    expect('callback' in refused ? refused.callback.searchParams.get('error_description') : refused.html).toContain('unsupported prompt value requested');
  });

  it('makes a grant per consent: revoking one sign-in’s refresh token leaves a later sign-in’s tokens working', async () => {
    const browser = new CookieBrowser();
    const first = await allow(browser, await signIn(browser, { prompt: 'consent' }), ['offline_access', 'files:read']);
    const second = await allow(browser, await authorize(browser, { prompt: 'consent' }), ['offline_access', 'files:read']);
    await oidc.tokenRevocation(config, first.refresh_token!, { token_type_hint: 'refresh_token' });
    expect((await server.introspect(first.access_token)).active).toBe(false);
    expect((await server.introspect(second.access_token)).active).toBe(true);
    expect((await server.introspect(second.refresh_token!)).active).toBe(true);
  });

  it('answers a form for a sign-in this browser is not in with a page saying it ended', async () => {
    const result = await new CookieBrowser().go(`${server.issuer}/interaction/unknown/login`, {
      method: 'POST',
      form: new URLSearchParams({ username: 'alex' }),
    });
    expect(page(result)).toContain('<h1>This sign-in has ended</h1>');
  });
});
