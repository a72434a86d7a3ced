import { describe, expect, it } from 'vitest';
import { explainScope, inferScope } from './infer';

describe('inferScope', () => {
  it('reads Microsoft resource.verb.All names', () => {
    const sites = inferScope('microsoft', 'Sites.Read.All');
    expect(sites).toMatchObject({ access: 'read', category: 'files', inferred: true, title: 'Probably: read all sites' });
    expect(sites.sentence).toMatch(/^Probably .*all sites you can access in your organization/);
    expect(inferScope('microsoft', 'Mail.ReadWrite')).toMatchObject({ access: 'write', category: 'mail' });
    expect(inferScope('microsoft', 'https://graph.microsoft.com/Reports.Read.All')).toMatchObject({
      access: 'read',
      title: 'Probably: read all reports',
    });
  });

  it('reads Atlassian classic and granular names', () => {
    expect(inferScope('atlassian', 'read:jira-work')).toMatchObject({
      access: 'read',
      category: 'tasks',
      title: 'Probably: read your Jira work',
    });
    expect(inferScope('atlassian', 'write:issue:jira')).toMatchObject({ access: 'write', category: 'tasks' });
    expect(inferScope('atlassian', 'delete:comment:jira').access).toBe('delete');
    expect(inferScope('atlassian', 'manage:jira-configuration').access).toBe('admin');
  });

  it('reads Google URL scopes from their last path segment', () => {
    expect(inferScope('google', 'https://www.googleapis.com/auth/photoslibrary.readonly')).toMatchObject({
      access: 'read',
      title: 'Probably: read your photoslibrary',
    });
    // Google's convention: no ".readonly" means the app may change things.
    expect(inferScope('google', 'https://www.googleapis.com/auth/youtube').access).toBe('write');
    expect(inferScope('google', 'https://www.googleapis.com/auth/calendar.acls').category).toBe('calendar');
  });

  it('reads Slack, GitHub and sandbox-style names', () => {
    const history = inferScope('slack', 'canvases:history');
    expect(history.access).toBe('read');
    expect(history.sentence).toMatch(/message history of your canvases/);
    expect(inferScope('slack', 'calls:write')).toMatchObject({ access: 'write' });
    expect(inferScope('github', 'read:audit_log')).toMatchObject({ access: 'read', category: 'admin' });
    expect(inferScope('github', 'admin:enterprise').access).toBe('admin');
    expect(inferScope('sandbox', 'reports:read')).toMatchObject({
      access: 'read',
      title: 'Probably: read your reports',
      category: 'other',
    });
  });

  it('assumes a name without a verb allows changes', () => {
    expect(inferScope('unknown-server', 'gizmos')).toMatchObject({ access: 'write', title: 'Probably: change your gizmos' });
  });

  it('always marks the guess and keeps titles to six words', () => {
    for (const [provider, scope] of [
      ['microsoft', 'DeviceManagementManagedDevices.PrivilegedOperations.All'],
      ['google', 'https://www.googleapis.com/auth/cloud-platform.read-only'],
      ['atlassian', 'read:board-scope.admin:jira-software'],
      ['x', ''],
    ] as const) {
      const guess = inferScope(provider, scope);
      expect(guess.inferred).toBe(true);
      expect(guess.title).toMatch(/^Probably: /);
      expect(guess.sentence).toMatch(/^Probably /);
      expect(guess.title.split(/\s+/).length).toBeLessThanOrEqual(6);
    }
  });

  it('points at the provider docs when it knows them', () => {
    expect(inferScope('github', 'read:audit_log').source).toMatch(/^https:\/\/docs\.github\.com\//);
    expect(inferScope('unknown-server', 'x').source).toBe('');
  });
});

describe('explainScope', () => {
  it('uses the catalog when it can', () => {
    expect(explainScope('google', 'https://www.googleapis.com/auth/gmail.send')).toMatchObject({
      title: 'Send email as you',
      inferred: false,
    });
    expect(explainScope('microsoft', 'https://graph.microsoft.com/mail.read')).toMatchObject({
      scope: 'Mail.Read',
      inferred: false,
    });
    expect(explainScope('sandbox', 'files:admin').inferred).toBe(false);
  });

  it('falls back to a marked guess', () => {
    expect(explainScope('microsoft', 'Notes.Read.All')).toMatchObject({ inferred: true, access: 'read' });
  });
});
