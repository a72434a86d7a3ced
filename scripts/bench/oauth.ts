// The OAuth phases as the app runs them (its configuration cache, its custom fetch, its client.ts
// calls) next to bare openid-client calls doing the same protocol work against the same sandbox,
// in the same run, interleaved sample by sample. The browser part (login and consent pages) is
// outside every timed figure: each sample starts from a fresh authorization response.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { callback, consentingBrowser, CookieBrowser, formAction, page, REDIRECT_URI } from '../../electron/testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../electron/sandbox/server';
import { createCore } from '../../electron/core/createCore';
import { configure } from '../../electron/core/grants/connect';
import { sandbox as sandboxProvider } from '../../electron/core/grants/providers';
import { exchangeCode, refreshTokens, revokeTokens } from '../../electron/core/oauth/client';
import { ConfigurationCache } from '../../electron/core/oauth/configurations';
import { createAuthorizationChecks, type AuthorizationChecks } from '../../electron/core/oauth/pkce';
import { dataFolderStores } from '../../electron/headless/adapters';
import { compare, comparePaired, median, time } from './report';

const SCOPE = 'openid offline_access files:read tasks:read';
const NARROW = 'openid offline_access files:read';

/** A fresh authorization response for `config`'s client: the person signs in and allows everything. */
async function authorizationResponse(server: RunningAuthServer, config: oidc.Configuration): Promise<{ url: URL; checks: AuthorizationChecks }> {
  const browser = new CookieBrowser();
  const checks = await createAuthorizationChecks();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    prompt: 'consent',
    state: checks.state,
    code_challenge: checks.codeChallenge,
    code_challenge_method: 'S256',
  });
  let html = page(await browser.go(url.href));
  html = page(await browser.go(formAction(html, server.issuer), { method: 'POST', form: new URLSearchParams({ username: 'alex' }) }));
  const offered = [...html.matchAll(/name="scope" value="([^"]+)"/g)].map((m): [string, string] => ['scope', m[1]!]);
  const form = new URLSearchParams([...offered, ['decision', 'allow']]);
  return { url: callback(await browser.go(formAction(html, server.issuer), { method: 'POST', form })), checks };
}

/** Times `app` and `reference` into `into`, in the given order: whichever goes second may meet the first one's after-effects at the server. */
async function pair(into: [number[], number[]], appFirst: boolean, app: () => Promise<unknown>, reference: () => Promise<unknown>): Promise<void> {
  if (appFirst) {
    into[0].push(await time(app));
    into[1].push(await time(reference));
  } else {
    into[1].push(await time(reference));
    into[0].push(await time(app));
  }
}

