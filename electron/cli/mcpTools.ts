import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { bodyValidator } from '../../shared/catalog/body';
import { matchOperation, resolveOperationUrl } from '../../shared/catalog/operations';
import type { BodySchema, HttpMethod } from '../../shared/catalog/types';
import type { CallParams, ListResult } from '../core/broker/protocol';

/**
 * The MCP tools made of what a tool may use (the broker's `list`): one per approved action on one
 * connection, with a name every MCP host and model API accepts, the annotations its operations
 * imply, and an input schema that is checked before anything reaches the broker.
 */

type Connection = ListResult['connections'][number];
type Action = Connection['actions'][number];
type Operation = Action['operations'][number];

/** What hosts and model APIs accept in a tool name (the strictest common rule). */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_NAME = 64;

export const STATUS_TOOL = 'scopekeeper_status';
export const REQUEST_TOOL = 'scopekeeper_request_access';

export interface ActionTool {
  tool: Tool;
  connectionId: string;
  action: string;
  operations: Operation[];
}

const BODY_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH'];
const takesBody = (op: Operation) => BODY_METHODS.includes(op.method);
const hasPlaceholder = (op: Operation) => op.url.includes('{');

/** `base` cut so that `suffix` fits within the length limit. */
function fit(base: string, suffix: string): string {
  return base.slice(0, MAX_NAME - suffix.length) + suffix;
}

