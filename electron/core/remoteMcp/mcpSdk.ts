import type * as ClientModule from '@modelcontextprotocol/sdk/client/index.js';
import type * as StreamableHttpModule from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type * as AuthModule from '@modelcontextprotocol/sdk/client/auth.js';
import type * as AuthUtilsModule from '@modelcontextprotocol/sdk/shared/auth-utils.js';
import type * as TypesModule from '@modelcontextprotocol/sdk/types.js';
import { lazyModule } from '../lazyModule';

/** The MCP SDK's modules core uses. */
export interface McpSdk {
  client: typeof ClientModule;
  streamableHttp: typeof StreamableHttpModule;
  auth: typeof AuthModule;
  authUtils: typeof AuthUtilsModule;
  types: typeof TypesModule;
}

/**
 * The MCP SDK, loaded when a server is first added or an MCP connection first used (its tools
 * listed, one called), not when main starts (../lazyModule.ts): most people have no MCP server, and
 * everyone waits for what main loads at start. Every path that uses it is async and awaits
 * `loadMcpSdk()` first; a failed load is a ScopekeeperError (INTERNAL) and is tried again next time.
 */
const sdk = lazyModule<McpSdk>('the MCP SDK', async () => {
  const [client, streamableHttp, auth, authUtils, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/client/auth.js'),
    import('@modelcontextprotocol/sdk/shared/auth-utils.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  return { client, streamableHttp, auth, authUtils, types };
});

export const loadMcpSdk = (): Promise<McpSdk> => sdk.load();

/** Whether `error` is the SDK's McpError (with that code, if given): false while it is not loaded (no error can be one then). */
export function isMcpError(error: unknown, code?: keyof typeof TypesModule.ErrorCode): error is TypesModule.McpError {
  const types = sdk.loaded()?.types;
  return types !== undefined && error instanceof types.McpError && (code === undefined || error.code === (types.ErrorCode[code] as number));
}

/** Whether `error` is the Streamable HTTP transport's error (an HTTP status in `code`): false while it is not loaded. */
export function isStreamableHttpError(error: unknown): error is StreamableHttpModule.StreamableHTTPError {
  const loaded = sdk.loaded();
  return loaded !== undefined && error instanceof loaded.streamableHttp.StreamableHTTPError;
}
