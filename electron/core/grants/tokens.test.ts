import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { readTokens } from '../../../e2e/vaultFile';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';

/** Longer than any token the sandbox issues: asking for this much always needs a refresh. */
const LONGER_THAN_ANY_TOKEN = 10 * 24 * 3600;

let sandbox: RunningAuthServer;
let refreshes = 0;
beforeAll(async () => {
  sandbox = await startSandbox(0, {
    onTokenResponse: (body, { grantType }) => {
      if (grantType === 'refresh_token' && typeof body.access_token === 'string') refreshes++;
    },
  });
});
afterAll(() => sandbox.close());

let core: Core;
let dataDir: string;
beforeEach(() => {
  refreshes = 0;
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-tokens-'));
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: consentingBrowser(),
      clock: { now: () => new Date() },
      fetch: globalThis.fetch,
      config: { sandboxIssuer: sandbox.issuer },
    },
    () => undefined,
  );
});

const connect = () => core.handlers['grants:connect']({ providerId: 'sandbox', scopes: ['files:read', 'tasks:read'] });

describe('freshAccessToken against the real sandbox', () => {
  it('hands out the saved token while it is valid long enough, without asking the provider', async () => {
    const connection = await connect();
    const saved = await readTokens(dataDir, connection.id);
    const token = await core.tokens.freshAccessToken(connection.id, 60);
    expect(token).toMatchObject({ accessToken: saved.accessToken, tokenType: saved.tokenType, expiresAt: saved.expiresAt });
    expect(token.scopes).toEqual(expect.arrayContaining(['files:read', 'tasks:read']));
    expect(refreshes).toBe(0);
  });

  it('50 concurrent callers share ONE refresh; the rotated refresh token is saved before the token is handed out', async () => {
    const connection = await connect();
    const before = await readTokens(dataDir, connection.id);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => core.tokens.freshAccessToken(connection.id, LONGER_THAN_ANY_TOKEN)));
    expect(refreshes).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.accessToken).not.toBe(before.accessToken);
    const after = await readTokens(dataDir, connection.id);
    expect(after.accessToken).toBe(tokens[0]!.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect((await sandbox.introspect(after.refreshToken!)).active).toBe(true);
    expect((await sandbox.introspect(tokens[0]!.accessToken)).active).toBe(true);
    // The new token is valid for a minute: the next caller gets it as saved.
    expect((await core.tokens.freshAccessToken(connection.id)).accessToken).toBe(after.accessToken);
    expect(refreshes).toBe(1);
  });

  it('invalid_grant on refresh marks the connection revoked at the provider; history says when and why; reconnect restores it', async () => {
    const connection = await connect();
    expect(await sandbox.revokeGrantOf((await readTokens(dataDir, connection.id)).refreshToken!)).toBe(true);
    await expect(core.tokens.freshAccessToken(connection.id, LONGER_THAN_ANY_TOKEN)).rejects.toMatchObject({ code: 'CONNECTION_REVOKED' });

    const revoked = await core.handlers['grants:detail']({ connectionId: connection.id });
    expect(revoked).toMatchObject({ state: 'disconnected', grantedScopes: [], revokedAtProvider: { reason: expect.stringContaining('invalid_grant') } });
    expect(revoked!.restore.map((s) => s.scope)).toEqual(expect.arrayContaining(['files:read', 'tasks:read']));
    const entry = revoked!.history.at(-1);
    expect(entry).toMatchObject({ kind: 'revoked-at-provider', at: revoked!.revokedAtProvider!.at, message: expect.stringContaining('Sandbox refused') });
    // No tokens are kept for a dead grant, and asking again says so without a request.
    await expect(core.tokens.freshAccessToken(connection.id)).rejects.toMatchObject({ code: 'CONNECTION_REVOKED' });

    const restored = await core.handlers['grants:reconnect']({ connectionId: connection.id });
    expect(restored.state).toBe('connected');
    expect(restored.revokedAtProvider).toBeUndefined();
    expect(restored.grantedScopes).toEqual(expect.arrayContaining(['files:read', 'tasks:read']));
    expect((await core.tokens.freshAccessToken(connection.id)).accessToken).toBe((await readTokens(dataDir, connection.id)).accessToken);
  });

  it('grants:check asks the provider and shows a grant revoked there', async () => {
    const connection = await connect();
    expect((await core.handlers['grants:check']({ connectionId: connection.id })).state).toBe('connected');
    expect(refreshes).toBe(1);
    await sandbox.revokeGrantOf((await readTokens(dataDir, connection.id)).refreshToken!);
    const checked = await core.handlers['grants:check']({ connectionId: connection.id });
    expect(checked).toMatchObject({ state: 'disconnected', revokedAtProvider: { reason: expect.any(String) } });
  });
});
