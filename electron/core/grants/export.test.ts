import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionView, ExplainedScope } from '../../../shared/ipc/contract';
import { EXPORT_COLUMNS, HISTORY_COLUMNS, csvWriter, exportPermissions } from './export';
import type { HistoryEntry } from '../vault/schema';

const scope = (over: Partial<ExplainedScope>): ExplainedScope => ({
  scope: 'files:read',
  title: 'See your files',
  sentence: '',
  includes: [],
  doesNotAllow: [],
  access: 'read',
  sensitivity: 'basic',
  category: 'files',
  source: 'https://example.test/docs',
  inferred: false,
  redundantWith: [],
  grantedAt: '2026-11-22T10:00:00.000Z',
  ...over,
});

const connection = {
  providerName: 'Sandbox',
  account: '=HYPERLINK("http://evil.example")',
  granted: [scope({}), scope({ scope: 'files:write', title: 'Create, change "and" delete\nfiles', access: 'write' })],
} as ConnectionView;

const history: HistoryEntry[] = [
  { id: 'h1', connectionId: 'c1', providerId: 'sandbox', providerName: 'Sandbox', account: 'a', at: '2026-11-22T10:00:00.000Z', kind: 'connected', scopes: ['files:read'], message: 'Connected.' },
];

describe('exportPermissions', () => {
  // As the export's handler does: the CSV writer is loaded for the first export, not at start.
  beforeAll(() => csvWriter.load());

  it('writes one CSV row per granted scope that parses back to the same values', () => {
    const file = exportPermissions('csv', [connection], history, new Date('2026-11-22T12:00:00.000Z'));
    expect(file).toMatchObject({ filename: 'scopekeeper-permissions-2026-11-22.csv', mimeType: 'text/csv' });
    const parsed = Papa.parse<Record<string, string>>(file.content, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...EXPORT_COLUMNS]);
    expect(parsed.data.map((r) => r.title)).toEqual(['See your files', 'Create, change "and" delete\nfiles']);
    expect(parsed.data[1]).toMatchObject({ scope: 'files:write', access_level: 'write', granted_at: '2026-11-22T10:00:00.000Z' });
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const file = exportPermissions('csv', [connection], history, new Date());
    const parsed = Papa.parse<Record<string, string>>(file.content, { header: true });
    expect(parsed.data[0]!.account!.startsWith('=')).toBe(false);
  });

  it('includes the history in the JSON export', () => {
    const file = exportPermissions('json', [connection], history, new Date('2026-11-22T12:00:00.000Z'));
    const json = JSON.parse(file.content) as { permissions: unknown[]; history: { kind: string }[] };
    expect(json.permissions).toHaveLength(2);
    expect(json.history.map((h) => h.kind)).toEqual(['connected']);
  });
});

describe('exporting history', () => {
  const current = { ...connection, id: 'c1' } as ConnectionView;
  const removedHistory: HistoryEntry[] = [
    ...history,
    { id: 'h2', connectionId: 'gone', providerId: 'github', providerName: 'GitHub', account: '@octo', at: '2026-11-22T11:00:00.000Z', kind: 'connected', scopes: ['repo', 'read:org'], message: 'Connected, with "quotes", commas.' },
    { id: 'h3', connectionId: 'gone', providerId: 'github', providerName: 'GitHub', account: '@octo', at: '2026-11-22T11:30:00.000Z', kind: 'removed', scopes: ['repo'], message: '=cmd|calc' },
  ];

  it('writes one CSV row per history entry, removed connections included and marked', () => {
    const file = exportPermissions('history-csv', [current], removedHistory, new Date('2026-11-22T12:00:00.000Z'));
    expect(file).toMatchObject({ filename: 'scopekeeper-history-2026-11-22.csv', mimeType: 'text/csv' });
    const parsed = Papa.parse<Record<string, string>>(file.content, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...HISTORY_COLUMNS]);
    expect(parsed.data.map((r) => [r.provider, r.connection, r.event])).toEqual([
      ['Sandbox', 'current', 'connected'],
      ['GitHub', 'removed', 'connected'],
      ['GitHub', 'removed', 'removed'],
    ]);
    expect(parsed.data[1]).toMatchObject({ scopes: 'repo read:org', message: 'Connected, with "quotes", commas.' });
    expect(parsed.data[2]!.message!.startsWith('=')).toBe(false);
  });

  it('keeps a removed connection’s history in the JSON export, marked as removed', () => {
    const json = JSON.parse(exportPermissions('json', [current], removedHistory, new Date()).content) as { history: { account: string; connection: string; kind: string }[] };
    expect(json.history.filter((h) => h.connection === 'removed').map((h) => [h.account, h.kind])).toEqual([
      ['@octo', 'connected'],
      ['@octo', 'removed'],
    ]);
  });
});
