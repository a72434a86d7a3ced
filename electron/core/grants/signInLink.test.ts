import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FlowProgress } from '../../../shared/ipc/contract';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore } from '../createCore';

/**
 * The sign-in page's address for the person to copy: in the waiting event, and when the browser does
 * not open, the sign-in keeps waiting for it instead of failing.
 */
let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

function coreWith(open: (url: string) => Promise<void>) {
  const events: FlowProgress[] = [];
  let waiting: ((progress: FlowProgress) => void) | undefined;
  const core = createCore(
    { ...dataFolderStores(mkdtempSync(join(tmpdir(), 'sk-link-'))), browser: { open }, clock: { now: () => new Date() }, fetch: globalThis.fetch, config: { sandboxIssuer: sandbox.issuer } },
    (channel, payload) => {
      if (channel !== 'flow:progress') return;
      events.push(payload as FlowProgress);
      if ((payload as FlowProgress).stage === 'waiting-for-callback') waiting?.(payload as FlowProgress);
    },
  );
  const waited = new Promise<FlowProgress>((resolve) => (waiting = resolve));
  return { core, events, waited };
}

it('a browser that did not open leaves the sign-in waiting, with the address to copy; opened by hand, it connects', async () => {
  const { core, waited } = coreWith(async () => {
    throw new Error('No browser is set up on this computer.');
  });
  const connecting = core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
  const progress = await waited;
  expect(progress.browserFailed).toBe(true);
  expect(progress.signInUrl).toMatch(new RegExp(`^${sandbox.issuer}/.*[?&]code_challenge=`));
  // The person pastes it into a browser.
  const browser = consentingBrowser();
  await browser.open(progress.signInUrl!);
  await expect(connecting).resolves.toMatchObject({ providerId: 'sandbox', grantedScopes: expect.arrayContaining(['files:read']) });
  await browser.idle();
  await core.dispose();
});

it('an opened browser: the address is there to copy all the same, and nothing says it failed', async () => {
  const browser = consentingBrowser();
  const { core, waited, events } = coreWith((url) => browser.open(url));
  const connected = core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
  const progress = await waited;
  expect(progress.signInUrl).toMatch(new RegExp(`^${sandbox.issuer}/`));
  expect(progress.browserFailed).toBeUndefined();
  await connected;
  await browser.idle();
  // Only the waiting stage carries it.
  expect(events.filter((e) => e.signInUrl !== undefined).map((e) => e.stage)).toEqual(['waiting-for-callback']);
  await core.dispose();
});

it('an address too long for the window is not offered to copy; the browser still gets it, and the sign-in goes on', async () => {
  const opened: string[] = [];
  const { core, waited } = coreWith(async (url) => void opened.push(url));
  const scopes = Array.from({ length: 25 }, (_, i) => `files:${'x'.repeat(400)}${i}`);
  const connecting = core.handlers['grants:connect']({ providerId: 'sandbox', scopes });
  const progress = await waited;
  expect(opened[0]!.length).toBeGreaterThan(8000);
  expect(progress.signInUrl).toBeUndefined();
  expect(await core.handlers['grants:cancel-flow'](undefined)).toEqual({ cancelled: true });
  await expect(connecting).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
  await core.dispose();
});
