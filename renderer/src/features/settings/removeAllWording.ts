import type { RemovalAction, RemovalItem, RemovalResult } from '../../../../shared/ipc/contract';

/** What happens at the provider, in a few words beside each connection of the confirmation. */
export function actionLabel(action: RemovalAction, providerName: string): string {
  switch (action) {
    case 'revoke':
      return `Revoked through ${providerName}’s API`;
    case 'open-console':
      return `${providerName}’s page opens: it has no way for apps to revoke`;
    case 'remove-here':
      return 'Removed here only';
  }
}

/** The confirmation's question: how many, and whose. */
export function removeAllTitle(items: readonly RemovalItem[], providerName: string | undefined): string {
  const [only] = items;
  if (items.length === 1 && only) return `Remove the ${only.providerName} connection for ${only.account}?`;
  return providerName === undefined ? `Remove all ${items.length} connections?` : `Remove all ${items.length} ${providerName} connections?`;
}

const connections = (n: number): string => `${n} ${n === 1 ? 'connection' : 'connections'}`;

/** While running: "Removing 2 of 5 …"; once finished: what was removed, and what is still saved. */
export function runSummary(items: readonly RemovalItem[], results: Record<string, RemovalResult>, current: number | null, finished: boolean): string {
  if (!finished) return `Removing ${(current ?? Object.keys(results).length) + 1} of ${items.length} …`;
  const removed = items.filter((i) => results[i.connectionId]?.state === 'removed').length;
  const kept = items.length - removed;
  if (kept === 0) return `Removed ${connections(removed)}.`;
  return `Removed ${removed} of ${connections(items.length)}; ${connections(kept)} could not be removed and ${kept === 1 ? 'is' : 'are'} still saved.`;
}
