import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connection, connectWith, openRemoved } from './appPages';
import { expect, test } from './fixtures';
import { launchApp } from './harness';
import { readTokens, readVaultFile } from './vaultFile';

/**
 * "Just this session": connected without long-lived access (no offline_access asked, no refresh
 * token kept in the vault file), and gone when the app starts again, its history saying why.
 */

const SANDBOX = 'Sandbox: alex@sandbox.test';

test('connects without a refresh token, and is gone after a relaunch with history saying why', { tag: '@session-only' }, async ({ context, sandbox }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-session-'));
  const first = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await connectWith(first, 'Sandbox', { lasts: 'Just this session' });
    const url = new URL(first.authUrls.at(-1)!);
    expect(url.searchParams.get('scope')?.split(' ')).not.toContain('offline_access');
    await expect(connection(first.page, SANDBOX)).toContainText('Just this session: removed when Scopekeeper quits');
    const [id] = Object.keys(readVaultFile(dataDir).connections);
    const tokens = await readTokens(dataDir, id);
    expect(tokens.accessToken).not.toBe('');
    expect(tokens.refreshToken).toBeUndefined();
  } finally {
    await first.close();
  }

  const again = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await expect(again.page.getByRole('heading', { level: 2, name: 'Connect an account' })).toBeVisible();
    await expect(connection(again.page, SANDBOX)).toHaveCount(0);
    const removed = await openRemoved(again.page, 'Sandbox, alex@sandbox.test');
    await expect(removed.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText(
      'Ended when Scopekeeper quit (just this session). Sandbox revoked Scopekeeper’s access.',
    );
    expect(Object.keys(readVaultFile(dataDir).connections)).toEqual([]);
  } finally {
    await again.close();
  }
});
