import { z } from 'zod';
import { id, scope } from './fields';

/** One tool a remote MCP server offers, as the connection's detail shows it. */
export const remoteToolViewSchema = z.object({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  /** The server says it only reads (`readOnlyHint`). */
  readOnly: z.boolean(),
  /** It may change or delete things: said so, or not said otherwise (the MCP spec's default); each call of a standing approval is confirmed. */
  destructive: z.boolean(),
  /** The scopes the server asked for when it refused a call of it (403 insufficient_scope). */
  neededScopes: z.array(scope).optional(),
});
export type RemoteToolView = z.infer<typeof remoteToolViewSchema>;

/** What a connection's MCP server offers (`remote:tools`): the person's name for the server, and its tools. */
export const remoteToolsSchema = z.object({ connectionId: id, serverName: z.string(), tools: z.array(remoteToolViewSchema) });
export type RemoteToolsView = z.infer<typeof remoteToolsSchema>;
