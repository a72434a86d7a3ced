/**
 * A remote MCP server (resourceServer.ts) whose authorization server is the Sandbox, for core and
 * CLI unit tests of what Scopekeeper does with an MCP server's tools: the server accepts the
 * Sandbox's access tokens (checked by the Sandbox's RFC 7662 introspection, with the scopes they
 * carry), and a directory that puts chosen Sandbox connections on it (a small stand-in for the
 * one grants/ keeps for servers added by URL).
 */
import { z } from 'zod';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { RemoteMcpDirectory, RemoteMcpServer } from '../../electron/core/remoteMcp/types';
import type { RunningAuthServer } from '../../electron/sandbox/server';
import { startResourceServer, type RunningResourceServer, type TestTool } from './resourceServer';

/** Notes tools: reading needs files:read, sending needs messages:write (a step-up when not granted). */
export const NOTES_TOOLS: TestTool[] = [
  {
    name: 'read_notes',
    title: 'Read notes',
    description: 'Lists the notes that match the words.',
    inputSchema: { query: z.string().describe('Words to look for') },
    annotations: { readOnlyHint: true },
    scope: 'files:read',
    run: (args) => `notes about ${String(args.query)}`,
  },
  {
    name: 'send_note',
    title: 'Send a note',
    description: 'Sends a note to someone.',
    inputSchema: { to: z.string(), text: z.string() },
    annotations: { readOnlyHint: false, destructiveHint: true },
    scope: 'messages:write',
    run: (args) => `sent to ${String(args.to)}`,
  },
];

/** Sandbox tokens, as its introspection says; for this server's URL (the audience is the added-server part's concern). */
function sandboxVerifier(sandbox: RunningAuthServer, url: () => string): OAuthTokenVerifier {
  return {
    verifyAccessToken: async (token) => {
      const info = await sandbox.introspect(token);
      if (!info.active) {
        const { InvalidTokenError } = await import('@modelcontextprotocol/sdk/server/auth/errors.js');
        throw new InvalidTokenError('Token is not active');
      }
      return { token, clientId: String(info.client_id ?? 'sandbox'), scopes: String(info.scope ?? '').split(' ').filter(Boolean), resource: new URL(url()), expiresAt: Number(info.exp) };
    },
  };
}

export async function startSandboxMcp(sandbox: RunningAuthServer, tools: TestTool[] = NOTES_TOOLS): Promise<RunningResourceServer> {
  let url = '';
  const server = await startResourceServer({ tools, name: 'notes', auth: { verifier: sandboxVerifier(sandbox, () => url), authorizationServers: [sandbox.issuer] } });
  url = server.url;
  return server;
}

/** Which connections are on which server: set by the test. */
export class TestDirectory implements RemoteMcpDirectory {
  private readonly servers = new Map<string, RemoteMcpServer>();

  put(connectionId: string, server: RemoteMcpServer): void {
    this.servers.set(connectionId, server);
  }

  serverFor(connectionId: string): RemoteMcpServer | undefined {
    return this.servers.get(connectionId);
  }

  connections(): { connectionId: string; server: RemoteMcpServer }[] {
    return [...this.servers].map(([connectionId, server]) => ({ connectionId, server }));
  }
}