/** A short suffix per connection of a provider with several, from its id: stable while the connection lives. */
function accountSuffixes(connections: Connection[]): Map<string, string> {
  const suffixes = new Map<string, string>();
  const byProvider = new Map<string, Connection[]>();
  for (const c of connections) byProvider.set(c.providerId, [...(byProvider.get(c.providerId) ?? []), c]);
  for (const group of byProvider.values()) {
    if (group.length < 2) continue;
    const plain = group.map((c) => c.id.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
    let length = 6;
    while (length < 32 && new Set(plain.map((p) => p.slice(0, length))).size < group.length) length += 2;
    group.forEach((c, i) => suffixes.set(c.id, `_${plain[i]!.slice(0, length)}`));
  }
  return suffixes;
}

/** MCP hints from what the operations do (HTTP method semantics) and the catalog's `effect`. */
export function annotationsOf(action: Pick<Action, 'operations' | 'effect'>, title: string): ToolAnnotations {
  const methods = new Set(action.operations.map((op) => op.method));
  const readOnly = [...methods].every((m) => m === 'GET');
  return {
    title,
    readOnlyHint: readOnly,
    // Changing or removing what exists is destructive; only adding (POST) is not, unless the catalog says it destroys.
    destructiveHint: !readOnly && (action.effect === 'destroys' || [...methods].some((m) => m === 'PUT' || m === 'PATCH' || m === 'DELETE')),
    idempotentHint: [...methods].every((m) => m !== 'POST' && m !== 'PATCH'),
    // Reaching people beyond the account (sending, sharing) is the open world; the person's own data is not.
    openWorldHint: action.effect === 'sends' || action.effect === 'shares',
  };
}

function bodyProperty(operations: Operation[]): Record<string, unknown> | undefined {
  const withBody = operations.filter(takesBody);
  if (withBody.length === 0) return undefined;
  const described = withBody.filter((op): op is Operation & { body: BodySchema } => op.body !== undefined);
  const forOp = (op: Operation) => `The JSON body of ${op.method} ${op.url}.`;
  if (described.length < withBody.length) return { description: `The request body (JSON). ${withBody.map(forOp).join(' ')}` };
  if (described.length === 1) return { ...described[0]!.body, description: forOp(described[0]!) };
  return { anyOf: described.map((op) => ({ ...op.body, description: forOp(op) })), description: 'The JSON body of the operation called.' };
}

function inputSchema(operations: Operation[]): Tool['inputSchema'] {
  const methods = [...new Set(operations.map((op) => op.method))];
  const body = bodyProperty(operations);
  const required = [
    ...(operations.every(hasPlaceholder) ? ['path'] : []),
    ...(operations.every((op) => takesBody(op) && op.body && op.body.required.length > 0) ? ['body'] : []),
  ];
  return {
    type: 'object',
    properties: {
      method: { type: 'string', enum: methods, description: 'The HTTP method; may be left out when the path and body say which operation.' },
      path: { type: 'string', description: `The path (or full URL) of one operation, placeholders filled in; may be left out for one without placeholders. Operations: ${operations.map((op) => `${op.method} ${op.url}`).join('; ')}.` },
      query: { type: 'object', description: 'Query parameters.', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
      ...(body ? { body } : {}),
    },
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

function describe(connection: Connection, action: Action): string {
  const effect = action.effect ? ` It ${action.effect === 'sends' ? 'sends in the person’s name' : action.effect === 'destroys' ? 'can change or delete their data' : 'shares their data with others'}: the person may be asked to confirm each call in Scopekeeper.` : '';
  const missing = action.available ? '' : ' The account lacks a permission it needs: a call asks the person to add it.';
  return `${action.title}, on the ${connection.providerName} account ${connection.account}, through Scopekeeper.${effect}${missing} Answers with the provider’s response body.`;
}

/** The tools for every approved action that is an API call; names unique, at most 64 characters. */
export function actionTools(listed: ListResult): ActionTool[] {
  const taken = new Set([STATUS_TOOL, REQUEST_TOOL]);
  const suffixes = accountSuffixes(listed.connections);
  return listed.connections.flatMap((connection) =>
    connection.actions
      .filter((action) => action.operations.length > 0)
      .map((action) => {
        const base = `${connection.providerId}_${action.id}`.replace(/[^A-Za-z0-9_]/g, '_');
        const suffix = suffixes.get(connection.id) ?? '';
        let name = fit(base, suffix);
        for (let n = 2; taken.has(name); n++) name = fit(base, `${suffix}_${n}`);
        taken.add(name);
        const title = `${action.title} (${connection.providerName}: ${connection.account})`;
        return {
          tool: { name, title, description: describe(connection, action), inputSchema: inputSchema(action.operations), annotations: annotationsOf(action, title) },
          connectionId: connection.id,
          action: action.id,
          operations: action.operations,
        };
      }),
  );
}

/** Zod's issues as one sentence naming each field (`body.to: …`). */
export function issuesText(error: z.ZodError, prefix?: string): string {
  return error.issues.map((i) => `${[prefix, ...i.path].filter((p) => p !== undefined).join('.') || 'arguments'}: ${i.message}`).join('; ');
}

const queryValue = z.union([z.string(), z.array(z.string())]);

/** True when `path` (relative, or a full URL) is an instance of the operation's template. */
function pathFits(op: Operation, path: string): boolean {
  const url = resolveOperationUrl([op], op.method, path);
  return url !== undefined && matchOperation([op], op.method, url) !== undefined;
}

/** Which of the tool's operations the arguments name, or why none or several. */
function pickOperation(target: ActionTool, method: HttpMethod | undefined, path: string | undefined, hasBody: boolean): Operation | string {
  let candidates = target.operations.filter((op) => (method === undefined || op.method === method) && (path === undefined ? !hasPlaceholder(op) : pathFits(op, path)));
  if (candidates.length > 1) candidates = candidates.filter((op) => takesBody(op) === hasBody);
  if (candidates.length === 1) return candidates[0]!;
  const covered = target.operations.map((op) => `${op.method} ${op.url}`).join('; ');
  if (candidates.length === 0) return `No operation of this tool is ${method ?? 'any method'} ${path ?? '(no path)'}; it covers: ${covered}.`;
  return `Say which operation with method and path; this tool covers: ${covered}.`;
}

/** The broker `call` the arguments make, or a sentence saying which argument is wrong (nothing is sent then). */
export function prepareCall(target: ActionTool, args: Record<string, unknown>): { params: CallParams } | { problem: string } {
  const methods = [...new Set(target.operations.map((op) => op.method))] as [HttpMethod, ...HttpMethod[]];
  const parsed = z
    .strictObject({ method: z.enum(methods).optional(), path: z.string().min(1).optional(), query: z.record(z.string(), queryValue).optional(), body: z.unknown().optional() })
    .safeParse(args);
  if (!parsed.success) return { problem: issuesText(parsed.error) };
  const { method, path, query, body } = parsed.data;
  const op = pickOperation(target, method, path, body !== undefined);
  if (typeof op === 'string') return { problem: op };
  if (!takesBody(op) && body !== undefined) return { problem: `body: ${op.method} ${op.url} takes no body.` };
  if (op.body) {
    const checked = bodyValidator(op.body).safeParse(body);
    if (!checked.success) return { problem: issuesText(checked.error, 'body') };
  }
  return {
    params: {
      connectionId: target.connectionId,
      action: target.action,
      method: op.method,
      path: path ?? new URL(op.url).pathname,
      ...(query ? { query } : {}),
      ...(body !== undefined ? { body: typeof body === 'string' && !op.body ? body : JSON.stringify(body) } : {}),
    },
  };
}
