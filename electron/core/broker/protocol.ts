/**
 * The broker's wire protocol: one JSON object per line (newline-delimited JSON) over a Unix domain
 * socket or a Windows named pipe. Every message is parsed with these schemas; every limit is here.
 * Clients (the `scopekeeper` CLI, `scopekeeper mcp`, any tool) import this file too, so both ends
 * agree on one declaration.
 */
import { z } from 'zod';
import { bodySchemaSchema } from '../../../shared/catalog/body';
import { ACTION_EFFECTS, HTTP_METHODS } from '../../../shared/catalog/types';
import { CodedError } from '../../../shared/codedError';
import { APPROVAL_MODES, type ApprovalMode } from '../../../shared/timeBox';

export const LIMITS = {
  /** One line on the socket, body included. A longer line ends the connection with `too_large`. */
  maxLineBytes: 1024 * 1024,
  /** A request body the broker forwards. */
  maxBodyBytes: 512 * 1024,
  /** A provider's answer the broker returns. */
  maxResponseBytes: 4 * 1024 * 1024,
  maxHeaders: 32,
  maxHeaderValueBytes: 4 * 1024,
  /** Calls of one tool running at once; more wait in line, up to `maxQueuedCallsPerTool`. */
  maxConcurrentCallsPerTool: 8,
  maxQueuedCallsPerTool: 64,
  /** Approval requests waiting for the person at once, all tools together. */
  maxPendingApprovals: 16,
  // How many connections, and how soon `hello`: the endpoint's own budget, broker/limits.ts.
} as const;

/** Refusals a tool can act on. */
export const BROKER_ERROR_CODES = [
  /** No approval for this action on this connection (or no tool secret): ask with `request`. */
  'not_approved',
  /** The person said no. */
  'denied',
  /** The connection lacks a scope the action needs and the person did not add it; or the provider said so. */
  'insufficient_scope',
  /** No approved action covers this method and URL. */
  'operation_not_allowed',
  /** The connection is gone, disconnected, or the provider no longer accepts its grant: reconnect in Scopekeeper. */
  'connection_revoked',
  'bad_request',
  'too_large',
  'timeout',
  /** The tool cancelled the message (`cancel`) before it was answered: a question it asked was withdrawn, nothing granted. */
  'cancelled',
  /** Too many calls or approval requests at once: try again when one has finished. */
  'busy',
  /** The provider could not be reached. */
  'provider_unreachable',
  /** The person paused tools in Scopekeeper (its menu or window): nothing new is answered until they resume them. */
  'paused',
  /** The managed policy on this machine does not allow it (a blocked scope or provider, no token handout, a longer approval). */
  'blocked_by_policy',
  'internal',
] as const;
export type BrokerErrorCode = (typeof BROKER_ERROR_CODES)[number];

export const brokerErrorSchema = z.object({
  code: z.enum(BROKER_ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type BrokerErrorBody = z.infer<typeof brokerErrorSchema>;

/** Thrown inside the broker and sent as `{ ok: false, error }`. */
export class BrokerError extends CodedError<BrokerErrorCode> {
  override readonly name = 'BrokerError';
}

const id = z.string().min(1).max(200);
/** A tool's name as the person sees it in the approval dialog. */
export const toolNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, spaces, dots, dashes and underscores');
/** 32 random bytes, base64url: what the broker issues at the first approval. */
export const toolSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/);
const headerValue = z.string().max(LIMITS.maxHeaderValueBytes).regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'no control characters');

/**
 * One resource a tool names for its approval: values of the path parameters that name it at the
 * provider (`{"owner":"octo","repo":"hello"}`). A value is one path segment as the person reads
 * it: no slash, backslash, percent sign, `?`, `#`, space or control character, and not `.`/`..`.
 */
export const resourceSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\%?#\s\p{Cc}]+$/u, 'one path segment, not percent-encoded')
      .refine((v) => v !== '.' && v !== '..', 'not a dot segment'),
  )
  .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 4, 'one to four parameters');
export type Resource = z.infer<typeof resourceSchema>;

/** Where a tool keeps its secret, in its own word: the OS keychain, or a file only its user can read. */
export const SECRET_STORES = ['keychain', 'file'] as const;
export const helloParams = z.strictObject({ tool: toolNameSchema, secret: toolSecretSchema.optional(), secretStore: z.enum(SECRET_STORES).optional() });
export const requestParams = z
  .strictObject({
    /** A connection the tool knows, or… */
    connectionId: id.optional(),
    /** …"an account of this provider": the person picks one in the dialog… */
    providerId: id.optional(),
    /** …or a remote MCP server by the person's name for it (shared/mcpServerNames.ts): its connection, or the person picks one. */
    server: z.string().trim().min(1).max(200).optional(),
    /** Action ids (an MCP server's tool names); with `server` only, left out: every tool the server lists now. */
    actions: z.array(id).min(1).max(20).optional(),
    /** Shown to the person: why the tool asks. */
    reason: z.string().trim().max(300).optional(),
    /** Ask also for the permission to receive short-lived access tokens (off unless asked and allowed). */
    tokenHandout: z.boolean().optional(),
    /** The one resource it will work on (`{"owner":"octo","repo":"hello"}`): the person may limit the approval to it. */
    resource: resourceSchema.optional(),
  })
  .refine((p) => [p.connectionId, p.providerId, p.server].filter((named) => named !== undefined).length === 1, 'name one of connectionId, providerId or server')
  .refine((p) => p.actions !== undefined || p.server !== undefined, { message: 'name the actions', path: ['actions'] });
