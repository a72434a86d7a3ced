import { describe, expect, it } from 'vitest';
import { sandboxProvider } from '../catalog';
import { reviewConnection, type ReviewedConnection } from './advisor';

const sandbox = sandboxProvider('http://127.0.0.1:4000');
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

function connection(over: Partial<ReviewedConnection> & { granted: string[]; grantedDaysAgo?: number }): ReviewedConnection {
  const { granted, grantedDaysAgo = 120, ...rest } = over;
  return {
    id: 'c1',
    account: 'alex@sandbox.test',
    state: 'connected',
    connectedAt: ago(grantedDaysAgo),
    requestedScopes: granted,
    grantedScopes: granted,
    grantedAt: Object.fromEntries(granted.map((s) => [s, ago(grantedDaysAgo)])),
    info: sandbox,
    uses: [],
    approved: [],
    ...rest,
  };
}

const titles = (c: ReviewedConnection, now = NOW, days = 90) => reviewConnection(c, now, days).map((s) => s.title);

describe('unused permissions on connections tools use', () => {
  const readsFiles = (daysAgo: number) => [{ action: 'read-files', lastUsedAt: ago(daysAgo) }];

  it('proposes taking back a permission no tool used in 90 days, with the plan that removes it', () => {
    const c = connection({ granted: ['openid', 'files:read', 'messages:write'], uses: readsFiles(1) });
    expect(reviewConnection(c, NOW, 90)).toEqual([
      {
        id: 'unused-permission:c1:messages:write',
        kind: 'unused-permission',
        connectionId: 'c1',
        providerName: 'Sandbox',
        account: 'alex@sandbox.test',
        title: 'Take back “Create and change your messages”',
        reason: 'Tools use this connection, but none has ever needed it.',
        change: { kind: 'change', add: [], remove: ['messages:write'] },
      },
    ]);
  });

  it('waits until the permission was held for the whole period, and counts a use within it', () => {
    const c = connection({ granted: ['files:read', 'messages:read'], uses: [...readsFiles(1), { action: 'read-messages', lastUsedAt: ago(40) }] });
    expect(titles(c)).toEqual([]);
    // 51 days later the last message read is 91 days old.
    expect(titles(c, NOW + 51 * DAY)).toEqual(['Take back “See your messages”']);
    expect(reviewConnection(c, NOW + 51 * DAY, 90)[0]!.reason).toBe('Tools use this connection, but none has needed it in 90 days.');
    // Granted 30 days ago: not 90 days unused yet, whatever the log says.
    expect(titles(connection({ granted: ['files:read', 'messages:read'], grantedDaysAgo: 30, uses: readsFiles(1) }))).toEqual([]);
  });

  it('the number of days is the person’s setting', () => {
    const c = connection({ granted: ['files:read', 'messages:read'], uses: [...readsFiles(1), { action: 'read-messages', lastUsedAt: ago(40) }] });
    expect(titles(c, NOW, 30)).toEqual(['Take back “See your messages”']);
  });

  it('never proposes an identity scope, nor one an approved tool needs, nor anything on a connection no tool touches', () => {
    expect(titles(connection({ granted: ['openid', 'offline_access', 'files:read'], uses: readsFiles(1) }))).toEqual([]);
    expect(titles(connection({ granted: ['files:read', 'messages:read'], uses: readsFiles(1), approved: ['read-messages'] }))).toEqual([]);
    expect(titles(connection({ granted: ['files:read', 'messages:read'], grantedDaysAgo: 10 }))).toEqual([]);
  });
});

describe('connections no tool used', () => {
  it('proposes removing a connection unused for 90 days, and not one used within them', () => {
    const never = connection({ granted: ['openid', 'files:read'] });
    expect(reviewConnection(never, NOW, 90)).toEqual([
      expect.objectContaining({
        id: 'unused-connection:c1',
        title: 'Remove connection?',
        reason: 'No tool has used this connection since it was made, more than 90 days ago.',
        change: { kind: 'disconnect' },
      }),
    ]);
    const old = connection({ granted: ['files:read'], uses: [{ action: 'read-files', lastUsedAt: ago(95) }] });
    expect(reviewConnection(old, NOW, 90).map((s) => s.reason)).toEqual(['No tool has used this connection in 90 days.']);
    expect(titles(connection({ granted: ['files:read'], uses: [{ action: 'read-files', lastUsedAt: ago(89) }] }))).toEqual([]);
    expect(titles(connection({ granted: ['files:read'], grantedDaysAgo: 89 }))).toEqual([]);
  });

  it('says nothing about a disconnected connection or one whose provider is gone', () => {
    expect(titles(connection({ granted: ['files:read'], state: 'disconnected' }))).toEqual([]);
    expect(titles(connection({ granted: ['files:read'], info: undefined }))).toEqual([]);
  });
});

