/**
 * A local OAuth 2.0 / OpenID Connect authorization server (oidc-provider) for the e2e tests and
 * `npm run sandbox`: a native public client with PKCE, loopback redirects on any port (RFC 8252),
 * `iss` in the authorization response (RFC 9207), rotating refresh tokens that can be narrowed
 * (RFC 6749 §6), opaque access tokens that tests can introspect (RFC 7662), and login and consent
 * pages on which the person may untick scopes. The options also let it behave like a particular
 * provider's vocabulary in unit tests (the provider test servers are in e2e/providers/).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { buildConfiguration, INTROSPECTION_PATH, OIDC_SCOPES, TOKEN_PATH, type SandboxSettings } from './configuration';
import { createInteractionHandler, matchInteractionRoute } from './interactions';
import { fileState, memoryState } from './state';
import { API_PATH, createWorkspaceApi } from './workspaceApi';
import { SANDBOX_CLIENT_ID, SANDBOX_SCOPES as CATALOG_SANDBOX_SCOPES } from '../../shared/catalog';

export { SANDBOX_CLIENT_ID };

/** The workspace scopes, from the app's own catalog entry: the server and the app cannot drift apart. */
export const SANDBOX_SCOPES: readonly string[] = CATALOG_SANDBOX_SCOPES.map((s) => s.scope).filter((s) => !OIDC_SCOPES.includes(s));

export interface AuthServerOptions {
  /** Default 0 (a free port). The server always binds 127.0.0.1 only. */
  port?: number;
  /** Shown on the pages; default 'Sandbox'. */
  name?: string;
  /** The non-OpenID Connect scopes it knows; default SANDBOX_SCOPES. */
  scopes?: readonly string[];
  /** Default SANDBOX_CLIENT_ID. */
  clientId?: string;
  /** Separator of the token response's `scope`; default ' ' (RFC 6749), GitHub uses ','. */
  tokenScopeSeparator?: ' ' | ',';
  /** Whether the token response's `scope` lists `offline_access`; default true. Microsoft never does. */
  echoOfflineAccess?: boolean;
  /**
   * Honour `include_granted_scopes=true` (Google's incremental authorization): the new grant keeps
   * what the account last granted this client, and consent asks only about the rest. Default false.
   */
  incremental?: boolean;
  /** Publish an RFC 7009 revocation endpoint; default true. */
  revocation?: boolean;
  /** Offer the device authorization grant (RFC 8628); default true. */
  deviceFlow?: boolean;
  /**
   * Grant `offline_access` whenever it is asked, as Microsoft does, instead of only with
   * `prompt=consent` (OpenID Connect Core §11, which oidc-provider follows). Default false.
   */
  offlineAccessWithoutPrompt?: boolean;
  /**
   * Tests only: sees every token endpoint answer after the tokens were issued and before the
   * answer is sent; may change it, or hold it back (a slow token endpoint) by returning a promise.
   */
  onTokenResponse?: (body: Record<string, unknown>, request: { grantType: string }) => void | Promise<void>;
  /**
   * Keep grants, tokens, keys and workspace data in `<dataDir>/sandbox-state.json`, so a restart on
   * the same port keeps the app's connections working. Default: in memory, gone when it stops.
   */
  dataDir?: string;
}

/** How the token response writes the granted scopes. */
interface TokenScopeFormat {
  separator: ' ' | ',';
  echoOfflineAccess: boolean;
}

export interface IntrospectionResponse {
  active: boolean;
  scope?: string;
  [k: string]: unknown;
}

export interface RunningAuthServer {
  /** e.g. http://127.0.0.1:4890, without a trailing slash. */
  issuer: string;
  /** The workspace API, `${issuer}/api`: the resource every access token is for. */
  apiBase: string;
  clientId: string;
  /** The practice "own app": a native client with a secret (client_secret_basic), new every run. */
  ownApp: { clientId: string; clientSecret: string };
  /** Asks the real introspection endpoint (RFC 7662) about a token, as a confidential test client. */
  introspect(token: string): Promise<IntrospectionResponse>;
  /**
   * Revokes, at the server, the whole grant `token` (an access or refresh token) was issued under,
   * as a person removing the app from their account or reuse detection would: its tokens stop
   * working and a refresh answers `invalid_grant`. False when the server knows no such token.
   */
  revokeGrantOf(token: string): Promise<boolean>;
  /** Stops listening and drops every open connection; safe to call more than once. */
  close(): Promise<void>;
}

const TEST_CLIENT_ID = 'scopekeeper-tests';
export const OWN_APP_CLIENT_ID = 'sandbox-own-app';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Rewrites the `scope` of every token endpoint response (code and refresh) into `format`. */
function rewriteTokenScope(provider: Provider, format: TokenScopeFormat): void {
  if (format.separator === ' ' && format.echoOfflineAccess) return;
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { scope?: unknown } | undefined;
    if (ctx.path !== TOKEN_PATH || typeof body?.scope !== 'string') return;
    const scopes = body.scope.split(' ').filter((scope) => format.echoOfflineAccess || scope !== 'offline_access');
    body.scope = scopes.join(format.separator);
  });
}

/**
 * oidc-provider's device authorization response has no `interval`, so clients poll every 5 s
 * (RFC 8628 §3.2 default). The sandbox asks for 1 s: a person (or a test) waits less.
 */
function shortDevicePollInterval(provider: Provider): void {
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { device_code?: unknown; interval?: unknown } | undefined;
    if (ctx.path === '/device/auth' && typeof body?.device_code === 'string' && body.interval === undefined) body.interval = 1;
  });
}

