/**
 * Remote MCP servers (Streamable HTTP) the person added by URL. A connection to one is an ordinary
 * connection (vault record, tokens, history) whose provider is the server; this is what the rest of
 * core needs to know about it to list its tools and proxy an agent's calls.
 */

/** An MCP server the person added, as the broker and the tool session see it. */
export interface RemoteMcpServer {
  /** The server's provider id (`mcp-<uuid>`), as in the vault and the provider registry. */
  providerId: string;
  /** The person's name for it; agents see its tools as `<name>_<tool>` (made pattern-valid). */
  name: string;
  /** The Streamable HTTP endpoint, which is also the RFC 8707 resource its tokens are bound to. */
  url: string;
  /** False for a server that needs no sign-in ("No sign-in needed"): its calls carry no token. */
  signIn: boolean;
}

/** Which connections are on MCP servers. Implemented where the servers are kept (grants/). */
export interface RemoteMcpDirectory {
  /** The server a connection is on; undefined when the connection is not an MCP server's. */
  serverFor(connectionId: string): RemoteMcpServer | undefined;
  /** Every connection on an MCP server, with its server. */
  connections(): { connectionId: string; server: RemoteMcpServer }[];
}
