import type { HistoryEntryView } from '../../../../shared/ipc/contract';

/** Each kind of history entry, as the person reads it. */
export const HISTORY_LABELS: Readonly<Record<HistoryEntryView['kind'], string>> = {
  connected: 'Connected',
  granted: 'Signed in again',
  revoked: 'Revoked',
  upgraded: 'Upgraded',
  'partial-approval': 'Partly approved',
  'refresh-failed': 'Refresh failed',
  disconnected: 'Disconnected',
  removed: 'Removed',
  'console-opened': 'Opened provider settings',
  'broader-grant': 'Granted more than asked',
  'revoked-at-provider': 'Revoked at the provider',
};