/** oidc-provider for these settings, behind a listener that serves the login and consent pages itself. */
/** An authorization request asking offline_access without a consent prompt gets one added. */
function withConsentPromptForOfflineAccess(url: URL): string | undefined {
  const params = url.searchParams;
  if (url.pathname !== '/auth' || params.has('prompt') || !params.get('scope')?.split(' ').includes('offline_access')) return undefined;
  params.set('prompt', 'consent');
  return `${url.pathname}${url.search}`;
}

/** Runs `hook` on every token endpoint answer, after oidc-provider made it (the tokens exist). */
function observeTokenResponses(provider: Provider, hook: AuthServerOptions['onTokenResponse']): void {
  if (!hook) return;
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== TOKEN_PATH || typeof ctx.body !== 'object' || ctx.body === null) return;
    await hook(ctx.body as Record<string, unknown>, { grantType: String(ctx.oidc?.params?.grant_type ?? '') });
  });
}

/** The grant behind an access or refresh token, ended with every token issued under it. */
async function revokeGrantOf(provider: Provider, token: string): Promise<boolean> {
  const issued = (await provider.RefreshToken.find(token)) ?? (await provider.AccessToken.find(token));
  const grantId = issued?.grantId;
  if (!grantId) return false;
  await Promise.all([provider.AccessToken.revokeByGrantId(grantId), provider.RefreshToken.revokeByGrantId(grantId)]);
  await (await provider.Grant.find(grantId))?.destroy();
  return true;
}

function createListener(
  provider: Provider,
  settings: SandboxSettings,
  serverName: string,
  tokenScope: TokenScopeFormat,
  offlineAccessWithoutPrompt: boolean,
): RequestListener {
  rewriteTokenScope(provider, tokenScope);
  shortDevicePollInterval(provider);
  const serveProtocol = provider.callback();
  const serveApi = createWorkspaceApi(provider, { apiResource: settings.apiResource, state: settings.state });
  const serveInteraction = createInteractionHandler(provider, {
    serverName,
    apiResource: settings.apiResource,
    knownScopes: new Set([...OIDC_SCOPES, ...settings.apiScopes]),
    incremental: settings.incremental,
  });
  return (req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    const { pathname } = url;
    if (offlineAccessWithoutPrompt) req.url = withConsentPromptForOfflineAccess(url) ?? req.url;
    const route = matchInteractionRoute(req.method, pathname);
    const isApi = pathname === API_PATH || pathname.startsWith(`${API_PATH}/`);
    const served = isApi ? serveApi(req, res, url) : route ? serveInteraction(route, req, res) : serveProtocol(req, res);
    served.catch((error: unknown) => {
      // oidc-provider answers its own errors; this is a bug in the sandbox's pages.
      console.error('Sandbox authorization server:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  };
}

async function introspect(settings: SandboxSettings, token: string): Promise<IntrospectionResponse> {
  const { id, secret } = settings.testClient;
  // client_secret_basic form-encodes both parts before base64 (RFC 6749 §2.3.1).
  const credentials = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
  const response = await fetch(`${settings.issuer}${INTROSPECTION_PATH}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${credentials}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  if (!response.ok) throw new Error(`Introspection failed with HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as IntrospectionResponse;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Browsers keep connections alive; without this, close() would wait for them to time out.
    server.closeAllConnections();
  });
}

export async function startAuthServer(options: AuthServerOptions = {}): Promise<RunningAuthServer> {
  const server = createServer();
  // The issuer names the real port, so oidc-provider is built once the port is known.
  const port = await listen(server, options.port ?? 0);
  const issuer = `http://127.0.0.1:${port}`;
  const settings: SandboxSettings = {
    issuer,
    clientId: options.clientId ?? SANDBOX_CLIENT_ID,
    testClient: { id: TEST_CLIENT_ID, secret: randomBytes(32).toString('base64url') },
    ownApp: { id: OWN_APP_CLIENT_ID, secret: `own-secret-${randomBytes(18).toString('base64url')}` },
    apiScopes: options.scopes ?? SANDBOX_SCOPES,
    apiResource: `${issuer}/api`,
    revocation: options.revocation ?? true,
    incremental: options.incremental ?? false,
    state: options.dataDir ? fileState(options.dataDir) : memoryState(),
    deviceFlow: options.deviceFlow ?? true,
    serverName: options.name ?? 'Sandbox',
  };
  const tokenScope = { separator: options.tokenScopeSeparator ?? ' ', echoOfflineAccess: options.echoOfflineAccess ?? true };
  let provider: Provider;
  try {
    provider = new Provider(settings.issuer, buildConfiguration(settings));
    // Registered first, so it sees the answer after the scope rewriting below.
    observeTokenResponses(provider, options.onTokenResponse);
    server.on('request', createListener(provider, settings, options.name ?? 'Sandbox', tokenScope, options.offlineAccessWithoutPrompt ?? false));
  } catch (error) {
    // oidc-provider validates its configuration (clients, keys) here: do not leave the port open.
    await closeServer(server);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    issuer,
    apiBase: settings.apiResource,
    clientId: settings.clientId,
    ownApp: { clientId: settings.ownApp.id, clientSecret: settings.ownApp.secret },
    introspect: (token) => introspect(settings, token),
    revokeGrantOf: (token) => revokeGrantOf(provider, token),
    close: () => (closing ??= closeServer(server)),
  };
}

/** The server `npm run sandbox` runs, with the default name, scopes and client. */
export async function startSandbox(port?: number, options: Omit<AuthServerOptions, 'port'> = {}): Promise<RunningAuthServer> {
  return startAuthServer({ ...options, port });
}
