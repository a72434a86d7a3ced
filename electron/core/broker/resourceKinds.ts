import type { ActionInfo, ProviderInfo } from '../../../shared/catalog';
import type { Clock } from '../ports';
import type { KindAnswer, KindLookup } from './providers/kindLookup';
import { SLACK_CONVERSATIONS } from './providers/slackConversations';
import { BrokerError, type CallParams } from './protocol';
import type { FreshToken } from './tokens';

/**
 * Actions that cover one kind of resource among those their operations serve (`resourceKind` in
 * the catalog: Slack's conversations.history reads every kind of conversation, and three actions
 * claim it, one per kind). A call of such an action goes out only once the provider has said, to
 * the connection's own token, that the resource the call names is of the action's kind.
 *
 * Which resource a call names is read when the call arrives, from every place the provider reads
 * arguments: the query string and a JSON or form body. A call that names none, names two, or has a
 * body this cannot read is refused; a body it read is forwarded as read (one value per key), so
 * the provider sees the resource that was checked.
 *
 * A kind the provider gave is kept per connection for a minute on the core's clock (kinds rarely
 * change, but a private channel can be made public); calls in flight for one resource share one
 * question. Nothing is kept when the provider did not say.
 */

const LOOKUPS: Readonly<Record<string, KindLookup>> = { slack: SLACK_CONVERSATIONS };

/** How long a kind the provider gave is trusted. */
export const KIND_TTL_MS = 60_000;
/** Resources whose kind is kept at once; the oldest goes first. */
const MAX_KEPT = 1_000;

/** The resource a call names, and its body as it will be forwarded. */
export interface NamedResource {
  value: string;
  body?: string;
}

/** Which resource a call of `action` names, or undefined for an action that covers every kind. */
export function namedResource(info: ProviderInfo, action: ActionInfo, url: URL, params: Pick<CallParams, 'headers' | 'body'>): NamedResource | undefined {
  const limit = action.resourceKind;
  if (!limit) return undefined;
  const what = LOOKUPS[info.id]?.what ?? 'resource';
  const read = params.body === undefined ? undefined : readBody(params.headers ?? {}, params.body, limit.param);
  refuseLookalikes([...url.searchParams.keys(), ...(read?.names ?? [])], limit.param);
  const values = new Set([...url.searchParams.getAll(limit.param), ...(read?.values ?? [])].filter((v) => v !== ''));
  if (values.size === 0) throw new BrokerError('bad_request', `The call must name the ${what} in \`${limit.param}\`, once.`);
  if (values.size > 1) throw new BrokerError('bad_request', `The call names two ${what}s in \`${limit.param}\` (${[...values].join(', ')}): name one.`);
  return { value: [...values][0]!, ...(read ? { body: read.body } : {}) };
}

/**
 * Argument names a provider's parser might read as `param` too (`channel[]`, ` channel`,
 * `Channel`: PHP-style parsers make arrays of brackets and drop leading spaces): refused, so the
 * value checked is the only one.
 */
function refuseLookalikes(names: readonly string[], param: string): void {
  const odd = names.find((name) => name !== param && name.trim().toLowerCase().startsWith(param.toLowerCase()));
  if (odd !== undefined) throw new BrokerError('bad_request', `The call has an argument \`${odd}\`: only \`${param}\` may name what it reads.`);
}

/** The values of `param` in a JSON or form body (the proxy sends JSON when no type is given), and the body re-written from what was read. */
function readBody(headers: Record<string, string>, body: string, param: string): { names: string[]; values: string[]; body: string } {
  const types = Object.entries(headers).filter(([name]) => name.toLowerCase() === 'content-type');
  if (types.length > 1) throw new BrokerError('bad_request', 'The call gives Content-Type twice.');
  const type = (types[0]?.[1] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(body);
    return { names: [...form.keys()], values: form.getAll(param), body: form.toString() };
  }
  if (type !== 'application/json') throw new BrokerError('bad_request', `Scopekeeper reads \`${param}\` from a JSON or form body only; this one is ${type}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BrokerError('bad_request', 'The body is not JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BrokerError('bad_request', 'The body must be a JSON object.');
  const value = (parsed as Record<string, unknown>)[param];
  if (value !== undefined && typeof value !== 'string') throw new BrokerError('bad_request', `\`${param}\` must be a string.`);
  return { names: Object.keys(parsed), values: value === undefined ? [] : [value], body: JSON.stringify(parsed) };
}

export class ResourceKinds {
  private readonly kept = new Map<string, { answer: Promise<KindAnswer>; until: number }>();

  constructor(
    private readonly fetch: typeof globalThis.fetch,
    private readonly clock: Clock,
    /** How long the provider may take to answer one question. */
    private readonly timeoutMs: number,
  ) {}

  /** Refuses, with what the approval covers, a call whose resource is not of its action's kind. */
  async check(toolName: string, connectionId: string, info: ProviderInfo, action: ActionInfo, resource: string, token: FreshToken, signal: AbortSignal): Promise<void> {
    const limit = action.resourceKind!;
    const lookup = LOOKUPS[info.id];
    const covers = `“${toolName}” may use “${action.title}” for ${limit.name} only`;
    if (!lookup) throw new BrokerError('operation_not_allowed', `Scopekeeper cannot ask ${info.name} what kind ${resource} is: ${covers}.`);
    const answer = await untilAbandoned(this.answer(connectionId, resource, lookup, token), signal);
    if ('unknown' in answer) {
      throw new BrokerError('operation_not_allowed', `${info.name} did not say what kind of ${lookup.what} ${resource} is (${answer.unknown}): ${covers}.`, { reason: answer.unknown });
    }
    if (answer.kind !== limit.kind) {
      throw new BrokerError('operation_not_allowed', `${covers}; ${resource} is ${lookup.describe(answer.kind)}.`, { kind: answer.kind, covers: limit.kind });
    }
  }

  /** The provider's answer for this resource on this connection: kept, being asked, or asked now. */
  private answer(connectionId: string, resource: string, lookup: KindLookup, token: FreshToken): Promise<KindAnswer> {
    const key = `${connectionId}\n${resource}`;
    const now = this.clock.now().getTime();
    const kept = this.kept.get(key);
    if (kept && kept.until > now) return kept.answer;
    this.kept.delete(key);
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    const answer = this.ask(resource, lookup, token);
    const entry = { answer, until: now + KIND_TTL_MS };
    this.kept.set(key, entry);
    const forget = (): void => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    };
    answer.then((a) => ('unknown' in a ? forget() : undefined), forget);
    return answer;
  }

  private async ask(resource: string, lookup: KindLookup, token: FreshToken): Promise<KindAnswer> {
    try {
      return await lookup.kindOf(resource, token, this.fetch, AbortSignal.timeout(this.timeoutMs));
    } catch {
      throw new BrokerError('provider_unreachable', `${lookup.host} could not be reached to learn what kind of ${lookup.what} ${resource} is.`);
    }
  }
}

/** `work`, unless the tool goes away first (the shared question goes on for the others). */
function untilAbandoned<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const gone = (): void => reject(new BrokerError('timeout', 'The tool disconnected before the provider answered.'));
    if (signal.aborted) return gone();
    signal.addEventListener('abort', gone, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', gone));
  });
}
