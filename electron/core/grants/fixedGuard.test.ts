import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';

/**
 * A connection in Fixed mode whose provider grants MORE than the list on a reconnect or an added
 * permission: what is off the list is taken back at once by the usual take-back plan (as the
 * policy does for blocked scopes), and the notice and the history say so. `tamper` makes the
 * real Sandbox's token answer name a scope it was not asked for, as a misbehaving provider would.
 */
let sandbox: RunningAuthServer;
let tamper: ((body: Record<string, unknown>) => void) | undefined;
beforeAll(async () => {
  sandbox = await startSandbox(0, { onTokenResponse: (body) => tamper?.(body) });
});
afterAll(() => sandbox.close());

let core: Core;
beforeEach(() => {
  tamper = undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-fixed-guard-'));
  core = createCore({ ...dataFolderStores(dataDir), browser: consentingBrowser(), clock: { now: () => new Date() }, fetch: globalThis.fetch, config: { sandboxIssuer: sandbox.issuer } }, () => undefined);
});
afterEach(() => core.dispose());

const grantsMore = (scope: string) => (body: Record<string, unknown>) => void (body.scope = `${String(body.scope)} ${scope}`);

describe('a provider granting more than the fixed list', () => {
  it('on a reconnect: taken back at once; the sign-in’s notice and the history say so', async () => {
    const h = core.handlers;
    const { id: connectionId } = await h['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    await h['grants:set-scope-mode']({ connectionId, mode: 'fixed' });
    tamper = grantsMore('calendar:write');
    const back = await h['grants:reconnect']({ connectionId });
    tamper = undefined;
    expect(back.signIn?.takenBack).toEqual([{ scope: 'calendar:write', title: expect.any(String) }]);
    expect(back.signIn?.cameBack).toEqual([]);
    await core.settled();
    const after = await h['grants:detail']({ connectionId });
    expect([...after.grantedScopes, ...after.restore.map((s) => s.scope)]).not.toContain('calendar:write');
    expect(after.history.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Not on this connection’s fixed list: .+\. Sandbox granted it anyway; Scopekeeper takes it back now\.$/),
        expect.stringMatching(/^Not on the fixed list; taken back at once\. /),
      ]),
    );
  });

  it('on an added permission within the list: what is beyond the list goes, what was asked stays', async () => {
    const h = core.handlers;
    const { id: connectionId } = await h['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    const list = (await h['grants:detail']({ connectionId })).grantedScopes;
    await h['grants:save-fixed-list']({ connectionId, scopes: [...list, 'messages:read'] });
    tamper = grantsMore('calendar:write');
    const plan = await h['grants:plan-change']({ connectionId, add: ['messages:read'], remove: [] });
    await h['grants:apply-plan']({ planId: plan.planId });
    tamper = undefined;
    await core.settled();
    const after = await h['grants:detail']({ connectionId });
    expect(after.history.some((e) => e.kind === 'outside-fixed-list' && e.scopes.includes('calendar:write'))).toBe(true);
    expect(after.grantedScopes).not.toContain('calendar:write');
  });

  it('leaves a connection that follows its actions as it was (recorded, as before)', async () => {
    const h = core.handlers;
    const { id: connectionId } = await h['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
    tamper = grantsMore('calendar:write');
    const back = await h['grants:reconnect']({ connectionId });
    tamper = undefined;
    await core.settled();
    expect(back.signIn?.takenBack ?? []).toEqual([]);
    expect((await h['grants:detail']({ connectionId })).grantedScopes).toContain('calendar:write');
  });
});
