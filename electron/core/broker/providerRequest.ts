import { Agent, request, type Dispatcher } from 'undici';
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
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(private readonly response: Response) {
    this.status = response.status;
    this.reader = response.body?.getReader();
  }

  header(name: string): string | null {
    return this.response.headers.get(name);
  }

  async read(): Promise<Uint8Array | undefined> {
    const next = await this.reader?.read();
    return next?.done === false ? next.value : undefined;
  }

  stop(): void {
    this.reader?.cancel().catch(() => undefined);
  }
}

/**
 * The hosts' requester: undici's `request` on one Agent (keep-alive connections per origin, reused
 * across calls). Without `dispatcher`, an Agent of its own.
 */
export function requestOverPool(dispatcher: Agent = new Agent()): ProviderRequester {
  return async ({ url, method, headers, body, signal }) =>
    new PooledAnswer(await request(url, { method: method as Dispatcher.HttpMethod, headers, ...(body !== undefined ? { body } : {}), signal, dispatcher }));
}

/** (Classes, not per-call closures: one answer per call, on the broker's hot path.) */
class PooledAnswer implements ProviderAnswer {
  readonly status: number;
  private chunks: AsyncIterator<Buffer> | undefined;

  constructor(private readonly answer: Dispatcher.ResponseData) {
    this.status = answer.statusCode;
  }

  header(name: string): string | null {
    const value = this.answer.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  async read(): Promise<Buffer | undefined> {
    this.chunks ??= this.answer.body[Symbol.asyncIterator]();
    const next = await this.chunks.next();
    return next.done ? undefined : next.value;
  }

  stop(): void {
    this.answer.body.destroy();
  }
}
