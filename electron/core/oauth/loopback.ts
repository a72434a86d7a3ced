import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { providerError } from './authorizationErrors';

export interface LoopbackOptions {
  /** The exact state sent in the authorization request. */
  expectedState: string;
  /** The authorization server's issuer; an `iss` parameter that differs is refused (RFC 9207 §2.4). */
  expectedIssuer?: string;
  /** The server advertises `authorization_response_iss_parameter_supported`: a response without `iss` is refused. */
  requireIssuer?: boolean;
  /** Give up after this long without a valid callback. */
  timeoutMs: number;
  /** Aborting cancels the wait and closes the port. */
  signal?: AbortSignal;
  /** The callback path; anything else answers 404. */
  path?: string;
  /**
   * A fixed port, for providers that match the registered callback URL exactly (Atlassian);
   * default 0, a port the OS picks (RFC 8252 §7.3).
   */
  port?: number;
}

export interface LoopbackReceiver {
  /** `http://127.0.0.1:{port}{path}`: an IP literal, never `localhost` (RFC 8252 §8.3). */
  readonly redirectUri: string;
  readonly port: number;
  /** The full callback URL of the one valid authorization response (code, state, iss). */
  readonly callback: Promise<URL>;
  /** Stops listening and drops open connections; safe to call more than once. */
  close(): Promise<void>;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;
}

function answer(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, PAGE_HEADERS).end(page(title, body));
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

type Verdict =
  | { kind: 'ignore'; status: number; reason: string }
  | { kind: 'fail'; status: number; error: ScopekeeperError }
  | { kind: 'accept' };

/** Decides what one request to the loopback port means. Pure, so each rule is tested alone. */
export function judgeCallback(url: URL, method: string | undefined, options: LoopbackOptions): Verdict {
  const path = options.path ?? '/callback';
  if (method !== 'GET') return { kind: 'ignore', status: 405, reason: 'Only GET is accepted here.' };
  if (url.pathname !== path) return { kind: 'ignore', status: 404, reason: 'Nothing here.' };
  const params = url.searchParams;
  const state = params.get('state');
  // A request without the exact state did not come from this attempt's authorization response
  // (RFC 8252 §8.9): refuse it, and keep waiting for the real one.
  if (state === null || !sameSecret(state, options.expectedState)) {
    return { kind: 'ignore', status: 400, reason: 'This sign-in response does not belong to the sign-in Scopekeeper is waiting for.' };
  }
  const iss = params.get('iss');
  if (options.expectedIssuer !== undefined) {
    if (iss !== null && iss !== options.expectedIssuer) {
      return { kind: 'ignore', status: 400, reason: 'This sign-in response came from a different server than the one Scopekeeper asked.' };
    }
    if (iss === null && options.requireIssuer) {
      return { kind: 'ignore', status: 400, reason: 'This sign-in response does not say which server sent it.' };
    }
  }
  const error = params.get('error');
  if (error !== null) {
    return { kind: 'fail', status: 200, error: providerError(error, params.get('error_description') ?? undefined, 'sign-in') };
  }
  if (!params.get('code')) {
    return {
      kind: 'fail',
      status: 400,
      error: new ScopekeeperError('PROVIDER_ERROR', 'The provider’s sign-in response had no authorization code.', {
        error: 'missing_code',
      }),
    };
  }
  return { kind: 'accept' };
}

/**
 * Listens on 127.0.0.1 (on a port the OS picks, or the client's fixed one) for exactly one valid
 * authorization response.
 * @see RFC 8252 §7.3 (loopback redirect), §8.3 (IP literal), RFC 9207 (iss)
 */
export async function startLoopbackReceiver(options: LoopbackOptions): Promise<LoopbackReceiver> {
  if (options.signal?.aborted) throw new ScopekeeperError('AUTH_CANCELLED', 'Sign-in was cancelled.');
  let settle!: { resolve: (url: URL) => void; reject: (error: ScopekeeperError) => void };
  const callback = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  // A caller that stops listening early must not see an unhandled rejection.
  callback.catch(() => undefined);

  let settled = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (settled) return answer(res, 410, 'Sign-in already finished', 'You can close this tab.');
    const url = new URL(req.url ?? '/', redirectUriBase);
    const verdict = judgeCallback(url, req.method, options);
    switch (verdict.kind) {
      case 'ignore':
        return answer(res, verdict.status, 'Not accepted', verdict.reason);
      case 'fail':
        answer(res, verdict.status, 'Sign-in did not finish', `${verdict.error.message} You can close this tab and go back to Scopekeeper.`);
        return finish(() => settle.reject(verdict.error));
      case 'accept':
        answer(res, 200, 'You are signed in', 'You can close this tab and go back to Scopekeeper.');
        return finish(() => settle.resolve(url));
    }
  });

  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' || options.port === undefined) return reject(error);
      reject(
        new ScopekeeperError('REDIRECT_PORT_IN_USE', `Port ${options.port} on this computer is taken by another program, so the sign-in cannot come back to Scopekeeper.`, {
          port: options.port,
        }),
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const redirectUriBase = `http://127.0.0.1:${port}`;

  let closing = false;
  const close = async (): Promise<void> => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (!closing) {
      closing = true;
      server.close();
      server.closeAllConnections();
    }
    await closed;
  };
  function finish(report: () => void): void {
    if (settled) return;
    settled = true;
    report();
    void close();
  }
  const onAbort = (): void => finish(() => settle.reject(new ScopekeeperError('AUTH_CANCELLED', 'Sign-in was cancelled.')));
  const timer = setTimeout(
    () =>
      finish(() =>
        settle.reject(new ScopekeeperError('AUTH_TIMEOUT', 'Sign-in took too long and was stopped.', { timeoutMs: options.timeoutMs })),
      ),
    options.timeoutMs,
  );
  options.signal?.addEventListener('abort', onAbort, { once: true });
  return { redirectUri: `${redirectUriBase}${options.path ?? '/callback'}`, port, callback, close };
}
