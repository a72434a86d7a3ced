import type { HistoryEntryView, RemovedConnectionView } from '../../../shared/ipc/contract';
import type { HistoryEntry } from '../vault/schema';
import type { Vault } from '../vault/vault';

/** What the window sees of a history entry: no ids, no provider internals. */
export function historyView({ at, kind, scopes, message }: HistoryEntry): HistoryEntryView {
  return { at, kind, scopes, message };
}

/** Connections removed from this computer, with the history the log keeps for them. */
export function removedConnectionViews(vault: Vault): RemovedConnectionView[] {
  return vault.removedConnections().map(({ history, ...removed }) => ({ ...removed, history: history.map(historyView) }));
}
