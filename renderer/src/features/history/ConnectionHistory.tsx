import { useMemo } from 'react';
import type { JSX } from 'react';
import type { HistoryEntryView } from '../../../../shared/ipc/contract';
import { historyHeadline, newestFirst } from './historyLabels';
import { localDateTime } from '../../ui/dateTime';

export interface ConnectionHistoryProps {
  history: readonly HistoryEntryView[];
  /** Scope titles, to name permissions in words. */
  titles: ReadonlyMap<string, string>;
  /** The list's accessible name. */
  label?: string;
}

/** What happened to a connection, newest first, in words, each with its date and time. */
export function ConnectionHistory({ history, titles, label = 'History' }: ConnectionHistoryProps): JSX.Element {
  const entries = useMemo(() => newestFirst(history), [history]);
  if (entries.length === 0) return <p className="placeholder">Nothing has happened yet.</p>;
  return (
    <ol className="history-list" aria-label={label}>
      {entries.map((entry, index) => (
        // Entries never move or disappear, and two can share a time and kind: the index keys them.
        <li key={index} className="history-entry">
          <span className="history-headline">{historyHeadline(entry, titles)}</span>{' '}
          <time className="history-time" dateTime={entry.at}>
            {localDateTime(entry.at)}
          </time>
          <span className="history-message">{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}
