import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { ConnectionHistory } from './ConnectionHistory';
import { localDateTime } from '../../ui/dateTime';

const HEADING_ID = 'removed-connections-heading';

/**
 * Connections removed from this computer still have a past: what they were allowed to do and
 * when. Their history is kept (and exported); this lists it, most recently removed first, each
 * connection's history folded until opened. Shown from the sidebar's "Removed (n)"; nothing is
 * shown until something has been removed.
 */
export function RemovedConnections(): JSX.Element | null {
  const removed = useAppStore((s) => s.removedConnections);
  const providers = useAppStore((s) => s.providers);
  if (removed.length === 0) return null;
  // Permissions are named in words: the removed connection's provider still knows their titles.
  const titlesOf = (providerId: string): Map<string, string> =>
    new Map((providers.find((p) => p.id === providerId)?.scopeOptions ?? []).map((o) => [o.scope, o.title]));

  return (
    <section className="section" aria-labelledby={HEADING_ID}>
      <h2 id={HEADING_ID}>Removed connections</h2>
      <p className="field-hint">No longer on this computer. Their history stays here and in the exports.</p>
      <ul className="removed-connections" aria-labelledby={HEADING_ID}>
        {removed.map((connection) => (
          <li key={connection.connectionId}>
            {/* Not named "<provider>: <account>" like a live connection's card, which tests and people look for. */}
            <article className="connection removed" aria-label={`Removed connection: ${connection.providerName}, ${connection.account}`}>
              <h3>
                {connection.providerName}: {connection.account}
              </h3>
              <p>
                Removed <time dateTime={connection.removedAt}>{localDateTime(connection.removedAt)}</time>
              </p>
              {/* Folded: a long past per connection would bury the others. */}
              <details className="removed-history">
                <summary>
                  History ({connection.history.length} {connection.history.length === 1 ? 'event' : 'events'})
                </summary>
                <ConnectionHistory history={connection.history} titles={titlesOf(connection.providerId)} />
              </details>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
