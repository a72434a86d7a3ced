import type { ActionInfo } from '../../../shared/catalog';
import { RemoteMcpError } from '../remoteMcp/errors';
import type { RemoteToolInfo, RemoteTools } from '../remoteMcp/remoteTools';
import { serverNamesMatching } from '../../../shared/mcpServerNames';
import { BrokerError, type BrokerErrorCode, type RequestParams, type TargetParams } from './protocol';
import { asBrokerError } from './refusal';

/**
 * A remote MCP server's tools as the broker's actions: an approval names the tool (its name is the
 * action id), the person's confirmation follows its annotations, and what it needs is what the
 * server asked for when it refused a call.
 */

export const NO_MCP_HANDOUT =
  'Scopekeeper does not hand out tokens for MCP servers: the token is bound to the server and stays in Scopekeeper. Call the tool through Scopekeeper instead (`tool-call`, or `scopekeeper mcp`).';

/**
 * Whether a tool may change or delete things, by the MCP spec's defaults: destructive unless it
 * says it only reads (`readOnlyHint`) or that its changes are not destructive (`destructiveHint:
 * false`). A server's word is a hint, so an unannotated tool counts as destructive.
 */
export function isDestructive(tool: Pick<RemoteToolInfo, 'annotations'>): boolean {
  return tool.annotations?.readOnlyHint !== true && tool.annotations?.destructiveHint !== false;
}

/** The tool as an action: its name is the id; a destructive one "destroys" (confirmed on each call of a standing approval). */
export function toolAction(tool: RemoteToolInfo): ActionInfo {
  return {
    id: tool.name,
    title: tool.title ?? tool.name,
    scopes: tool.neededScopes ?? [],
    ...(isDestructive(tool) ? { effect: 'destroys' as const } : {}),
  };
}

const CODES: Record<RemoteMcpError['code'], BrokerErrorCode> = {
  sign_in_again: 'connection_revoked',
  insufficient_scope: 'insufficient_scope',
  forbidden: 'operation_not_allowed',
  redirected: 'provider_unreachable',
  too_large: 'too_large',
  timeout: 'timeout',
  unreachable: 'provider_unreachable',
  server_error: 'provider_unreachable',
  bad_tool: 'bad_request',
};

/** A failure talking to the server as the refusal a tool can act on. */
export function remoteRefusal(error: unknown): BrokerError {
  if (error instanceof RemoteMcpError) return new BrokerError(CODES[error.code], error.message, error.details);
  if (error instanceof Error && error.name === 'AbortError') return new BrokerError('cancelled', 'The call was cancelled before the MCP server answered.');
  return asBrokerError(error);
}

/** The most tools one `request` naming a server and no tools asks for (its whole list). */
const MAX_ALL_TOOLS = 64;

/**
 * A `request` naming an MCP server by the person's name for it (`server`) as the connection it
 * means, or (several) its connections for the person to pick from; no tools named: every tool it
 * lists now. A name no connection's server has is refused without naming the servers there are.
 */
export async function namedServer(remote: RemoteTools | undefined, params: RequestParams): Promise<TargetParams> {
  const { server: asked, actions, ...rest } = params;
  if (asked === undefined) return { ...rest, actions: actions ?? [] };
  const all = remote?.connections() ?? [];
  const names = serverNamesMatching(
    all.map(({ server }) => server.name),
    asked,
  );
  const on = all.filter(({ server }) => names.has(server.name));
  if (!remote || on.length === 0) throw new BrokerError('bad_request', `Scopekeeper has no connected MCP server named “${asked}”.`);
  if (new Set(on.map(({ server }) => server.providerId)).size > 1) {
    throw new BrokerError('bad_request', `More than one MCP server here is named like “${asked}”: give its name exactly as the person wrote it.`);
  }
  const ids = on.map(({ connectionId }) => connectionId);
  const target = ids.length === 1 ? { ...rest, connectionId: ids[0]! } : { ...rest, providerId: on[0]!.server.providerId, only: ids };
  return { ...target, actions: actions ?? (await everyTool(remote, ids, on[0]!.server.name)) };
}

/** The names of the tools these connections' server lists now (those that can answer), each once. */
async function everyTool(remote: RemoteTools, connectionIds: readonly string[], serverName: string): Promise<string[]> {
  const names = new Set((await listTools(remote, connectionIds)).flatMap((tools) => tools.map((t) => t.name)));
  if (names.size === 0) throw new BrokerError('bad_request', `${serverName} lists no tools now.`);
  if (names.size > MAX_ALL_TOOLS) throw new BrokerError('bad_request', `${serverName} lists ${names.size} tools: name the ones you need (up to 20 at a time).`);
  return [...names];
}

/** Each connection's tools as its server lists them; one that cannot answer lists none, unless none can (its refusal). */
async function listTools(remote: RemoteTools, connectionIds: readonly string[]): Promise<RemoteToolInfo[][]> {
  const listed = await Promise.allSettled(connectionIds.map((connectionId) => remote.tools(connectionId)));
  const failed = listed.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed && listed.every((r) => r.status === 'rejected')) throw remoteRefusal(failed.reason);
  return listed.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

/**
 * Before a `request` is checked: the tools of the MCP server(s) it names are listed (so each named
 * tool can be found), and a token handout for one is refused.
 */
export async function prepareRequest(remote: RemoteTools | undefined, params: TargetParams): Promise<void> {
  if (!remote) return;
  const named = remote
    .connections()
    .filter(({ connectionId, server }) => connectionId === params.connectionId || (server.providerId === params.providerId && (params.only?.includes(connectionId) ?? true)))
    .map(({ connectionId }) => connectionId);
  if (named.length === 0) return;
  if (params.tokenHandout === true) throw new BrokerError('bad_request', NO_MCP_HANDOUT);
  // One server that cannot list its tools does not stop the others (the person picks among them).
  await listTools(remote, named);
}

/** Lists the tools of the MCP servers among these connections (each as it can: one that cannot answer lists none). */
export async function listRemoteTools(remote: RemoteTools | undefined, connectionIds: readonly string[]): Promise<void> {
  if (!remote) return;
  await Promise.allSettled(connectionIds.filter((id) => remote.serverFor(id)).map((id) => remote.tools(id)));
}

/** What the broker's `list` says of a remote tool: its description, input schema and annotations, as the server gave them. */
export function listedTool(tool: RemoteToolInfo): { description?: string; inputSchema: Record<string, unknown>; annotations?: Record<string, boolean> } {
  return {
    ...(tool.description ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema as Record<string, unknown>,
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
  };
}
