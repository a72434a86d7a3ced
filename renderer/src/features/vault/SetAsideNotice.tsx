import { useState, type JSX } from 'react';
import type { SetAsideLines } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';

const LOG_NAMES: Record<SetAsideLines['log'], string> = { history: 'history log', 'tool-calls': 'tool-call log' };

function sentence({ log, lines, fileName }: SetAsideLines): string {
  const count = lines === 1 ? '1 damaged line' : `${lines} damaged lines`;
  return `${count} in the ${LOG_NAMES[log]} ${lines === 1 ? 'was' : 'were'} set aside (kept in ${fileName} in Scopekeeper's data folder).`;
}

/** Lines the main process found damaged in its logs at start-up and moved to files of their own. */
export function SetAsideNotice(): JSX.Element | null {
  const setAside = useAppStore((s) => s.app?.setAside);
  const [dismissed, setDismissed] = useState(false);
  if (setAside === undefined || setAside.length === 0 || dismissed) return null;
  return (
    <div className="panel notice" role="status" aria-label="Damaged log lines">
      {setAside.map((report) => (
        <p key={report.log}>{sentence(report)}</p>
      ))}
      <p>The other entries are unchanged.</p>
      <button type="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
