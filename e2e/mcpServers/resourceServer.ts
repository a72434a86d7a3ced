/**
 * A remote MCP server for tests, made only of the MCP SDK's own server pieces: `McpServer` over the
 * Streamable HTTP transport (sessions, so `notifications/tools/list_changed` reaches the client),
 * `createMcpExpressApp` (loopback Host check), and, when it is protected, `requireBearerAuth` with
 * the token's audience checked (`expectedResource`) and the protected resource metadata of RFC 9728
 * served by the SDK's `metadataHandler`.
 *
 * What it answers follows the MCP authorization spec
 * (https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization):
 * - no or a bad token: `401` with `WWW-Authenticate: Bearer … resource_metadata="…"` (and `scope`
 *   when the server names the scopes to ask for);
 * - a valid token lacking a tool's scope: `403` with `error="insufficient_scope", scope="…"` (the
 *   "Runtime Insufficient Scope Errors" / step-up section), before the call reaches the tool;
 * - metadata at the path-inserted well-known URI (`/.well-known/oauth-protected-resource/mcp`) or at
 *   the root one, as a server may publish either (RFC 9728 §3.1).
 *
 * A server with no `auth` is one anyone may call (the "no sign-in needed" case).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { metadataHandler } from '@modelcontextprotocol/sdk/server/auth/handlers/metadata.js';
import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { ZodRawShape } from 'zod';

export interface TestTool {
  name: string;
  title?: string;
  description: string;
  /** The tool's arguments, as a zod shape (the SDK turns it into the tool's JSON Schema). */
  inputSchema?: ZodRawShape;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean };
  /** The scope a token must carry for this tool; without it the call is answered 403 insufficient_scope. */
  scope?: string;
  /** The tool's answer (text), given its arguments and who called. */
  run(args: Record<string, unknown>, auth: AuthInfo | undefined): string;
}

export interface ResourceServerAuth {
  /** Checks a bearer token: what it carries (scopes, audience as `resource`, expiry). */
  verifier: OAuthTokenVerifier;
  /** The authorization servers' issuer URLs, as the metadata lists them. */
  authorizationServers: string[];
  scopesSupported?: string[];
  /** Scopes the 401 challenge names (the spec's `scope` on WWW-Authenticate); absent: none named. */
  challengeScopes?: string[];
  /** Whether the 401 names the metadata URL (`resource_metadata`); default true. Off: the client must try the well-known paths. */
  metadataInChallenge?: boolean;
  /** Which well-known URI serves the metadata: the path-inserted one (default) or the root one. */
  metadataAt?: 'path' | 'root';
  /** The `resource` the metadata claims; default the server's own URL. A different one is a server the client must refuse. */
  claimedResource?: string;
}

export interface ResourceServerOptions {
  tools: TestTool[];
  auth?: ResourceServerAuth;
  /** Shown as `resource_name` in the metadata and as the MCP server's name. */
  name?: string;
}

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The JSON-RPC method of a POST, when it had one. */
  rpc?: string;
}

