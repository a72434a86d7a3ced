import type { ProviderAnswer, ProviderRequester } from '../ports';
import { BrokerError, LIMITS, type CallResult } from './protocol';
import type { FreshToken } from './tokens';

/**
 * The only request headers a tool may send: content negotiation, conditional requests and a few
 * documented API selectors. Everything else is refused, by name, before anything leaves: the
 * credentials (ours to add), Host, hop-by-hop and framing headers (the HTTP client's), forwarding
 * headers, and method overrides (`X-HTTP-Method-Override: DELETE` on an approved GET would turn
 * a read the person allowed into a delete some frameworks honour).
 * @see RFC 9110 §7.6.1 (connection-specific fields), RFC 6750 §2.1 (the bearer header is ours)
 */
export const ALLOWED_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-language',
  'cache-control',
  'content-language',
  'content-type',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'idempotency-key',
  'prefer',
  'range',
  'user-agent',
  // Microsoft Graph: advanced queries; GitHub: the REST API version.
  'consistencylevel',
  'x-github-api-version',
]);

/** The provider's response headers a tool gets back; never Set-Cookie or anything naming a credential. */
/** Sent where the tool names no User-Agent of its own. */
const USER_AGENT = 'Scopekeeper';

const RETURNED_HEADERS = ['content-type', 'etag', 'last-modified', 'location', 'link', 'retry-after', 'www-authenticate', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

export interface ForwardRequest {
  /** How the provider is reached (the ProviderRequester port). */
  send: ProviderRequester;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  token: FreshToken;
  /**
   * The call's own controller: aborted when the tool goes away or cancels (the call is abandoned),
   * and by `forward` when the provider takes longer than `timeoutMs`. (One controller for both
   * ends: AbortController is among the costliest things a call makes.)
   */
  controller: AbortController;
  timeoutMs: number;
}

/** `error="insufficient_scope"` and its `scope` from a Bearer challenge (RFC 6750 §3). */
export function insufficientScope(challenge: string | null): { scope?: string } | undefined {
  if (!challenge || !/^\s*bearer\b/i.test(challenge) || !/error\s*=\s*"?insufficient_scope"?/i.test(challenge)) return undefined;
  const scope = /scope\s*=\s*"([^"]*)"/i.exec(challenge)?.[1];
  return scope === undefined ? {} : { scope };
}

/**
 * What is sent: the tool's allowed headers (lower-case; one name given twice in two letter cases
 * is joined as HTTP joins repeated fields), a JSON content type for a body without one, a
 * User-Agent where the tool names none (GitHub refuses a request without one:
 * https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent),
 * and the Authorization header, ours alone.
 */
function outgoingHeaders(tool: Record<string, string>, token: FreshToken, hasBody: boolean): Record<string, string> {
  const names = Object.keys(tool);
  if (names.length > LIMITS.maxHeaders) throw new BrokerError('too_large', `At most ${LIMITS.maxHeaders} headers.`);
  const refused = names.filter((n) => !ALLOWED_HEADERS.has(n.toLowerCase()));
  if (refused.length) {
    throw new BrokerError('bad_request', `Scopekeeper does not forward these headers: ${refused.join(', ')}. A tool may send ${[...ALLOWED_HEADERS].join(', ')}.`, {
      refused,
    });
  }
  const headers: Record<string, string> = {};
  for (const name of names) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${tool[name]}` : tool[name]!;
  }
  if (hasBody && !('content-type' in headers)) headers['content-type'] = 'application/json';
  headers['user-agent'] ??= USER_AGENT;
  // RFC 6750 §2.1; providers answer `token_type` in any letter case ("bearer", "Bearer").
  headers.authorization = `${/^bearer$/i.test(token.tokenType) ? 'Bearer' : token.tokenType} ${token.accessToken}`;
  return headers;
}

/** The body, at most `limit` bytes of it, or `too_large` (and the download stopped). */
async function boundedText(answer: ProviderAnswer, limit: number): Promise<string> {
  const declaredTooLarge = Number(answer.header('content-length')) > limit;
  if (declaredTooLarge) answer.stop();
  const text = declaredTooLarge ? undefined : await answer.text(limit);
  if (text === undefined) throw new BrokerError('too_large', `The provider’s answer is larger than ${limit} bytes.`, { status: answer.status });
  return text;
}

/**
 * Sends the tool's request to the provider with the access token, and brings back status, a few
 * headers and the body. Redirects are not followed: a redirect to another host must never carry
 * the token. A provider's 403 `insufficient_scope` becomes the typed refusal.
 */
export async function forward(request: ForwardRequest): Promise<CallResult> {
  const headers = outgoingHeaders(request.headers, request.token, request.body !== undefined);
  const timeout = { aborted: false };
  // Cleared as soon as the answer is read.
  const timer = setTimeout(() => {
    timeout.aborted = true;
    request.controller.abort(new BrokerError('timeout', `${request.url.host} did not answer within ${request.timeoutMs} ms.`));
  }, request.timeoutMs);
  try {
    return await exchange(request, headers, timeout);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange(request: ForwardRequest, headers: Record<string, string>, timeout: { aborted: boolean }): Promise<CallResult> {
  const signal = request.controller.signal;
  let answer: ProviderAnswer;
  try {
    answer = await request.send({ url: request.url, method: request.method, headers, ...(request.body !== undefined ? { body: request.body } : {}), signal });
  } catch (error) {
    if (timeout.aborted) throw new BrokerError('timeout', `${request.url.host} did not answer within ${request.timeoutMs} ms.`);
    if (signal.aborted) throw new BrokerError('timeout', 'The tool disconnected before the provider answered.');
    throw new BrokerError('provider_unreachable', `${request.url.host} could not be reached.`, { reason: error instanceof Error ? error.message : String(error) });
  }
  let body: string;
  try {
    body = await boundedText(answer, LIMITS.maxResponseBytes);
  } catch (error) {
    // The abort's reason may be what the read rejects with: which end gave up decides the refusal.
    if (timeout.aborted) throw new BrokerError('timeout', `${request.url.host} did not finish its answer within ${request.timeoutMs} ms.`, { status: answer.status });
    if (signal.aborted) throw new BrokerError('timeout', 'The tool disconnected before the provider finished its answer.', { status: answer.status });
    if (error instanceof BrokerError) throw error;
    throw new BrokerError('provider_unreachable', `${request.url.host} broke off its answer.`, { status: answer.status });
  }
  const scopeProblem = answer.status === 403 ? insufficientScope(answer.header('www-authenticate')) : undefined;
  if (scopeProblem) {
    throw new BrokerError('insufficient_scope', `${request.url.host} refused: the token lacks ${scopeProblem.scope ?? 'a scope this call needs'}.`, {
      status: 403,
      ...(scopeProblem.scope ? { scopes: scopeProblem.scope.split(' ') } : {}),
    });
  }
  const returned: Record<string, string> = {};
  for (const name of RETURNED_HEADERS) {
    const value = answer.header(name);
    if (value !== null) returned[name] = value;
  }
  return { status: answer.status, headers: returned, body };
}
