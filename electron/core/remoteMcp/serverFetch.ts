import { RemoteMcpError } from './errors';
import { loadMcpSdk } from './mcpSdk';

/** A scope token as RFC 6749 §3.3 allows it (printable ASCII but space, `"` and `\`); at most 64 of them. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,256}$/;
const MAX_SCOPES = 64;

export interface ServerFetchOptions {
  /** The server's MCP endpoint: its origin is the only one a token is sent to. */
  url: URL;
  fetch: typeof globalThis.fetch;
  /** The bearer token now, or undefined (a server with no sign-in): asked for each request to the server's origin. */
  token: () => Promise<string | undefined>;
  /** The largest JSON answer, or one streamed (SSE) message, in bytes. */
  maxMessageBytes: number;
  /** Told when a streamed answer went beyond the limit (the stream is ended there). */
  onOversize(): void;
}

/**
 * The fetch the MCP client transport uses for one server: the token only on requests to the
 * server's own origin (a redirect target or any other URL gets none, and no redirect is
 * followed here), each answer bounded in size, and the answers that mean "sign in again" (401) or
 * "this needs more scopes" (403 insufficient_scope) turned into typed errors before the SDK sees them.
 */
export function serverFetch(options: ServerFetchOptions): typeof globalThis.fetch {
  const origin = options.url.origin;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    // Whatever the caller set, only this decides whether a token goes.
    headers.delete('authorization');
    if (url.origin === origin) {
      const token = await options.token();
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    }
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, headers, redirect: 'manual' });
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      throw new RemoteMcpError('unreachable', `The MCP server at ${origin} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 401 || response.status === 403) throw await refusal(response, origin);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new RemoteMcpError('redirected', `The MCP server at ${origin} answered with a redirect (HTTP ${response.status}); Scopekeeper does not follow it.`);
    }
    return bounded(response, options);
  };
}

async function refusal(response: Response, origin: string): Promise<RemoteMcpError> {
  void response.body?.cancel().catch(() => undefined);
  if (response.status === 401) {
    return new RemoteMcpError('sign_in_again', `The MCP server at ${origin} no longer accepts this connection’s sign-in (HTTP 401): sign in again in Scopekeeper.`, { status: 401 });
  }
  const { error, scope } = (await loadMcpSdk()).auth.extractWWWAuthenticateParams(response);
  const scopes = (scope ?? '').split(' ').filter((s) => SCOPE_TOKEN.test(s));
  if (error === 'insufficient_scope' && scopes.length > 0 && scopes.length <= MAX_SCOPES) {
    return new RemoteMcpError('insufficient_scope', `The MCP server at ${origin} needs more permissions for this: ${scopes.join(' ')}.`, { status: 403, scopes: [...new Set(scopes)] });
  }
  return new RemoteMcpError('forbidden', `The MCP server at ${origin} refused this (HTTP 403).`, { status: 403 });
}

/** The answer with a size limit: a JSON one read here (refused whole when too large), a streamed one limited per message. */
async function bounded(response: Response, options: ServerFetchOptions): Promise<Response> {
  if (!response.body) return response;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    const body = response.body.pipeThrough(perMessageLimit(options.maxMessageBytes, options.onOversize));
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxMessageBytes) {
    await response.body.cancel();
    throw tooLarge(options.maxMessageBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > options.maxMessageBytes) {
      await reader.cancel();
      throw tooLarge(options.maxMessageBytes);
    }
    chunks.push(value);
  }
  return new Response(Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers });
}

function tooLarge(limit: number): RemoteMcpError {
  return new RemoteMcpError('too_large', `The MCP server’s answer is larger than ${limit} bytes.`);
}

/** Ends an event stream whose current event (bytes since the last blank line) grows beyond `limit`. */
function perMessageLimit(limit: number, onOversize: () => void): TransformStream<Uint8Array, Uint8Array> {
  let run = 0;
  let newline = false;
  return new TransformStream({
    transform(chunk, controller) {
      for (const byte of chunk) {
        if (byte === 0x0d) continue;
        if (byte === 0x0a && newline) run = 0;
        else run++;
        newline = byte === 0x0a;
        // Checked at each byte: one chunk may hold a whole oversized event and the next one's start.
        if (run > limit) {
          onOversize();
          controller.error(tooLarge(limit));
          return;
        }
      }
      controller.enqueue(chunk);
    },
  });
}
