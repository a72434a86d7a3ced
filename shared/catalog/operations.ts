import type { ActionInfo, HttpMethod, OperationInfo } from './types';

/**
 * Matching a request against the operations an action declares. Pure string work on WHATWG URLs
 * (no Node), so the catalog tests, the broker and the window read templates the same way.
 */

const PARAM = /^\{[A-Za-z][A-Za-z0-9_]*\}$/;

interface ParsedTemplate {
  origin: string;
  segments: readonly string[];
}

const parsedTemplates = new Map<string, ParsedTemplate>();

/** A template's origin and path segments; throws on a template that is not an absolute https/http URL. */
export function parseTemplate(template: string): ParsedTemplate {
  let parsed = parsedTemplates.get(template);
  if (!parsed) {
    parsed = readTemplate(template);
    parsedTemplates.set(template, parsed);
  }
  return parsed;
}

function readTemplate(template: string): ParsedTemplate {
  // `{` and `}` are percent-encoded by URL parsing; parse a copy with plain placeholders.
  const url = new URL(template.replace(/\{([A-Za-z0-9_]+)\}/g, '__param_$1__'));
  if (url.search !== '' || url.hash !== '') throw new Error(`An operation's URL has no query or fragment: ${template}`);
  const segments = url.pathname
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/^__param_([A-Za-z0-9_]+)__$/, '{$1}'));
  return { origin: url.origin, segments };
}

/**
 * Why a request path cannot be matched safely, or undefined when it can. Encoded slashes and
 * backslashes would let one `{param}` segment stand for several on the provider's side.
 */
export function unsafePath(pathname: string): string | undefined {
  if (/%2f|%5c|\\/i.test(pathname)) return 'The path contains an encoded slash or a backslash.';
  if (pathname.split('/').slice(1).some((segment) => segment === '')) return 'The path contains an empty segment.';
  return undefined;
}

/** True when `url` (query ignored) is an instance of the template. */
export function templateMatches(template: string, url: URL): boolean {
  const parsed = parseTemplate(template);
  if (url.origin !== parsed.origin || unsafePath(url.pathname) !== undefined) return false;
  const segments = url.pathname.split('/').slice(1);
  if (segments.length !== parsed.segments.length) return false;
  return parsed.segments.every((expected, i) => (PARAM.test(expected) ? segments[i]!.length > 0 : segments[i] === expected));
}

/**
 * The path parameters of `template` as `url` (an instance of it) spells them: each segment as
 * sent, still percent-encoded. Undefined when `url` is no instance of the template.
 */
export function templateParams(template: string, url: URL): Record<string, string> | undefined {
  if (!templateMatches(template, url)) return undefined;
  const segments = url.pathname.split('/').slice(1);
  const params: Record<string, string> = {};
  parseTemplate(template).segments.forEach((expected, i) => {
    if (PARAM.test(expected)) params[expected.slice(1, -1)] = segments[i]!;
  });
  return params;
}

/** The operation of `operations` that `method` on `url` is, if any. */
export function matchOperation(operations: readonly OperationInfo[], method: string, url: URL): OperationInfo | undefined {
  const upper = method.toUpperCase() as HttpMethod;
  return operations.find((op) => op.method === upper && templateMatches(op.url, url));
}

/** The action among `actions` that covers `method` on `url`. */
export function actionCovering(actions: readonly ActionInfo[], method: string, url: URL): ActionInfo | undefined {
  return actions.find((action) => matchOperation(action.operations ?? [], method, url) !== undefined);
}

/**
 * Where a tool's relative path goes: the origin of the action's operations whose path shape fits.
 * A tool may send a full URL instead; it must then be on one of those origins.
 */
export function resolveOperationUrl(operations: readonly OperationInfo[], method: string, target: string): URL | undefined {
  if (/^https?:\/\//i.test(target)) return new URL(target);
  if (!target.startsWith('/')) return undefined;
  for (const origin of new Set(operations.map((op) => parseTemplate(op.url).origin))) {
    const url = new URL(target, origin);
    // `new URL('//evil.example/x', origin)` would change host: only same-origin results count.
    if (url.origin === origin && matchOperation(operations, method, url)) return url;
  }
  return undefined;
}
