import { summaryOf, type ConnectionList, type ConnectionView, type ScopeMeaning } from '../../../shared/ipc/contract';

/** grants:list's answer for full views, as the main process would give it: summaries, and each provider's scope meanings once. */
export function connectionListOf(views: readonly ConnectionView[]): ConnectionList {
  const meanings = new Map<string, Map<string, ScopeMeaning>>();
  for (const view of views) {
    const known = meanings.get(view.providerId) ?? new Map<string, ScopeMeaning>();
    meanings.set(view.providerId, known);
    for (const { redundantWith: _r, grantedAt: _g, timeBox: _t, ...meaning } of [...view.granted, ...view.notGranted]) known.set(meaning.scope, meaning);
  }
  return { connections: views.map(summaryOf), meanings: [...meanings].map(([providerId, scopes]) => ({ providerId, scopes: [...scopes.values()] })) };
}
