import { Fragment, useState } from 'react';
import type { JSX } from 'react';
import type { HistoryEntryView } from '../../../../shared/ipc/contract';
import { HISTORY_LABELS } from './historyLabels';

/**
 * What happened to a connection, oldest first (the order the main process keeps), collapsed.
 * The entries are rendered only while open, as in ScopeDetails: closed, their words ("Disconnected",
 * "Revoked", raw scopes) would otherwise read as the card's current state.
 */
export function ConnectionHistory({ history }: { history: readonly HistoryEntryView[] }): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <details className="history" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>History</summary>
      {open &&
        (history.length === 0 ? (
          <p className="placeholder">Nothing has happened yet.</p>
        ) : (
          <ol className="history-list" aria-label="History">
            {history.map((entry, index) => (
              // Entries never move or disappear, and two can share a time and kind: the index keys them.
              <li key={index} className="history-entry">
                <span className="history-kind">{HISTORY_LABELS[entry.kind]}</span>{' '}
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>{' '}
                <span className="history-message">{entry.message}</span>
                {entry.scopes.length > 0 && (
                  <small className="history-scopes">
                    {entry.scopes.map((scope, i) => (
                      <Fragment key={scope}>
                        {i > 0 && ' '}
                        <code>{scope}</code>
                      </Fragment>
                    ))}
                  </small>
                )}
              </li>
            ))}
          </ol>
        ))}
    </details>
  );
}