export interface RunningResourceServer {
  /** The MCP endpoint a person pastes: `http://127.0.0.1:<port>/mcp`. */
  readonly url: string;
  /** Every request as it arrived, in order (what a test checks a token was or was not sent with). */
  readonly seen: SeenRequest[];
  /** The tool calls that reached a tool, with the scopes of the token they came with. */
  readonly calls: { tool: string; args: Record<string, unknown>; scopes: string[] }[];
  /** Adds a tool and tells every open session its list changed. */
  addTool(tool: TestTool): void;
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';

/** Starts the server on a loopback port. */
export async function startResourceServer(options: ResourceServerOptions): Promise<RunningResourceServer> {
  const app = createMcpExpressApp({ host: '127.0.0.1' });
  const seen: SeenRequest[] = [];
  const calls: RunningResourceServer['calls'] = [];
  const tools = [...options.tools];
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();
  const listen = await listening(app);
  const url = `http://127.0.0.1:${listen.port}${MCP_PATH}`;

  app.use((req: Request, _res: Response, next: NextFunction) => {
    const rpc = (req.body as { method?: unknown } | undefined)?.method;
    seen.push({ method: req.method, path: req.path, authorization: req.headers.authorization, ...(typeof rpc === 'string' ? { rpc } : {}) });
    next();
  });

  const guard = options.auth ? protect(app, url, options.auth, tools) : [];
  const newServer = (): McpServer => {
    const server = new McpServer({ name: options.name ?? 'test-mcp-server', version: '1.0.0' });
    for (const tool of tools) register(server, tool, calls);
    return server;
  };

  app.all(MCP_PATH, ...guard, (req: Request, res: Response) => {
    void handle(req, res, sessions, newServer);
  });

  return {
    url,
    seen,
    calls,
    addTool(tool) {
      tools.push(tool);
      for (const { server } of sessions.values()) {
        register(server, tool, calls);
        server.sendToolListChanged();
      }
    },
    close: async () => {
      for (const { transport } of sessions.values()) await transport.close();
      await listen.close();
    },
  };
}

function register(server: McpServer, tool: TestTool, calls: RunningResourceServer['calls']): void {
  server.registerTool(
    tool.name,
    { ...(tool.title ? { title: tool.title } : {}), description: tool.description, inputSchema: tool.inputSchema ?? {}, ...(tool.annotations ? { annotations: tool.annotations } : {}) },
    (args: Record<string, unknown>, extra: { authInfo?: AuthInfo }) => {
      calls.push({ tool: tool.name, args, scopes: extra.authInfo?.scopes ?? [] });
      return { content: [{ type: 'text' as const, text: tool.run(args, extra.authInfo) }] };
    },
  );
}

/** The metadata route and the bearer check (with the per-tool scope check after it). */
function protect(app: ReturnType<typeof createMcpExpressApp>, url: string, auth: ResourceServerAuth, tools: TestTool[]) {
  const resourceUrl = new URL(url);
  const metadataUrl = auth.metadataAt === 'root' ? `${resourceUrl.origin}/.well-known/oauth-protected-resource` : getOAuthProtectedResourceMetadataUrl(resourceUrl);
  app.use(
    new URL(metadataUrl).pathname,
    metadataHandler({
      resource: auth.claimedResource ?? url,
      authorization_servers: auth.authorizationServers,
      ...(auth.scopesSupported ? { scopes_supported: auth.scopesSupported } : {}),
      bearer_methods_supported: ['header'],
      resource_name: 'Test MCP server',
    }),
  );
  const inChallenge = auth.metadataInChallenge ?? true;
  const bearer = requireBearerAuth({
    verifier: auth.verifier,
    expectedResource: resourceUrl,
    ...(inChallenge ? { resourceMetadataUrl: metadataUrl } : {}),
  });
  // requireBearerAuth names `scope` only for its own requiredScopes; the spec's 401 may name the scopes to ask for.
  const challengeScope = (_req: Request, res: Response, next: NextFunction) => {
    if (auth.challengeScopes?.length) {
      const set = res.set.bind(res);
      res.set = ((field: string, value?: string | string[]) =>
        field.toLowerCase() === 'www-authenticate' && typeof value === 'string'
          ? set(field, `${value}, scope="${auth.challengeScopes!.join(' ')}"`)
          : set(field, value as string)) as typeof res.set;
    }
    next();
  };
  const toolScope = (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as { method?: string; params?: { name?: string } } | undefined;
    const tool = body?.method === 'tools/call' ? tools.find((t) => t.name === body.params?.name) : undefined;
    const granted = req.auth?.scopes ?? [];
    if (tool?.scope && !granted.includes(tool.scope)) {
      const scope = [...new Set([...granted, tool.scope])].join(' ');
      res.set(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${scope}", error_description="This tool needs ${tool.scope}"${inChallenge ? `, resource_metadata="${metadataUrl}"` : ''}`,
      );
      res.status(403).json({ error: 'insufficient_scope', error_description: `This tool needs ${tool.scope}` });
      return;
    }
    next();
  };
  return [challengeScope, bearer, toolScope];
}

async function handle(
  req: Request,
  res: Response,
  sessions: Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>,
  newServer: () => McpServer,
): Promise<void> {
  const id = req.headers['mcp-session-id'];
  const existing = typeof id === 'string' ? sessions.get(id) : undefined;
  if (existing) {
    await existing.transport.handleRequest(req, res, req.body);
    return;
  }
  if (req.method !== 'POST' || (req.body as { method?: string } | undefined)?.method !== 'initialize') {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
    return;
  }
  const server = newServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sessionId) => {
      sessions.set(sessionId, { transport, server });
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
  };
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
}

async function listening(app: ReturnType<typeof createMcpExpressApp>): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A verifier over tokens the test hands out itself (for tests of the client side that need no
 * authorization server): token → what it carries.
 */
export function staticTokens(tokens: ReadonlyMap<string, { scopes: string[]; resource: string; expiresAt?: number }>): OAuthTokenVerifier {
  return {
    verifyAccessToken: async (token) => {
      const known = tokens.get(token);
      if (!known) {
        const { InvalidTokenError } = await import('@modelcontextprotocol/sdk/server/auth/errors.js');
        throw new InvalidTokenError('Unknown token');
      }
      return { token, clientId: 'test-client', scopes: known.scopes, resource: new URL(known.resource), expiresAt: known.expiresAt ?? Math.floor(Date.now() / 1000) + 3600 };
    },
  };
}
