import type { Agent, Dispatcher, request as undiciRequest } from 'undici';
import type { ProviderAnswer, ProviderRequester } from '../ports';

/**
 * The two ways the broker's proxy (proxy.ts) reaches a provider's API (the ProviderRequester port):
 * the hosts' own, undici's `request` on a pool of keep-alive connections, and the core's default,
 * the `fetch` port. Both send the request as given and follow no redirect (a redirect to another
 * host must never carry the token). undici's `request` skips what `fetch` adds per call on top
 * (a WHATWG Request, Headers and body stream for every call, CORS and redirect bookkeeping):
 * measured, about a third of what a call through the broker costs beyond the provider's own time.
 */

/** The default: the request through the core's `fetch` port, with `redirect: 'manual'`. */
export function requestOverFetch(fetch: typeof globalThis.fetch): ProviderRequester {
  return async ({ url, method, headers, body, signal }) =>
    new FetchAnswer(await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual', signal }));
}

class FetchAnswer implements ProviderAnswer {
  readonly status: number;

  constructor(private readonly response: Response) {
    this.status = response.status;
  }

  header(name: string): string | null {
    return this.response.headers.get(name);
  }

  async text(limit: number): Promise<string | undefined> {
    const reader = this.response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let next = await reader?.read(); next && !next.done; next = await reader!.read()) {
      size += next.value.byteLength;
      if (size > limit) {
        reader!.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(next.value);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }

  stop(): void {
    this.response.body?.cancel().catch(() => undefined);
  }
}

interface Pool {
  request: typeof undiciRequest;
  dispatcher: Agent;
}

/**
 * The hosts' requester: undici's `request` on one Agent (keep-alive connections per origin, reused
 * across calls). Without `dispatcher`, an Agent of its own. undici is loaded at the first call, not
 * when the host starts: it is one of the largest modules main would otherwise load before the
 * window has its content, and only a tool's call needs it (a failed load is tried again next call).
 */
export function requestOverPool(dispatcher?: Agent): ProviderRequester {
  let pool: Promise<Pool> | undefined;
  const loadPool = (): Promise<Pool> =>
    (pool ??= import('undici').then(
      (undici) => ({ request: undici.request, dispatcher: dispatcher ?? new undici.Agent() }),
      (error: unknown) => {
        pool = undefined;
        throw error;
      },
    ));
  return async ({ url, method, headers, body, signal }) => {
    const { request, dispatcher: agent } = await loadPool();
    return new PooledAnswer(await request(url, { method: method as Dispatcher.HttpMethod, headers, ...(body !== undefined ? { body } : {}), signal, dispatcher: agent }));
  };
}

/** (Classes, not closures per call; the body by events, not per-chunk promises: the broker's hot path.) */
class PooledAnswer implements ProviderAnswer {
  readonly status: number;

  constructor(private readonly answer: Dispatcher.ResponseData) {
    this.status = answer.statusCode;
  }

  header(name: string): string | null {
    const value = this.answer.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  text(limit: number): Promise<string | undefined> {
    const body = this.answer.body;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // Kept for good: destroying the body emits an error, whoever ends it.
      body.on('error', reject);
      body.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= limit) return void chunks.push(chunk);
        resolve(undefined);
        body.destroy();
      });
      body.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    });
  }

  stop(): void {
    this.answer.body.on('error', () => undefined).destroy();
  }
}
