import Papa from 'papaparse';
import type { ConnectionView, ExportFile } from '../../../shared/ipc/contract';
import type { HistoryEntry } from '../vault/schema';

export const EXPORT_COLUMNS = ['provider', 'account', 'scope', 'title', 'access_level', 'granted_at', 'source'] as const;
type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

/** One row per granted scope of every connected account. */
export function permissionRows(connections: readonly ConnectionView[]): ExportRow[] {
  return connections.flatMap((c) =>
    c.granted.map((s) => ({
      provider: c.providerName,
      account: c.account,
      scope: s.scope,
      title: s.title,
      access_level: s.access,
      granted_at: s.grantedAt ?? '',
      source: s.source,
    })),
  );
}

/**
 * Every granted permission as CSV (written by papaparse: quoting, embedded commas and newlines,
 * formula-looking cells escaped) or as JSON with each connection's history.
 */
export function exportPermissions(
  format: 'csv' | 'json',
  connections: readonly ConnectionView[],
  history: readonly HistoryEntry[],
  now: Date,
): ExportFile {
  const stamp = now.toISOString().slice(0, 10);
  const rows = permissionRows(connections);
  if (format === 'csv') {
    const content = Papa.unparse({ fields: [...EXPORT_COLUMNS], data: rows.map((r) => EXPORT_COLUMNS.map((k) => r[k])) }, { escapeFormulae: true });
    return { filename: `scopekeeper-permissions-${stamp}.csv`, mimeType: 'text/csv', content };
  }
  const json = {
    exportedAt: now.toISOString(),
    permissions: rows,
    history: history.map(({ at, providerName, account, kind, scopes, message }) => ({ at, provider: providerName, account, kind, scopes, message })),
  };
  return { filename: `scopekeeper-permissions-${stamp}.json`, mimeType: 'application/json', content: `${JSON.stringify(json, null, 2)}\n` };
}
