import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approveDevice } from '../../testing/sandboxDeviceFlow';
import { startAuthServer, startSandbox, type RunningAuthServer } from '../../sandbox/server';
import type { FlowProgress } from '../../../shared/ipc/contract';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import { readTokens } from '../../../e2e/vaultFile';

/**
 * Connecting with a code (RFC 8628) through core, against the real sandbox with oidc-provider's
 * device flow on: the person's side opens the verification page and approves, as they would in
 * any browser, while core polls the token endpoint.
 */
let sandbox: RunningAuthServer;
let noDevice: RunningAuthServer;
beforeAll(async () => {
  [sandbox, noDevice] = await Promise.all([startSandbox(0), startAuthServer({ deviceFlow: false })]);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), noDevice.close()]);
});

let core: Core;
let dataDir: string;
let progress: FlowProgress[];
let opened: string[];
let onProgress: (event: FlowProgress) => void;

function start(sandboxIssuer: string): void {
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: { open: async (url) => void opened.push(url) },
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: { sandboxIssuer },
    },
    (channel, payload) => {
      if (channel !== 'flow:progress') return;
      progress.push(payload as FlowProgress);
      onProgress(payload as FlowProgress);
    },
  );
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-device-'));
  progress = [];
  opened = [];
  onProgress = () => undefined;
  start(sandbox.issuer);
});

/** Resolves with the first 'waiting-for-device' event: the code is on screen. */
function codeShown(): Promise<FlowProgress> {
  return new Promise((resolve) => {
    onProgress = (event) => {
      if (event.stage === 'waiting-for-device') resolve(event);
    };
  });
}

describe('connecting with a code (device authorization grant)', () => {
  it('shows the code, opens the page on request, and saves what the person granted', async () => {
    const shown = codeShown();
    const connecting = core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'tasks:read'], method: 'device' });
    const event = await shown;
    expect(event.device?.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(event.device?.verificationUri).toBe(`${sandbox.issuer}/device`);

    expect(await core.handlers['grants:open-device-page'](undefined)).toEqual({ opened: true });
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!).searchParams.get('user_code')).toBe(event.device?.userCode);
    expect(await approveDevice(opened[0]!, { untick: ['tasks:read'] })).toContain('Connected to Sandbox');

    const connection = await connecting;
    expect(connection.account).toBe('alex@sandbox.test');
    expect(connection.grantedScopes).toContain('files:read');
    expect(connection.grantedScopes).not.toContain('tasks:read');
    expect(connection.notGrantedScopes).toEqual(['tasks:read']);
    expect((await readTokens(dataDir, connection.id)).accessToken).toBeTruthy();
    expect(progress.map((p) => p.stage)).toEqual(['opening-browser', 'waiting-for-device', 'exchanging-code', 'finished']);
  });

  it('cancels while waiting: the poll stops and nothing is saved', async () => {
    const shown = codeShown();
    const failure = Promise.resolve(core.handlers['grants:connect']({ providerId: 'sandbox', method: 'device' })).catch((error: unknown) => error);
    await shown;
    expect(core.handlers['grants:cancel-flow'](undefined)).toEqual({ cancelled: true });
    expect(await failure).toMatchObject({ code: 'AUTH_CANCELLED' });
    expect(progress.at(-1)?.stage).toBe('cancelled');
    expect(await core.handlers['grants:open-device-page'](undefined)).toEqual({ opened: false });
    expect((await core.handlers['grants:list'](undefined)).connections).toEqual([]);
  });

  it('says so when the person cancels on the provider’s page', async () => {
    const shown = codeShown();
    const failure = Promise.resolve(core.handlers['grants:connect']({ providerId: 'sandbox', method: 'device' })).catch((error: unknown) => error);
    await shown;
    await core.handlers['grants:open-device-page'](undefined);
    await approveDevice(opened[0]!, { abort: true });
    expect(await failure).toMatchObject({ code: 'AUTH_DENIED', details: { error: 'access_denied' } });
    expect((await core.handlers['grants:list'](undefined)).connections).toEqual([]);
  });

  it('refuses a server whose metadata has no device endpoint, and stops offering it', async () => {
    start(noDevice.issuer);
    expect((await core.handlers['providers:list'](undefined)).find((p) => p.id === 'sandbox')?.deviceFlow).toBe(true);
    await expect(core.handlers['grants:connect']({ providerId: 'sandbox', method: 'device' })).rejects.toMatchObject({ code: 'DEVICE_FLOW_UNSUPPORTED' });
    expect((await core.handlers['providers:list'](undefined)).find((p) => p.id === 'sandbox')?.deviceFlow).toBe(false);
    expect(progress.at(-1)).toMatchObject({ stage: 'failed', error: { code: 'DEVICE_FLOW_UNSUPPORTED' } });
  });
});
