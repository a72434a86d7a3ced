import { useState } from 'react';
import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';

/** Only https documentation is linked: the main process opens https links in the system browser. */
function documentationUrl(source: string): string | null {
  try {
    return new URL(source).protocol === 'https:' ? source : null;
  } catch {
    return null;
  }
}

/**
 * "What this includes", collapsed. The body is rendered only while open: a long grant stays light,
 * and a row's text stays its own (an include such as `Everything "files:read" allows` would
 * otherwise make a search for files:read find this row too).
 */
export function ScopeDetails({ scope }: { scope: ExplainedScope }): JSX.Element | null {
  const [open, setOpen] = useState(false);
  const docs = documentationUrl(scope.source);
  if (scope.includes.length === 0 && scope.doesNotAllow.length === 0 && docs === null) return null;

  return (
    <details className="scope-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>What this includes</summary>
      {open && (
        <div className="scope-details-body">
          {scope.includes.length > 0 && (
            <ul className="scope-includes">
              {scope.includes.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
          {scope.doesNotAllow.length > 0 && (
            <>
              <p className="scope-details-label">Does not allow</p>
              <ul className="scope-includes" aria-label="Does not allow">
                {scope.doesNotAllow.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          )}
          {docs !== null && (
            <a href={docs} target="_blank" rel="noreferrer">
              Provider documentation
            </a>
          )}
        </div>
      )}
    </details>
  );
}