describe('broader than what tools need', () => {
  const tool = { uses: [{ action: 'read-files', lastUsedAt: ago(2) }], approved: ['read-files'] };

  it('proposes replacing a broader scope with the narrower one tools use, as one change', () => {
    const [found] = reviewConnection(connection({ granted: ['openid', 'files:write'], ...tool }), NOW, 90);
    expect(found).toMatchObject({
      kind: 'broader-than-needed',
      title: 'Replace “Create and change your files” with “See your files”',
      reason: 'Tools use “See your files” only; “Create and change your files” lets them do more than that.',
      change: { kind: 'change', add: ['files:read'], remove: ['files:write'] },
    });
  });

  it('takes back the broader one alone when the narrower is held already, and each broader one of a chain', () => {
    expect(reviewConnection(connection({ granted: ['files:read', 'files:write', 'files:admin'], ...tool }), NOW, 90).map((s) => [s.title, s.change])).toEqual([
      ['Take back “Create and change your files”', { kind: 'change', add: [], remove: ['files:write'] }],
      ['Take back “Manage files and who sees them”', { kind: 'change', add: [], remove: ['files:admin'] }],
    ]);
  });

  it('counts an approval as a need even before its first call, and a call within the period without one', () => {
    expect(titles(connection({ granted: ['files:write'], approved: ['edit-files'], uses: [{ action: 'read-files', lastUsedAt: ago(2) }] }))).toEqual([]);
    expect(titles(connection({ granted: ['files:write'], uses: [{ action: 'edit-files', lastUsedAt: ago(5) }] }))).toEqual([]);
  });

  it('ignores actions the catalog does not list (an older log, a removed action)', () => {
    const c = connection({ granted: ['files:write'], approved: ['gone-action'], uses: [{ action: 'read-files', lastUsedAt: ago(2) }, { action: 'gone-action', lastUsedAt: ago(1) }] });
    expect(titles(c)).toEqual(['Replace “Create and change your files” with “See your files”']);
  });
});

describe('broader than asked at connect', () => {
  it('proposes taking back what the provider granted beyond what was asked, replaced by what was asked', () => {
    const c = connection({ granted: ['openid', 'files:write'], requestedScopes: ['openid', 'files:read'], grantedDaysAgo: 1 });
    expect(reviewConnection(c, NOW, 90)).toEqual([
      expect.objectContaining({
        id: 'broader-than-asked:c1:files:write',
        title: 'Replace “Create and change your files” with “See your files”',
        reason: 'You asked Sandbox for “See your files”; it granted “Create and change your files”, which can do more. No tool needs it.',
        change: { kind: 'change', add: ['files:read'], remove: ['files:write'] },
      }),
    ]);
    const extra = connection({ granted: ['files:read', 'tasks:read'], requestedScopes: ['files:read'], grantedDaysAgo: 1 });
    expect(reviewConnection(extra, NOW, 90).map((s) => [s.title, s.reason])).toEqual([
      ['Take back “See your tasks”', 'Sandbox granted “See your tasks”, which Scopekeeper did not ask for. No tool needs it.'],
    ]);
  });

  it('leaves alone what a tool now needs, and what an asked scope covers', () => {
    expect(titles(connection({ granted: ['files:write'], requestedScopes: ['files:read'], approved: ['edit-files'], grantedDaysAgo: 1 }))).toEqual([]);
    expect(titles(connection({ granted: ['files:admin', 'files:read'], requestedScopes: ['files:admin'], grantedDaysAgo: 1 }))).toEqual([]);
  });
});
