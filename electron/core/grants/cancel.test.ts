import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore } from '../createCore';

/**
 * Cancel during the code exchange, against the real sandbox whose token endpoint is held after it
 * issued the tokens (a slow provider): the sign-in ends at once, and the grant nobody holds is ended.
 */
let sandbox: RunningAuthServer;
let holding: Promise<void> | undefined;
let reachedToken: (() => void) | undefined;
const issued: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox(0, {
    onTokenResponse: async (body) => {
      if (typeof body.refresh_token === 'string') issued.push(body.refresh_token);
      if (typeof body.access_token === 'string') issued.push(body.access_token);
      if (!holding) return;
      reachedToken?.();
      await holding;
    },
  });
});
afterAll(() => sandbox.close());

it('cancel aborts a slow code exchange, and the tokens the provider issued anyway are revoked', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-cancel-'));
  const browser = consentingBrowser();
  const core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser,
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: { sandboxIssuer: sandbox.issuer },
    },
    () => undefined,
  );
  let release!: () => void;
  holding = new Promise((resolve) => (release = resolve));
  const atTokenEndpoint = new Promise<void>((resolve) => (reachedToken = resolve));

  const connecting = core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] });
  await atTokenEndpoint; // the server has issued the tokens and holds its answer
  expect(await core.handlers['grants:cancel-flow'](undefined)).toEqual({ cancelled: true });
  // Settles while the server still holds the answer: the token request itself was aborted.
  await expect(connecting).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
  expect((await core.handlers['grants:list'](undefined)).connections).toEqual([]);

  release();
  holding = undefined;
  await core.settled();
  await browser.idle();
  expect(issued.length).toBeGreaterThan(0);
  for (const token of issued) expect((await sandbox.introspect(token)).active).toBe(false);
});
