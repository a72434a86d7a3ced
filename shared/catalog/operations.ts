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
  return unsafeSegments(pathname, pathname.split('/').slice(1));
}

function unsafeSegments(pathname: string, segments: readonly string[]): string | undefined {
  if (/%2f|%5c|\\/i.test(pathname)) return 'The path contains an encoded slash or a backslash.';
  if (segments.some((segment) => segment === '')) return 'The path contains an empty segment.';
  return undefined;
}

/** A request URL as matching reads it, read once however many templates it is held against. */
interface RequestShape {
  origin: string;
  segments: readonly string[];
  unsafe: string | undefined;
}

function shapeOf(url: URL, origin: string = url.origin): RequestShape {
  const pathname = url.pathname;
  const segments = pathname.split('/').slice(1);
  return { origin, segments, unsafe: unsafeSegments(pathname, segments) };
}

function shapeMatches(template: string, shape: RequestShape): boolean {
  const parsed = parseTemplate(template);
  if (shape.origin !== parsed.origin || shape.unsafe !== undefined || shape.segments.length !== parsed.segments.length) return false;
  return parsed.segments.every((expected, i) => (PARAM.test(expected) ? shape.segments[i]!.length > 0 : shape.segments[i] === expected));
}

/** True when `url` (query ignored) is an instance of the template. */
export function templateMatches(template: string, url: URL): boolean {
  return shapeMatches(template, shapeOf(url));
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
  return matchShape(operations, method, shapeOf(url));
}

function matchShape(operations: readonly OperationInfo[], method: string, shape: RequestShape): OperationInfo | undefined {
  const upper = method.toUpperCase() as HttpMethod;
  return operations.find((op) => op.method === upper && shapeMatches(op.url, shape));
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
  return resolveOperation(operations, method, target).url;
}

/**
 * `resolveOperationUrl` and the operation it is, read in one pass (the broker does this on every
 * call): `unsafe` says why a full URL cannot be matched; a relative path that matches nowhere
 * has no `url`.
 */
export function resolveOperation(operations: readonly OperationInfo[], method: string, target: string): { url?: URL; operation?: OperationInfo; unsafe?: string } {
  if (/^https?:\/\//i.test(target)) {
    const url = new URL(target);
    const shape = shapeOf(url);
    if (shape.unsafe !== undefined) return { url, unsafe: shape.unsafe };
    const operation = matchShape(operations, method, shape);
    return operation ? { url, operation } : { url };
  }
  if (!target.startsWith('/')) return {};
  for (const origin of new Set(operations.map((op) => parseTemplate(op.url).origin))) {
    const url = new URL(target, origin);
    // `new URL('//evil.example/x', origin)` would change host: only same-origin results count.
    if (url.origin !== origin) continue;
    const operation = matchShape(operations, method, shapeOf(url, origin));
    if (operation) return { url, operation };
  }
  return {};
}
