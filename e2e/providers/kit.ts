/**
 * Shared plumbing of the provider test servers: one loopback listener per real host name, request
 * bodies, cookies, PKCE, signed JWTs, and the sign-in and consent pages a test clicks. What each
 * provider answers lives in its own file (google.ts, microsoft.ts, …), written from its docs.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface ProviderRequest {
  /** The real host name the app or browser asked for, e.g. `oauth2.googleapis.com`. */
  host: string;
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Form or JSON body fields (both as strings); empty for GET. */
  body: Record<string, string>;
  rawBody: string;
  cookies: Record<string, string>;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: string };
export type Handler = (request: ProviderRequest) => Reply | Promise<Reply>;

export interface RunningProvider {
  /** Real host name → loopback port; what the routing fetch and the browser routes need. */
  readonly routes: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** One loopback listener per host name, all answered by `handler` with the host it was reached as. */
export async function listenAs(hosts: readonly string[], handler: Handler): Promise<RunningProvider> {
  const servers: Server[] = [];
  const routes = new Map<string, number>();
  for (const host of hosts) {
    const server = createServer((req, res) => {
      serve(host, req, res, handler).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(error instanceof Error ? error.message : 'error');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    servers.push(server);
    routes.set(host, (server.address() as AddressInfo).port);
  }
  return {
    routes,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

async function serve(host: string, req: IncomingMessage, res: ServerResponse, handler: Handler): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const reply = await handler({
    host,
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', `https://${host}`),
    headers: req.headers,
    body: parseBody(req.headers['content-type'], rawBody),
    rawBody,
    cookies: parseCookies(req.headers.cookie),
  });
  res.writeHead(reply.status, { 'Cache-Control': 'no-store', ...reply.headers }).end(reply.body ?? '');
}

function parseBody(contentType: string | undefined, raw: string): Record<string, string> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name) out[name] = value.join('=');
  }
  return out;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});
