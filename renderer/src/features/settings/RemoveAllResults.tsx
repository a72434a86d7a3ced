import { forwardRef } from 'react';
import type { JSX } from 'react';
import type { RemovalItem, RemovalResult } from '../../../../shared/ipc/contract';
import type { RemoveAllRun } from '../../store';
import { errorText } from '../../ui/errorText';
import { runSummary } from './removeAllWording';

function ResultText({ item, result, running }: { item: RemovalItem; result: RemovalResult | undefined; running: boolean }): JSX.Element {
  if (result?.state === 'removed') return <p className="remove-all-result">Removed. {result.message}</p>;
  if (result?.state === 'failed') {
    const reason = result.error ? errorText(result.error, { providerName: item.providerName, during: 'change' }) : result.message;
    return <p className="remove-all-result remove-all-failed">Not removed: still saved here. {reason}</p>;
  }
  return <p className="remove-all-result field-hint">{running ? 'Removing …' : 'Waiting'}</p>;
}

/**
 * A Remove all run: "Removing 2 of 5 …" while it goes, then what was removed; each connection with
 * its result, a failure with its reason (the connection is still saved). The status is there from
 * the run's start (the results take focus then), so each change is announced; an alert says when
 * something was not removed.
 */
export const RemoveAllResults = forwardRef<HTMLDivElement, { run: RemoveAllRun | null }>(function RemoveAllResults({ run }, ref): JSX.Element {
  const summary = run ? runSummary(run.items, run.results, run.current, run.finished) : '';
  const failed = run !== null && run.finished && run.items.some((i) => run.results[i.connectionId]?.state !== 'removed');
  return (
    <div ref={ref} tabIndex={-1} className="remove-all-results">
      {run && (
        <>
          <p role="status">{failed ? '' : summary}</p>
          {failed && <p role="alert">{summary}</p>}
        </>
      )}
      {run && (
        <ul aria-label="Remove all results">
          {run.items.map((item, index) => (
            <li key={item.connectionId}>
              <strong>
                {item.providerName}: {item.account}
              </strong>
              <ResultText item={item} result={run.results[item.connectionId]} running={run.current === index} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
