import { Agent, request } from 'undici';
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
  return async ({ url, method, headers, body, signal }) => {
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual', signal });
    const reader = response.body?.getReader();
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      read: async () => {
        const next = await reader?.read();
        return next?.done === false ? next.value : undefined;
      },
      stop: () => void reader?.cancel().catch(() => undefined),
    };
  };
}

/**
 * The hosts' requester: undici's `request` on one Agent (keep-alive connections per origin, reused
 * across calls). Without `dispatcher`, an Agent of its own.
 */
export function requestOverPool(dispatcher: Agent = new Agent()): ProviderRequester {
  return async ({ url, method, headers, body, signal }): Promise<ProviderAnswer> => {
    const answer = await request(url, { method: method as 'GET', headers, ...(body !== undefined ? { body } : {}), signal, dispatcher });
    const chunks: AsyncIterator<Buffer> = answer.body[Symbol.asyncIterator]();
    return {
      status: answer.statusCode,
      header: (name) => {
        const value = answer.headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      read: async () => {
        const next = await chunks.next();
        return next.done ? undefined : next.value;
      },
      stop: () => void answer.body.destroy(),
    };
  };
}
