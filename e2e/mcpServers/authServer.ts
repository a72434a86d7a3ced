/**
 * An authorization server for the remote MCP test servers (resourceServer.ts), made of oidc-provider
 * as the Sandbox uses it, with what the MCP authorization spec leans on turned on
 * (https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization):
 * - RFC 8707 resource indicators: each MCP server URL registered with `addResource` is a resource
 *   server whose access tokens are JWTs (RFC 9068) with that URL as their audience, signed with the
 *   key of this server's JWKS; a token request for any other resource is refused (`invalid_target`);
 * - RFC 7591 dynamic client registration at `/reg` (`registrations` counts the clients made there),
 *   or, with `registration: false`, none: only the pre-registered client `OWN_MCP_CLIENT` may sign in;
 * - PKCE (S256) required, `iss` in the authorization response (RFC 9207), RFC 7009 revocation;
 * - a login page and a consent page a test clicks (the Sandbox's pages).
 *
 * `jwtVerifier()` is the resource server's side: it checks those JWTs against the JWKS (jose).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import Provider, { errors, type Configuration, type Interaction } from 'oidc-provider';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { matchInteractionRoute, type InteractionRoute } from '../../electron/sandbox/interactions';
import { renderProblem } from '../../electron/sandbox/configuration';
import { consentPage, loginPage, problemPage } from '../../electron/sandbox/pages';

/** The client a person registered themselves at the server without dynamic registration. */
export const OWN_MCP_CLIENT = 'mcp-own-app';

export interface McpAuthServerOptions {
  /** RFC 7591 registration at /reg; default true. Off: only OWN_MCP_CLIENT exists. */
  registration?: boolean;
  /** Shown on the pages; default 'Test MCP sign-in'. */
  name?: string;
}

export interface RunningMcpAuthServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly issuer: string;
  /** The client IDs registered through /reg, in order. */
  readonly registrations: readonly string[];
  /** Every token endpoint request's parameters as oidc-provider read them, in order (what a test checks `resource` in). */
  readonly tokenRequests: readonly URLSearchParams[];
  /** Every authorization request's query, in order. */
  readonly authorizationRequests: readonly URLSearchParams[];
  /** Makes `url` a resource server with these scopes (its tokens: JWTs with `aud` = url). */
  addResource(url: string, scopes: readonly string[]): void;
  /** Checks this server's access tokens for a resourceServer.ts. */
  jwtVerifier(): OAuthTokenVerifier;
  close(): Promise<void>;
}

export async function startMcpAuthServer(options: McpAuthServerOptions = {}): Promise<RunningMcpAuthServer> {
  const server = createServer();
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const issuer = `http://127.0.0.1:${port}`;
  const resources = new Map<string, readonly string[]>();
  const registrations: string[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const authorizationRequests: URLSearchParams[] = [];
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const key = { ...(await exportJWK(privateKey)), kid: 'mcp-test', alg: 'ES256', use: 'sig' };
  const provider = new Provider(issuer, configuration(options, resources, key));
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { client_id?: unknown } | undefined;
    if (ctx.path === '/reg' && ctx.status === 201 && typeof body?.client_id === 'string') registrations.push(body.client_id);
    const params = ctx.oidc?.params;
    if (ctx.path === '/token' && params) tokenRequests.push(new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string')));
  });
  const serveProtocol = provider.callback();
  const serveInteraction = interactions(provider, options.name ?? 'Test MCP sign-in', resources);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/auth') authorizationRequests.push(url.searchParams);
    const route = matchInteractionRoute(req.method, url.pathname);
    const served = route ? serveInteraction(route, req, res) : serveProtocol(req, res);
    served.catch((error: unknown) => {
      console.error('MCP test authorization server:', error);
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });
  let closing: Promise<void> | undefined;
  return {
    issuer,
    registrations,
    tokenRequests,
    authorizationRequests,
    addResource: (url, scopes) => void resources.set(url, scopes),
    jwtVerifier: () => jwtVerifier(issuer),
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })),
  };
}

function configuration(options: McpAuthServerOptions, resources: ReadonlyMap<string, readonly string[]>, key: object): Configuration {
  const loopback = { application_type: 'native' as const, token_endpoint_auth_method: 'none' as const, redirect_uris: ['http://127.0.0.1/callback'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
  return {
    clients: options.registration === false ? [{ client_id: OWN_MCP_CLIENT, client_name: 'Your own app', ...loopback }] : [],
    jwks: { keys: [key] },
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, RefreshToken: 86400, Interaction: 3600, Session: 86400, Grant: 86400 },
    renderError: renderProblem,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      registration: { enabled: options.registration !== false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          const scopes = resources.get(indicator);
          if (scopes === undefined) throw new errors.InvalidTarget();
          return { scope: scopes.join(' '), audience: indicator, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
    },
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The resource a request asks for (one string; oidc-provider allows several, these tests ask one). */
function requestedResource(interaction: Interaction): string | undefined {
  const resource = interaction.params.resource;
  return typeof resource === 'string' ? resource : Array.isArray(resource) && typeof resource[0] === 'string' ? resource[0] : undefined;
}

function interactions(provider: Provider, serverName: string, resources: ReadonlyMap<string, readonly string[]>) {
  const send = (res: ServerResponse, status: number, html: string): void =>
    void res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  return async (route: InteractionRoute, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const interaction = await provider.interactionDetails(req, res).catch(() => undefined);
    if (interaction?.uid !== route.uid) return send(res, 400, problemPage('This sign-in has ended', 'Start again from Scopekeeper.'));
    const resource = requestedResource(interaction);
    const asked = [...new Set(interaction.params.scope?.split(' ').filter(Boolean) ?? [])];
    const offered = asked.filter((scope) => resource !== undefined && resources.get(resource)?.includes(scope));
    if (route.step === 'show') {
      if (interaction.prompt.name === 'login') return send(res, 200, loginPage({ serverName, uid: interaction.uid }));
      return send(res, 200, consentPage({ serverName, uid: interaction.uid, accountId: interaction.session?.accountId ?? '', scopes: offered, includesOpenid: false }));
    }
    const form = await readForm(req);
    if (route.step === 'login') {
      return provider.interactionFinished(req, res, { login: { accountId: form.get('username')?.trim() || 'alex' } }, { mergeWithLastSubmission: false });
    }
    if (form.get('decision') !== 'allow' || resource === undefined) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person denied access.' }, { mergeWithLastSubmission: false });
    }
    const ticked = form.getAll('scope');
    const grant = new provider.Grant({ accountId: interaction.session!.accountId, clientId: interaction.params.client_id });
    const granted = offered.filter((scope) => ticked.includes(scope));
    const rejected = offered.filter((scope) => !ticked.includes(scope));
    if (granted.length) grant.addResourceScope(resource, granted.join(' '));
    if (rejected.length) grant.rejectResourceScope(resource, rejected.join(' '));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: false });
  };
}

/** The MCP server's check of a bearer token: a JWT of this issuer, signed with its JWKS, not expired; its audience is the resource. */
function jwtVerifier(issuer: string): OAuthTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  return {
    verifyAccessToken: async (token) => {
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, typ: 'at+jwt' });
        const audience = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
        if (typeof audience !== 'string') throw new Error('no audience');
        return {
          token,
          clientId: String(payload.client_id ?? ''),
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          ...(payload.exp !== undefined ? { expiresAt: payload.exp } : {}),
          resource: new URL(audience),
        };
      } catch (error) {
        throw new InvalidTokenError(error instanceof Error ? error.message : 'Invalid token');
      }
    },
  };
}
