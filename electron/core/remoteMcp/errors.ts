import { CodedError } from '../../../shared/codedError';

/**
 * What can go wrong talking to a remote MCP server, each a code the broker and the window act on:
 * - `sign_in_again`: the server answered 401 (the token is no longer accepted, or it wants one now);
 * - `insufficient_scope`: 403 with `error="insufficient_scope"`; `details.scopes` are the scopes it
 *   asked for (the MCP spec's step-up challenge);
 * - `forbidden`: another 403;
 * - `redirected`: the server answered with a redirect Scopekeeper does not follow;
 * - `too_large`: an answer (or one streamed message) beyond the size limit;
 * - `timeout`, `unreachable`, `server_error`: what they say; `bad_tool`: no such tool listed.
 */
export const REMOTE_MCP_ERROR_CODES = ['sign_in_again', 'insufficient_scope', 'forbidden', 'redirected', 'too_large', 'timeout', 'unreachable', 'server_error', 'bad_tool'] as const;
export type RemoteMcpErrorCode = (typeof REMOTE_MCP_ERROR_CODES)[number];

export class RemoteMcpError extends CodedError<RemoteMcpErrorCode> {
  override readonly name = 'RemoteMcpError';
}

/** The scopes a 403 insufficient_scope asked for; empty for any other error. */
export function scopesAsked(error: unknown): string[] {
  if (!(error instanceof RemoteMcpError) || error.code !== 'insufficient_scope') return [];
  const scopes = error.details?.scopes;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}
