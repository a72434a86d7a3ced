import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readTokens } from '../../../e2e/vaultFile';
import { dataFolderStores } from '../../headless/adapters';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { ManualClock } from '../../testing/manualClock';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { createCore, type Core } from '../createCore';
import { createIpcBinding } from '../ipc/binding';
import { DAY_MS, LIVENESS_JITTER_MS, LIVENESS_JOB } from '../grants/liveness';
import type { AppNotification } from '../ports';

let sandbox: RunningAuthServer;
let refreshes = 0;
beforeAll(async () => {
  sandbox = await startSandbox(0, {
    onTokenResponse: (_body, { grantType }) => {
      if (grantType === 'refresh_token') refreshes++;
    },
  });
});
afterAll(() => sandbox.close());

let dataDir: string;
let clock: ManualClock;
let shown: AppNotification[];
let online: boolean;
let core: Core;

function open(): Core {
  return createCore(
    {
      ...dataFolderStores(dataDir),
      browser: consentingBrowser(),
      clock,
      fetch: globalThis.fetch,
      notifier: { show: (notification) => void shown.push(notification) },
      online: () => online,
      config: { sandboxIssuer: sandbox.issuer },
    },
    () => undefined,
  );
}

beforeEach(() => {
  refreshes = 0;
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-background-'));
  clock = new ManualClock();
  shown = [];
  online = true;
  core = open();
});

const connect = () => core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });

/** A day passes (and the most the check's jitter adds), and the checks that came due have run. */
async function aDayPasses(): Promise<void> {
  clock.advance(DAY_MS + LIVENESS_JITTER_MS);
  await core.scheduler.idle();
}

describe('a grant revoked at the provider, found by the daily check', () => {
  it('is recorded in history as found in the background, shown revoked, and notified once', async () => {
    const connection = await connect();
    expect(await sandbox.revokeGrantOf((await readTokens(dataDir, connection.id)).refreshToken!)).toBe(true);

    await aDayPasses();

    const revoked = await core.handlers['grants:detail']({ connectionId: connection.id });
    expect(revoked).toMatchObject({ state: 'disconnected', revokedAtProvider: { reason: expect.stringContaining('daily check') } });
    expect(revoked!.history.filter((entry) => entry.kind === 'revoked-at-provider')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Sandbox refused .*invalid_grant.*Found by Scopekeeper’s daily check in the background\./) }),
    ]);
    expect(shown).toEqual([
      {
        kind: 'grant-ended',
        title: 'Sandbox access ended',
        body: 'Sandbox no longer accepts Scopekeeper’s access to alex@sandbox.test. Reconnect to use it again.',
        opens: { connectionId: connection.id },
      },
    ]);
    // Nothing left to check: another day asks nothing and says nothing more.
    expect(core.scheduler.get(LIVENESS_JOB, connection.id)).toBeUndefined();
    const before = refreshes;
    await aDayPasses();
    expect(refreshes).toBe(before);
    expect(shown).toHaveLength(1);
  });

  it('a live grant is checked once a day and says nothing', async () => {
    await connect();
    await aDayPasses();
    expect(refreshes).toBe(1);
    await aDayPasses();
    expect(refreshes).toBe(2);
    expect(shown).toEqual([]);
  });

  it('offline: no request reaches the provider', async () => {
    await connect();
    online = false;
    await aDayPasses();
    await aDayPasses();
    expect(refreshes).toBe(0);
  });

  it('Check access in the window finds it the same way, without "in the background", and notifies too', async () => {
    const connection = await connect();
    await sandbox.revokeGrantOf((await readTokens(dataDir, connection.id)).refreshToken!);
    const checked = await core.handlers['grants:check']({ connectionId: connection.id });
    expect(checked.revokedAtProvider?.reason).not.toContain('background');
    expect(shown.map((n) => [n.kind, n.title])).toEqual([['grant-ended', 'Sandbox access ended']]);
  });
});

describe('Settings › Notifications', () => {
  it('a kind turned off, or quiet, shows nothing; the choice is kept in the vault across restarts', async () => {
    expect(await core.handlers['settings:notifications'](undefined)).toEqual({ off: [], quiet: false });
    expect(await core.handlers['settings:set-notifications']({ off: ['grant-ended'], quiet: false })).toEqual({ off: ['grant-ended'], quiet: false });
    const connection = await connect();
    await sandbox.revokeGrantOf((await readTokens(dataDir, connection.id)).refreshToken!);
    await aDayPasses();
    expect((await core.handlers['grants:list'](undefined)).connections[0]).toMatchObject({ state: 'disconnected' });
    expect(shown).toEqual([]);

    await core.dispose();
    core = open();
    expect(await core.handlers['settings:notifications'](undefined)).toEqual({ off: ['grant-ended'], quiet: false });
    await core.handlers['settings:set-notifications']({ off: [], quiet: true });
    core.notify.show({ kind: 'tool-asks', title: 't', body: 'b' });
    expect(shown).toEqual([]);
  });

  it('refuses what is not a setting, and changes nothing', async () => {
    await core.handlers['settings:set-notifications']({ off: ['review'], quiet: false });
    const invoke = createIpcBinding(core.handlers, () => true);
    for (const bad of [{ off: ['everything'], quiet: false }, { off: [], quiet: 'yes' }, { off: [], quiet: false, extra: 1 }, undefined]) {
      expect(await invoke('settings:set-notifications', bad, { url: 'x', isMainFrame: true })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await core.handlers['settings:notifications'](undefined)).toEqual({ off: ['review'], quiet: false });
  });
});
