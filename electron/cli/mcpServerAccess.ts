import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { remoteToolNameSchema } from '../core/broker/protocol';
import { issuesText } from './mcpTools';
import type { ToolSession } from './toolSession';

/**
 * `scopekeeper mcp --server NAME`'s own tool: `request_access`, which asks the person, in the same
 * approval dialog, for that server's tools (those named, or all it lists) through the broker's
 * `request` with `server`. Always listed, so more can be asked for once some are approved.
 */

export const SERVER_REQUEST_TOOL = 'request_access';

const serverRequestArguments = z.strictObject({
  tools: z.array(remoteToolNameSchema).min(1).max(20).optional().describe('The server’s tool names to ask for; leave out to ask for every tool it offers.'),
  reason: z.string().max(300).optional().describe('Why, in one sentence the person will read.'),
});

/** The tool as listed for server `server`. */
export function serverRequestTool(server: string): Tool {
  const { $schema: _dialect, ...inputSchema } = z.toJSONSchema(serverRequestArguments) as Record<string, unknown>;
  return {
    name: SERVER_REQUEST_TOOL,
    title: `Ask the person for ${server}’s tools`,
    description: `Ask the person, in the Scopekeeper window, to let you use tools of the MCP server “${server}” (the ones named in \`tools\`, or all of them). Waits for their answer; once allowed, the tools are listed under their own names (notifications/tools/list_changed).`,
    inputSchema: inputSchema as Tool['inputSchema'],
    annotations: { title: `Ask the person for ${server}’s tools`, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  };
}

/** Asks for the server's tools; a refusal is thrown (the caller makes it the agent's error result). */
export async function askForServer(session: ToolSession, server: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
  const parsed = serverRequestArguments.safeParse(args);
  if (!parsed.success) return { content: [{ type: 'text', text: issuesText(parsed.error) }], isError: true };
  const { tools, reason } = parsed.data;
  const approved = await session.request({ server, ...(tools ? { actions: tools } : {}), ...(reason ? { reason } : {}) }, signal);
  return { content: [{ type: 'text', text: `Allowed (${approved.mode}): ${approved.actions.join(', ')}. They are now listed under their own names.` }] };
}
