import type Papa from 'papaparse';
import { lazyModule } from '../lazyModule';
import type { BrokerCallView, ConnectionView, ExportFile } from '../../../shared/ipc/contract';
import type { HistoryEntry } from '../vault/schema';
import type { PolicyInForce } from '../../../shared/policy/inForce';

export const EXPORT_COLUMNS = ['provider', 'account', 'scope', 'title', 'access_level', 'granted_at', 'source'] as const;
type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

export const HISTORY_COLUMNS = ['at', 'provider', 'account', 'connection', 'event', 'scopes', 'message'] as const;
type HistoryRow = Record<(typeof HISTORY_COLUMNS)[number], string>;

export const CALL_COLUMNS = ['at', 'tool', 'provider', 'account', 'action', 'method', 'host', 'path', 'query_names', 'status', 'outcome'] as const;
type CallRow = Record<(typeof CALL_COLUMNS)[number], string>;

/**
 * Every call a tool made through the broker, oldest first: what the usage log holds and nothing
 * more (no query values, no bodies). Provider and account are blank for a connection removed since.
 */
export function callRows(connections: readonly ConnectionView[], calls: readonly BrokerCallView[]): CallRow[] {
  const byId = new Map(connections.map((c) => [c.id, c]));
  return calls.map((call) => ({
    at: call.at,
    tool: call.tool,
    provider: byId.get(call.connectionId)?.providerName ?? '',
    account: byId.get(call.connectionId)?.account ?? '',
    action: call.actionTitle,
    method: call.method,
    host: call.host,
    path: call.path,
    query_names: (call.queryNames ?? []).join(' '),
    status: call.status === undefined ? '' : String(call.status),
    outcome: call.outcome,
  }));
}

/**
 * Every history entry, removed connections included, oldest first. `connection` says whether the
 * connection is still on this computer ('current') or was removed ('removed').
 */
export function historyRows(connections: readonly ConnectionView[], history: readonly HistoryEntry[]): HistoryRow[] {
  return historyWithState(connections, history).map((h) => ({
    at: h.at,
    provider: h.provider,
    account: h.account,
    connection: h.connection,
    event: h.kind,
    scopes: h.scopes.join(' '),
    message: h.message,
  }));
}

/** Each entry as exported, with whether its connection is still here; one Set, built once. */
function historyWithState(connections: readonly ConnectionView[], history: readonly HistoryEntry[]) {
  const current = new Set(connections.map((c) => c.id));
  return history.map(({ at, providerName, account, connectionId, kind, scopes, message }) => ({
    at,
    provider: providerName,
    account,
    connection: current.has(connectionId) ? ('current' as const) : ('removed' as const),
    kind,
    scopes,
    message,
  }));
}

/** papaparse, loaded for the first CSV export rather than at start: `exportPermissions` needs it loaded. */
export const csvWriter = lazyModule<typeof Papa>('the CSV writer (papaparse)', () => import('papaparse').then((module) => module.default));

function csv(fields: readonly string[], rows: readonly Record<string, string>[]): string {
  return csvWriter.get().unparse({ fields: [...fields], data: rows.map((r) => fields.map((k) => r[k])) }, { escapeFormulae: true });
}

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
 * formula-looking cells escaped), every history entry as CSV (removed connections included), every
 * call tools made through the broker as CSV, or all three as JSON. `calls` is read only when needed.
 */
export function exportPermissions(
  format: 'csv' | 'json' | 'history-csv' | 'calls-csv',
  connections: readonly ConnectionView[],
  history: readonly HistoryEntry[],
  now: Date,
  calls: () => readonly BrokerCallView[] = () => [],
  /** The managed policy in force: the JSON export says what it was and where it came from. */
  policy?: PolicyInForce,
): ExportFile {
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'calls-csv') {
    return { filename: `scopekeeper-tool-calls-${stamp}.csv`, mimeType: 'text/csv', content: csv(CALL_COLUMNS, callRows(connections, calls())) };
  }
  if (format === 'history-csv') {
    return { filename: `scopekeeper-history-${stamp}.csv`, mimeType: 'text/csv', content: csv(HISTORY_COLUMNS, historyRows(connections, history)) };
  }
  const rows = permissionRows(connections);
  if (format === 'csv') {
    return { filename: `scopekeeper-permissions-${stamp}.csv`, mimeType: 'text/csv', content: csv(EXPORT_COLUMNS, rows) };
  }
  const json = {
    exportedAt: now.toISOString(),
    permissions: rows,
    history: historyWithState(connections, history),
    toolCalls: callRows(connections, calls()),
    ...(policy ? { policy } : {}),
    // Each connection's scope mode, and its fixed list where it keeps one.
    scopeModes: connections.map((c) => ({ provider: c.providerName, account: c.account, mode: c.scopeMode?.mode ?? 'follow', list: c.scopeMode?.list.map((s) => s.scope) ?? [] })),
  };
  return { filename: `scopekeeper-permissions-${stamp}.json`, mimeType: 'application/json', content: `${JSON.stringify(json, null, 2)}\n` };
}
