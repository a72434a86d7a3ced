import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { sandboxProvider } from '../../../shared/catalog';
import type { BrokerToolView } from '../../../shared/ipc/contract';
import type { FreshToken } from '../grants/tokens';
import type { ConnectionRecord } from '../vault/schema';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import type { ConnectionLookup } from './connections';
import { TokenHandouts } from './handout';
import type { AccessTokens } from './tokens';
import { ToolStore } from './toolStore';
import { noPolicy } from '../policy/policy';

/**
 * The tokens given to tools are remembered across a restart (never the tokens themselves): the
 * Tools view still lists them and a revoke still names them, since they keep working until they
 * expire or their connection is removed.
 */

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

/** What a tool receives for `token` (its expiry in seconds since the epoch). */
type Handed = { accessToken: string; expiresAt?: number };

describe('given tokens after a restart', () => {
  let h: BrokerHarness;
  let connectionId: string;
  beforeEach(async () => {
    h = await startBrokerHarness(sandbox);
    connectionId = await h.connectSandbox(['files:read', 'messages:read']);
  });
  afterEach(() => h.dispose());

  /** A tool allowed tokens for reading files (and calls for reading messages) holds one. */
  async function given(): Promise<Handed> {
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files', 'read-messages'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    return agent.send<Handed>('token', { connectionId, action: 'read-files' });
  }

  /** The app quits and starts again over the same data folder. */
  async function restart(): Promise<void> {
    await h.dispose();
    h = await startBrokerHarness(sandbox, { dataDir: h.dataDir });
  }

  const tools = async () => (await h.invoke('broker:tools')) as BrokerToolView[];

  it('are still listed in the Tools view and named by the revoke answer', async () => {
    const token = await given();
    await restart();
    const expected = {
      connection: { id: connectionId, providerName: 'Sandbox', account: 'alex@sandbox.test' },
      actionId: 'read-files',
      actionTitle: 'Read your files',
      expiresAt: new Date(token.expiresAt! * 1000).toISOString(),
      notAlone: 'whole-grant',
    };
    const [view] = await tools();
    expect(view!.handedOut).toEqual([expect.objectContaining(expected)]);
    expect(await h.invoke('broker:revoke', { toolId: view!.id, connectionId, actionId: 'read-messages' })).toEqual({ stillWorking: [] });
    expect(await h.invoke('broker:revoke', { toolId: view!.id, connectionId, actionId: 'read-files' })).toEqual({ stillWorking: [expect.objectContaining(expected)] });
    // Taken back, the token keeps working: listed after another restart, and named when the tool goes.
    await restart();
    expect((await tools())[0]!.handedOut).toEqual([expect.objectContaining(expected)]);
    expect(await h.invoke('broker:revoke', { toolId: view!.id })).toEqual({ stillWorking: [expect.objectContaining(expected)] });
  });

  it('once expired, are listed no more', async () => {
    await given();
    await restart();
    h.shift(2 * 3_600_000);
    const [view] = await tools();
    expect(view!.handedOut).toEqual([]);
    expect(await h.invoke('broker:revoke', { toolId: view!.id, connectionId, actionId: 'read-files' })).toEqual({ stillWorking: [] });
  });

  it('a burst of handouts: each answered, and the latest one remembered per approval', async () => {
    const agent = await h.tool('busy-reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    const handed = await Promise.all(Array.from({ length: 8 }, () => agent.send<Handed>('token', { connectionId, action: 'read-files' })));
    const latest = Math.max(...handed.map((t) => t.expiresAt!));
    await restart();
    expect((await tools())[0]!.handedOut).toEqual([expect.objectContaining({ actionId: 'read-files', expiresAt: new Date(latest * 1000).toISOString() })]);
  });

  it('a removed connection takes them out of the file, the tokens never in it', async () => {
    const token = await given();
    const file = () => readFileSync(join(h.dataDir, 'broker-tools.json'), 'utf8');
    expect(file()).toContain('"read-files"');
    expect(file()).not.toContain(token.accessToken);
    await h.invoke('grants:forget', { connectionId });
    await restart();
    expect((await tools())[0]!.handedOut).toEqual([]);
    expect(file()).not.toContain(connectionId);
  });
});

describe('a handout revoked while its token is being minted', () => {
  it('is refused: the token never leaves, and none is listed', async () => {
    const now = new Date();
    const store = ToolStore.open(join(mkdtempSync(join(tmpdir(), 'sk-handout-')), 'broker-tools.json'), now);
    const { tool } = store.create('reader', now);
    store.approve(tool.id, 'c1', ['read-files'], 'always', { 'read-files': { scopes: ['files:read'], narrowed: true } }, now);
    const record = { id: 'c1', providerId: 'sandbox', account: 'alex@sandbox.test', state: 'connected', grantedScopes: ['files:read'] } as ConnectionRecord;
    const connections = { record: () => record, liveRecord: () => record, providerOf: () => sandboxProvider('http://127.0.0.1:1'), reviewed: () => undefined, usable: () => undefined } as unknown as ConnectionLookup;
    let minted!: (token: FreshToken) => void;
    const accessTokens = { narrowAccessToken: () => new Promise<FreshToken>((resolve) => (minted = resolve)) } as unknown as AccessTokens;
    const handouts = new TokenHandouts(store, connections, accessTokens, { now: () => now }, noPolicy);

    const issued = handouts.issue(store.byId(tool.id)!, 'c1', 'read-files');
    await Promise.resolve();
    store.revoke(tool.id, 'c1', 'read-files');
    minted({ accessToken: 'narrow-token', tokenType: 'Bearer', expiresAt: now.getTime() / 1000 + 3600, scopes: ['files:read'] });
    await expect(issued).rejects.toMatchObject({ code: 'not_approved' });
    expect(handouts.handedOut(tool.id)).toEqual([]);
  });
});
