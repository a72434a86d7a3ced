import type { ActionInfo, OperationInfo, ProviderInfo, LimitableResource } from '../../../shared/catalog';
import { parseTemplate, templateParams } from '../../../shared/catalog/operations';
import { BrokerError, type Resource } from './protocol';

/**
 * An approval limited to one resource the provider's URLs name with path parameters (a GitHub
 * repository `{owner}/{repo}`, a Google calendar `{calendarId}`, a Sandbox file `{fileId}`): the
 * catalog declares which (`ProviderInfo.resources`) and how the provider compares the values.
 * Checked on each call inside the synchronous admission (callPipeline.ts), so a burst of calls
 * cannot slip past; an operation that names no such resource (`GET /user/repos`) is outside it.
 *
 * Values are compared as the provider reads the URL: each segment percent-decoded (the URL parser
 * has already resolved `.`/`..` and its encoded forms; encoded slashes are refused by
 * operations.ts), then exactly, or with ASCII letters folded where the provider documents names as
 * case-insensitive (GitHub). A segment that does not decode is never the resource.
 */

/** What the dialog and the Tools view say: "Only octo/hello", "Any repository". */
export interface ResourceLimitView {
  label: string;
  noun: string;
}

/** The declared kind whose parameters are exactly the ones `resource` names. */
function kindOf(info: ProviderInfo, resource: Resource): LimitableResource | undefined {
  const names = Object.keys(resource).sort();
  return info.resources?.find((kind) => kind.params.length === names.length && [...kind.params].sort().every((p, i) => p === names[i]));
}

function label(params: readonly string[], resource: Resource): string {
  return params.map((p) => resource[p] ?? '').join('/');
}

/** Whether the operation's URL template has every parameter of the kind. */
function names(operation: OperationInfo, kind: LimitableResource): boolean {
  const segments = parseTemplate(operation.url).segments;
  return kind.params.every((p) => segments.includes(`{${p}}`));
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A parameter as the URL spells it names `value`, compared as the provider compares it. */
function sameValue(kind: LimitableResource, sent: string, value: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(sent);
  } catch {
    return false;
  }
  return kind.caseInsensitive ? asciiLower(decoded) === asciiLower(value) : decoded === value;
}

/**
 * A tool's `request` names `resource` for `actions`: what the dialog offers, or a `bad_request`
 * before the person is asked when the provider declares no such resource or an action never
 * names one.
 */
export function requestedLimit(info: ProviderInfo, actions: readonly ActionInfo[], resource: Resource): ResourceLimitView {
  const kind = kindOf(info, resource);
  if (!kind) {
    const known = (info.resources ?? []).map((k) => `one ${k.noun} (${k.params.map((p) => `{${p}}`).join(', ')})`);
    const sentence = known.length
      ? `${info.name} approvals can be limited only to ${known.join(' or ')}.`
      : `${info.name} approvals cannot be limited to one resource: its URLs name none Scopekeeper can check.`;
    throw new BrokerError('bad_request', sentence, { resources: (info.resources ?? []).map((k) => k.params) });
  }
  for (const action of actions) {
    if (!(action.operations ?? []).some((op) => names(op, kind))) {
      throw new BrokerError('bad_request', `“${action.title}” names no ${kind.noun} in its URLs, so it cannot be limited to one. Ask for it separately.`);
    }
  }
  return { label: label(kind.params, resource), noun: kind.noun };
}

/** How the Tools view shows an approval's limit (also when the catalog no longer declares its kind). */
export function limitView(info: ProviderInfo | undefined, resource: Resource): ResourceLimitView {
  const kind = info && kindOf(info, resource);
  return kind ? { label: label(kind.params, resource), noun: kind.noun } : { label: label(Object.keys(resource), resource), noun: 'resource' };
}

/**
 * Refuses (`operation_not_allowed`) a call of `operation` on `url` outside the approval's limit.
 * Synchronous: part of the admission.
 */
export function checkLimit(info: ProviderInfo, resource: Resource | undefined, operation: OperationInfo, method: string, url: URL): void {
  if (!resource) return;
  const kind = kindOf(info, resource);
  const sent = templateParams(operation.url, url) ?? {};
  if (kind && kind.params.every((p) => Object.hasOwn(sent, p) && sameValue(kind, sent[p]!, resource[p]!))) return;
  const { label: allowed, noun } = limitView(info, resource);
  const why = kind && kind.params.every((p) => Object.hasOwn(sent, p)) ? `is for another ${noun}` : `names no ${noun}`;
  throw new BrokerError('operation_not_allowed', `This approval covers only the ${noun} ${allowed}; ${method} ${url.pathname} ${why}.`, { resource: allowed });
}