export const form = (body: Record<string, string>): Reply => ({
  status: 200,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: new URLSearchParams(body).toString(),
});
export const redirect = (location: string, headers: Record<string, string> = {}): Reply => ({ status: 302, headers: { Location: location, ...headers } });
export const notFound = (): Reply => ({ status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' });

/** `client_id:client_secret` from an HTTP Basic Authorization header (RFC 6749 §2.3.1), if any. */
export function basicCredentials(request: ProviderRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** The client's credentials from Basic auth or the body (client_secret_post). */
export function clientCredentials(request: ProviderRequest): { id?: string; secret?: string } {
  const basic = basicCredentials(request);
  if (basic) return basic;
  return { ...(request.body.client_id ? { id: request.body.client_id } : {}), ...(request.body.client_secret ? { secret: request.body.client_secret } : {}) };
}

export function bearer(request: ProviderRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^(?:Bearer|token) (.+)$/i);
  return match?.[1] ?? (request.body.token || undefined);
}

/** RFC 7636 §4.6: S256 only; a verifier that does not match its challenge fails. */
export function pkceMatches(challenge: string | undefined, verifier: string | undefined): boolean {
  if (challenge === undefined) return verifier === undefined;
  if (verifier === undefined) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

export const randomToken = (prefix: string): string => `${prefix}${randomBytes(24).toString('base64url')}`;
export const newId = (): string => randomUUID();

/** A stable number from a string (GitHub user ids, Slack ids) so a username always maps to the same account. */
export function stableNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** One RS256 key per server, as `jwks_uri` publishes it. */
export interface Signer {
  jwks: { keys: JWK[] };
  sign(claims: Record<string, unknown>, lifetimeSeconds?: number): Promise<string>;
}

/** One RSA key per test process: generating one per test costs seconds on a busy machine. */
let sharedKey: Promise<{ kid: string; jwk: JWK; privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"] }> | undefined;
function processKey(): Promise<{ kid: string; jwk: JWK; privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"] }> {
  sharedKey ??= (async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomBytes(8).toString('hex');
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  })();
  return sharedKey;
}

export async function createSigner(): Promise<Signer> {
  const { kid, jwk, privateKey } = await processKey();
  return {
    jwks: { keys: [jwk] },
    sign: (claims, lifetimeSeconds = 3600) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(privateKey),
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export function page(title: string, body: string): Reply {
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>${body}</body></html>`,
  };
}

/** A provider's own error page: it does not redirect back to an app it cannot trust. */
export function errorPage(provider: string, message: string, status = 400): Reply {
  return { ...page(`${provider}: error`, `<h1>${escape(provider)}</h1><p role="alert">${escape(message)}</p>`), status };
}

/** The sign-in page: the person types a username; the session is a cookie on that host. */
export function signInPage(provider: string, action: string, pendingId: string): Reply {
  return page(
    `Sign in - ${provider}`,
    `<h1>Sign in to ${escape(provider)}</h1><form method="post" action="${escape(action)}">` +
      `<input type="hidden" name="pending" value="${escape(pendingId)}">` +
      `<label>Username <input name="username" autocomplete="username" required></label>` +
      `<button type="submit">Sign in</button></form>`,
  );
}

export interface ConsentPageOptions {
  provider: string;
  action: string;
  pendingId: string;
  account: string;
  heading: string;
  scopes: readonly string[];
  /** The person may untick scopes one by one (Google's granular consent, GitHub's editable scopes). */
  granular: boolean;
  /** Shown without a box even on a granular page (Google's sign-in scopes). */
  locked?: readonly string[];
  allowLabel: string;
  denyLabel: string;
  /** Extra fields inside the form (Atlassian's site chooser). */
  extra?: string;
}

/** The consent page: what is asked, ticked boxes where the provider lets the person untick. */
export function consentPage(options: ConsentPageOptions): Reply {
  const locked = new Set(options.locked ?? []);
  const items = options.scopes
    .map((scope) =>
      options.granular && !locked.has(scope)
        ? `<li><label><input type="checkbox" name="scope" value="${escape(scope)}" checked>${escape(scope)}</label></li>`
        : `<li>${escape(scope)}<input type="hidden" name="scope" value="${escape(scope)}"></li>`,
    )
    .join('');
  return page(
    `${options.provider}: consent`,
    `<h1>${escape(options.heading)}</h1><p>Signed in as <strong>${escape(options.account)}</strong></p>` +
      `<form method="post" action="${escape(options.action)}"><input type="hidden" name="pending" value="${escape(options.pendingId)}">` +
      `<ul aria-label="Requested permissions">${items}</ul>${options.extra ?? ''}` +
      `<button type="submit" name="decision" value="allow">${escape(options.allowLabel)}</button>` +
      `<button type="submit" name="decision" value="deny">${escape(options.denyLabel)}</button></form>`,
  );
}

/** The scopes a consent form sent back: the ticked boxes (or the hidden list of a non-granular page). */
export function consentedScopes(request: ProviderRequest): string[] {
  return new URLSearchParams(request.rawBody).getAll('scope');
}

export function withQuery(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

/** Signed-in sessions by cookie, per server (one browser context per test). */
export class Sessions {
  private readonly byId = new Map<string, string>();
  constructor(private readonly cookie: string) {}

  user(request: ProviderRequest): string | undefined {
    const id = request.cookies[this.cookie];
    return id ? this.byId.get(id) : undefined;
  }

  start(username: string): Record<string, string> {
    const id = randomToken('');
    this.byId.set(id, username);
    return { 'Set-Cookie': `${this.cookie}=${id}; Path=/; HttpOnly; Secure; SameSite=Lax` };
  }
}

/** Parked authorization requests, waiting for sign-in and consent. */
export class Pending<T> {
  private readonly byId = new Map<string, T>();
  add(value: T): string {
    const id = newId();
    this.byId.set(id, value);
    return id;
  }
  get(id: string | undefined): T | undefined {
    return id ? this.byId.get(id) : undefined;
  }
  take(id: string | undefined): T | undefined {
    const value = this.get(id);
    if (id) this.byId.delete(id);
    return value;
  }
}

/** A loopback redirect URI on 127.0.0.1 or localhost (RFC 8252 §7.3), any port. */
export function isLoopbackRedirect(uri: string | null | undefined): boolean {
  if (!uri) return false;
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}
