import type { HistoryEntryView } from '../../../../shared/ipc/contract';

/** Each kind of history entry, as the person reads it. */
export const HISTORY_LABELS: Readonly<Record<HistoryEntryView['kind'], string>> = {
  connected: 'Connected',
  granted: 'Signed in again',
  revoked: 'Took back',
  upgraded: 'Added',
  'partial-approval': 'Not granted',
  'refresh-failed': 'Could not refresh',
  disconnected: 'Disconnected',
  removed: 'Removed',
  'console-opened': 'Opened the provider’s settings',
  'broader-grant': 'Granted more than asked',
  'revoked-at-provider': 'Revoked at the provider',
  expired: 'Expired: remove it yourself',
  'blocked-by-policy': 'Blocked by policy',
  'outside-fixed-list': 'Not on the fixed list',
  'scope-mode': 'Scope mode',
  'fixed-list-edited': 'Fixed list edited',
};

/** Kinds whose scopes are worth naming: what was taken back, added or refused. */
const NAMES_SCOPES: ReadonlySet<HistoryEntryView['kind']> = new Set(['revoked', 'upgraded', 'partial-approval', 'console-opened', 'expired', 'blocked-by-policy', 'outside-fixed-list']);

/**
 * Newest first, whatever order the entries came in (the log keeps them oldest first). Entries with
 * the same time keep their logged order reversed, so the later one of two is still on top.
 */
export function newestFirst(history: readonly HistoryEntryView[]): HistoryEntryView[] {
  return history
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .map(({ entry }) => entry);
}

/** "Took back: Create and change your tasks" — the kind, and the permissions it was about in words. */
export function historyHeadline(entry: HistoryEntryView, titles: ReadonlyMap<string, string>): string {
  const label = HISTORY_LABELS[entry.kind];
  if (!NAMES_SCOPES.has(entry.kind) || entry.scopes.length === 0) return label;
  return `${label}: ${entry.scopes.map((scope) => titles.get(scope) ?? scope).join(', ')}`;
}
