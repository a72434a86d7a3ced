import type { RemoteToolsView } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { CodedError } from '../../../shared/codedError';
import { RemoteMcpError } from './errors';
import type { RemoteTools } from './remoteTools';

/**
 * `remote:tools`: what a connection's MCP server offers, listed through Scopekeeper's own session,
 * for the connection's detail. Read-only and destructive follow the MCP spec's defaults (a tool is
 * destructive unless it says it only reads or that it is not).
 */
export async function remoteToolsView(remote: RemoteTools | undefined, connectionId: string): Promise<RemoteToolsView> {
  const server = remote?.serverFor(connectionId);
  if (!remote || !server) throw new ScopekeeperError('INVALID_REQUEST', 'This connection is not on an MCP server.');
  let tools;
  try {
    tools = await remote.tools(connectionId);
  } catch (error) {
    throw asAppError(error);
  }
  return {
    connectionId,
    serverName: server.name,
    tools: tools.map((tool) => {
      const readOnly = tool.annotations?.readOnlyHint === true;
      return {
        name: tool.name,
        ...(tool.title ? { title: tool.title } : {}),
        ...(tool.description ? { description: tool.description } : {}),
        readOnly,
        destructive: !readOnly && tool.annotations?.destructiveHint !== false,
        ...(tool.neededScopes ? { neededScopes: tool.neededScopes } : {}),
      };
    }),
  };
}

function asAppError(error: unknown): unknown {
  if (error instanceof RemoteMcpError) {
    if (error.code === 'sign_in_again') return new ScopekeeperError('CONNECTION_REVOKED', error.message);
    return new ScopekeeperError('PROVIDER_UNREACHABLE', error.message);
  }
  return error instanceof CodedError ? error : new ScopekeeperError('INTERNAL', 'The MCP server’s tools could not be listed.');
}