export async function benchOAuth(runs: number): Promise<void> {
  const server = await startSandbox(0);
  try {
    const bare = await oidc.discovery(new URL(server.issuer), server.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const cache = new ConfigurationCache({ fetch: globalThis.fetch });
    const provider = sandboxProvider(server.issuer);
    const connectable = { ...provider, client: { clientId: server.clientId, source: 'built-in' as const } };
    await configure(connectable, cache); // the app discovers once per issuer per run; bare did above

    // Pair i has the app first when i is even (see `pair` below); the paired ratios take that into account.
    const appFirst = (pair: number): boolean => pair % 2 === 0;
    const phases = { exchange: [[], []], refresh: [[], []], narrow: [[], []], revoke: [[], []] } as Record<string, [number[], number[]]>;
    for (let i = 0; i < runs; i++) {
      // Code exchange.
      const forApp = await authorizationResponse(server, bare);
      const forBare = await authorizationResponse(server, bare);
      let appTokens!: Awaited<ReturnType<typeof exchangeCode>>;
      let bareTokens!: oidc.TokenEndpointResponse;
      const first = appFirst(i); // each side goes first in half the samples
      await pair(
        phases.exchange!,
        first,
        async () => (appTokens = await exchangeCode(await configure(connectable, cache), forApp.url, forApp.checks)),
        async () => (bareTokens = await oidc.authorizationCodeGrant(bare, forBare.url, { pkceCodeVerifier: forBare.checks.codeVerifier, expectedState: forBare.checks.state })),
      );
      // Refresh for the same scopes, then a narrower one (RFC 6749 §6); each rotates the refresh token.
      let appRefresh = appTokens.refreshToken!;
      let bareRefresh = bareTokens.refresh_token!;
      await pair(
        phases.refresh!,
        first,
        async () => (appRefresh = (await refreshTokens(await configure(connectable, cache), appRefresh)).refreshToken ?? appRefresh),
        async () => (bareRefresh = (await oidc.refreshTokenGrant(bare, bareRefresh)).refresh_token ?? bareRefresh),
      );
      let appAccess = '';
      let bareAccess = '';
      await pair(
        phases.narrow!,
        first,
        async () => {
          const narrowed = await refreshTokens(await configure(connectable, cache), appRefresh, NARROW);
          appRefresh = narrowed.refreshToken ?? appRefresh;
          appAccess = narrowed.accessToken;
        },
        async () => {
          const narrowed = await oidc.refreshTokenGrant(bare, bareRefresh, { scope: NARROW });
          bareRefresh = narrowed.refresh_token ?? bareRefresh;
          bareAccess = narrowed.access_token;
        },
      );
      // Revocation of the whole grant: the refresh and the access token, both requests at once, on
      // each side (the same protocol work; an earlier reference revoked only the refresh token).
      await pair(
        phases.revoke!,
        first,
        async () => revokeTokens(await configure(connectable, cache), { accessToken: appAccess, refreshToken: appRefresh }),
        () =>
          Promise.all([
            oidc.tokenRevocation(bare, bareRefresh, { token_type_hint: 'refresh_token' }),
            oidc.tokenRevocation(bare, bareAccess, { token_type_hint: 'access_token' }),
          ]),
      );
    }
    console.log('\nOAuth phases: the app’s OAuth layer vs bare openid-client, same sandbox, same run (target ≤ 1.0×)');
    const verdicts = [
      comparePaired('code exchange', phases.exchange![0], phases.exchange![1], 'bare authorizationCodeGrant', appFirst),
      comparePaired('refresh', phases.refresh![0], phases.refresh![1], 'bare refreshTokenGrant', appFirst),
      comparePaired('narrow refresh (no new discovery)', phases.narrow![0], phases.narrow![1], 'bare refreshTokenGrant(scope)', appFirst),
      comparePaired('revoke (refresh + access token, parallel)', phases.revoke![0], phases.revoke![1], 'bare tokenRevocation ×2 at once', appFirst),
    ];
    const over = verdicts.filter((v) => v.low > 1.0).length;
    console.log(
      over === 0
        ? 'OAuth: no phase is measurably slower than bare openid-client in this run (every interval reaches 1.0× or below)'
        : `OAuth: ${over} phase(s) measurably slower than bare openid-client in this run (interval above 1.0×)`,
    );
    await benchLayerCost(server.issuer, server.clientId);
    await benchCore(server, bare, runs);
  } finally {
    await server.close();
  }
}

/**
 * What the app's OAuth layer itself costs per call, without the network's noise: a refresh on each
 * side against one canned token answer through the same fetch function (the server's real
 * metadata, fetched once), thousands of times. The difference is the layer's own work (its fetch
 * wrapper, the configuration lookup, reading the answer), to set beside a round trip above.
 */
async function benchLayerCost(issuer: string, clientId: string): Promise<void> {
  const metadata = await (await fetch(new URL('.well-known/openid-configuration', `${issuer}/`))).text();
  const answer = JSON.stringify({ access_token: 'at', token_type: 'Bearer', refresh_token: 'rt', expires_in: 3600, scope: 'openid files:read' });
  const canned: typeof fetch = (input) => {
    const url = input instanceof Request ? input.url : String(input);
    return Promise.resolve(new Response(url.includes('/.well-known/') ? metadata : answer, { headers: { 'content-type': 'application/json' } }));
  };
  const bare = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests], [oidc.customFetch]: canned as oidc.CustomFetch });
  const cache = new ConfigurationCache({ fetch: canned });
  const connectable = { ...sandboxProvider(issuer), client: { clientId, source: 'built-in' as const } };
  const app = async (): Promise<unknown> => refreshTokens(await configure(connectable, cache), 'rt');
  const reference = (): Promise<unknown> => oidc.refreshTokenGrant(bare, 'rt');
  const CALLS = 3000;
  const perCall = async (work: () => Promise<unknown>): Promise<number> => (await time(async () => { for (let i = 0; i < CALLS; i++) await work(); })) / CALLS;
  for (let i = 0; i < 500; i++) {
    await app();
    await reference();
  }
  const appCost: number[] = [];
  const referenceCost: number[] = [];
  for (let round = 0; round < 5; round++) {
    appCost.push(await perCall(app));
    referenceCost.push(await perCall(reference));
  }
  const extra = (median(appCost) - median(referenceCost)) * 1000;
  console.log(
    `layer cost without the network (canned answer, ${CALLS} calls × 5): app ${(median(appCost) * 1000).toFixed(1)} µs, bare ${(median(referenceCost) * 1000).toFixed(1)} µs per refresh; the app's own work ${extra.toFixed(1)} µs a call`,
  );
}

/**
 * Whole core operations, for information: they add what bare openid-client has no part in (the
 * loopback receiver, sealing and saving tokens, history), so they are not held to 1.0×.
 */
async function benchCore(server: RunningAuthServer, bare: oidc.Configuration, runs: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-bench-oauth-'));
  const core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: consentingBrowser(),
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: { sandboxIssuer: server.issuer },
    },
    () => undefined,
  );
  const connect: number[] = [];
  const bareConnect: number[] = [];
  const refresh: number[] = [];
  const bareRefresh: number[] = [];
  for (let i = 0; i < runs; i++) {
    let id = '';
    connect.push(await time(async () => (id = (await core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'tasks:read'] })).id)));
    let rt = '';
    bareConnect.push(
      await time(async () => {
        const { url, checks } = await authorizationResponse(server, bare);
        rt = (await oidc.authorizationCodeGrant(bare, url, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state })).refresh_token!;
      }),
    );
    refresh.push(await time(() => core.tokens.freshAccessToken(id, 10 * 24 * 3600)));
    bareRefresh.push(await time(() => oidc.refreshTokenGrant(bare, rt)));
  }
  console.log('\nWhole core operations (with loopback receiver, sealing, saving, history), for information');
  compare('core connect incl. scripted consent', connect, bareConnect, 'bare consent + exchange');
  compare('core freshAccessToken (refresh + save)', refresh, bareRefresh, 'bare refreshTokenGrant');
  core.dispose();
}
