import { afterAll, describe, expect, it, vi } from 'vitest';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { RunningResourceServer } from '../../../e2e/mcpServers/resourceServer';

/**
 * The MCP SDK is loaded when an MCP server is first used, not when main starts: each SDK module
 * core loads is the real one, recorded as it is imported; `missing` makes one of them fail to
 * load, as a damaged install would. The cases run in order: what is loaded stays loaded.
 */
const sdk = vi.hoisted(() => {
  const imported: string[] = [];
  const state = { missing: false };
  const track =
    (name: string) =>
    async <M>(importOriginal: () => Promise<M>): Promise<M> => {
      imported.push(name);
      if (state.missing && name === 'client/streamableHttp.js') throw new Error(`Cannot find module '@modelcontextprotocol/sdk/${name}'`);
      return importOriginal();
    };
  return { imported, state, track };
});
vi.mock('@modelcontextprotocol/sdk/client/index.js', sdk.track('client/index.js'));
vi.mock('@modelcontextprotocol/sdk/client/streamableHttp.js', sdk.track('client/streamableHttp.js'));
vi.mock('@modelcontextprotocol/sdk/client/auth.js', sdk.track('client/auth.js'));
vi.mock('@modelcontextprotocol/sdk/shared/auth-utils.js', sdk.track('shared/auth-utils.js'));
vi.mock('@modelcontextprotocol/sdk/types.js', sdk.track('types.js'));

let server: RunningResourceServer | undefined;
afterAll(() => server?.close());

async function openSession() {
  const { startResourceServer } = await import('../../../e2e/mcpServers/resourceServer');
  server ??= await startResourceServer({ tools: [{ name: 'ping', description: 'Answers pong.', run: () => 'pong' }] });
  const { RemoteMcpSession } = await import('./session');
  return new RemoteMcpSession({ url: server.url, fetch, token: () => Promise.resolve(undefined) });
}

describe('the MCP SDK, loaded when first needed', () => {
  it('is not loaded by what main and the headless host load at start', async () => {
    await import('../createCore');
    await import('../../headless/host');
    expect(sdk.imported).toEqual([]);
  });

  it('a failed load is a typed error for that use, not a crash', async () => {
    sdk.state.missing = true;
    const session = await openSession();
    const error = await session.tools().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ScopekeeperError);
    expect(error).toMatchObject({ code: 'INTERNAL', details: { reason: 'module-unavailable', module: 'the MCP SDK' } });
    expect((error as Error).message).toMatch(/^Scopekeeper could not load the MCP SDK \(.+\): try again, or reinstall Scopekeeper if this keeps happening\.$/);
    const { discoverMcpServer } = await import('./discovery');
    await expect(discoverMcpServer(server!.url, { fetch })).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'module-unavailable' } });
    await session.close();
  });

  it('is loaded by the first use once it can be, and the session works', async () => {
    sdk.state.missing = false;
    const session = await openSession();
    expect((await session.tools()).map((tool) => tool.name)).toEqual(['ping']);
    expect(await session.call('ping', {})).toMatchObject({ content: [{ type: 'text', text: 'pong' }] });
    expect(new Set(sdk.imported)).toEqual(new Set(['client/index.js', 'client/streamableHttp.js', 'client/auth.js', 'shared/auth-utils.js', 'types.js']));
    await session.close();
  });
});
