/**
 * Why reading a server's metadata failed, from the error itself, so the window can name the real
 * cause: nothing listening at the address, a server that answered but publishes no OpenID or
 * OAuth metadata there, or no answer in time. Only "unreachable" is left for the rest.
 */
export type DiscoveryCause = 'not-listening' | 'no-metadata' | 'timeout' | 'unreachable';

/** The error and its `cause` chain (undici puts the socket error under `cause`). */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.includes(current) && seen.length < 8) {
    seen.push(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return seen;
}

const NOT_LISTENING = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function discoveryCause(error: unknown): DiscoveryCause {
  const errors = chain(error);
  for (const e of errors) {
    if (typeof e !== 'object' || e === null) continue;
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && NOT_LISTENING.has(code)) return 'not-listening';
    if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
      return 'timeout';
    }
  }
  // A transport failure is a TypeError from fetch; anything else means the server did answer,
  // with a status or a body that is not metadata (openid-client's processing errors carry the response).
  if (errors.some((e) => e instanceof TypeError && /fetch failed|network/i.test(e.message))) return 'unreachable';
  return 'no-metadata';
}

/** Where OpenID Connect Discovery looks first for an issuer's metadata. */
export function openIdMetadataUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}