export const callParams = z.strictObject({
  connectionId: id,
  action: id,
  method: z.enum(HTTP_METHODS),
  /** A path on the action's API host (`/api/messages`), or a full https URL on it. */
  path: z.string().min(1).max(2048),
  query: z.record(z.string().max(200), z.union([z.string().max(2048), z.array(z.string().max(2048)).max(50)])).optional(),
  headers: z.record(headerName, headerValue).optional(),
  /** The request body, as text (JSON is sent as its text with Content-Type: application/json). */
  body: z.string().optional(),
});
export const tokenParams = z.strictObject({ connectionId: id, action: id });
/** An MCP tool's name as Scopekeeper keeps it (the MCP spec's recommended form). */
export const remoteToolNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/);
/** Calls one tool of a connection on a remote MCP server, with Scopekeeper's token (the tool never sees it). */
export const toolCallParams = z.strictObject({
  connectionId: id,
  tool: remoteToolNameSchema,
  arguments: z.record(z.string(), z.unknown()).optional(),
});
/** The `id` of an earlier `request` or `call` on this connection that the tool no longer waits for. */
export const cancelParams = z.strictObject({ id: z.number().int().nonnegative() });

export const requestMessageSchema = z.discriminatedUnion('method', [
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('hello'), params: helloParams }),
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('list'), params: z.strictObject({}).optional() }),
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('request'), params: requestParams }),
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('call'), params: callParams }),
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('token'), params: tokenParams }),
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('tool-call'), params: toolCallParams }),
  z.strictObject({ id: z.number().int().nonnegative(), method: z.literal('cancel'), params: cancelParams }),
]);
export type RequestMessage = z.infer<typeof requestMessageSchema>;
export type CallParams = z.infer<typeof callParams>;
export type ToolCallParams = z.infer<typeof toolCallParams>;
export type RequestParams = z.infer<typeof requestParams>;
/** A `request` as the broker looks it up: a connection or a provider, the actions named (a `server` resolved, remoteActions.ts). */
export type TargetParams = Omit<RequestParams, 'server' | 'actions'> & {
  actions: string[];
  /** The connections the person may pick from, when a server has several (else all of the provider's). */
  only?: string[];
};

export { APPROVAL_MODES, type ApprovalMode };

export const helloResult = z.object({ tool: z.string(), known: z.boolean() });
export const listResult = z.object({
  connections: z.array(
    z.object({
      id,
      providerId: id,
      providerName: z.string(),
      account: z.string(),
      state: z.enum(['connected', 'disconnected']),
      actions: z.array(
        z.object({
          id,
          title: z.string(),
          mode: z.enum(APPROVAL_MODES),
          expiresAt: z.iso.datetime().optional(),
          /** False when the connection lacks a scope it needs (a call will offer to add it). */
          available: z.boolean(),
          /** This approval also lets the tool receive access tokens (`token`) for it. */
          tokenHandout: z.boolean(),
          /** The approval covers only calls naming this resource (the values of those path parameters). */
          resource: resourceSchema.optional(),
          /** Templates of the operations it covers: `GET http://127.0.0.1:4890/api/files/{fileId}`, with the body each takes where the catalog knows it. */
          operations: z.array(z.object({ method: z.enum(HTTP_METHODS), url: z.string(), body: bodySchemaSchema.optional() })),
          /** Set when it sends, deletes or shares (the catalog's `effect`; for an MCP tool, its annotations). */
          effect: z.enum(ACTION_EFFECTS).optional(),
          /** An MCP server's tool (call it with `tool-call`): what the server says of it, as it said it. */
          tool: z
            .object({
              description: z.string().optional(),
              inputSchema: z.record(z.string(), z.unknown()),
              annotations: z.record(z.string(), z.boolean()).optional(),
            })
            .optional(),
        }),
      ),
      /** The connection is on a remote MCP server: the person's name for it. */
      mcpServer: z.object({ name: z.string() }).optional(),
    }),
  ),
  /** Some approval listed comes with the token handout. */
  tokenHandout: z.boolean(),
});
export type ListResult = z.infer<typeof listResult>;
export const requestResult = z.object({
  connectionId: id,
  actions: z.array(id),
  mode: z.enum(APPROVAL_MODES),
  expiresAt: z.iso.datetime().optional(),
  /** The person limited the approval to the resource the tool named; absent: it covers any. */
  resource: resourceSchema.optional(),
  /** Issued at the tool's first approval only: keep it (mode 0600) and present it in `hello`. */
  secret: toolSecretSchema.optional(),
});
export type RequestResult = z.infer<typeof requestResult>;
export const callResult = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type CallResult = z.infer<typeof callResult>;
/**
 * `cancelled: true`: the message was still waiting and is withdrawn (its own answer, `cancelled`,
 * follows); `false`: nothing of this connection's with that id was waiting (unknown, or answered).
 */
export const cancelResult = z.object({ cancelled: z.boolean() });
export type CancelResult = z.infer<typeof cancelResult>;
export const tokenResult = z.object({ accessToken: z.string(), tokenType: z.string(), expiresAt: z.number().optional() });
/** A remote MCP tool's answer, as the server gave it (MCP `CallToolResult`). */
export const toolCallResult = z.object({
  content: z.array(z.record(z.string(), z.unknown())),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
});
export type ToolCallResult = z.infer<typeof toolCallResult>;

export const responseMessageSchema = z.union([
  z.object({ id: z.number().int().nullable(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int().nullable(), ok: z.literal(false), error: brokerErrorSchema }),
  /** Pushed: what the tool may use changed (an approval was added, expired or revoked). */
  z.object({ event: z.literal('approvals-changed') }),
]);
export type ResponseMessage = z.infer<typeof responseMessageSchema>;
