import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { plainText } from './plainText';

/** Only https documentation is linked: the main process opens https links in the system browser. */
function documentationUrl(source: string): string | null {
  try {
    return new URL(source).protocol === 'https:' ? source : null;
  } catch {
    return null;
  }
}

/** What a scope includes and does not allow, and its documentation: the part of a row shown on demand. */
export function ScopeDetails({ scope, titles }: { scope: ExplainedScope; titles: ReadonlyMap<string, string> }): JSX.Element | null {
  const docs = documentationUrl(scope.source);
  if (scope.includes.length === 0 && scope.doesNotAllow.length === 0 && docs === null) return null;

  return (
    <div className="scope-details-body">
      {scope.includes.length > 0 && (
        <>
          <p className="scope-details-label">Includes</p>
          <ul className="scope-includes" aria-label="Includes">
            {scope.includes.map((item) => (
              <li key={item}>{plainText(item, titles)}</li>
            ))}
          </ul>
        </>
      )}
      {scope.doesNotAllow.length > 0 && (
        <>
          <p className="scope-details-label">Does not allow</p>
          <ul className="scope-includes" aria-label="Does not allow">
            {scope.doesNotAllow.map((item) => (
              <li key={item}>{plainText(item, titles)}</li>
            ))}
          </ul>
        </>
      )}
      {docs !== null && (
        <a href={docs} target="_blank" rel="noreferrer">
          {scope.inferred ? 'Provider documentation' : `Provider documentation for ${scope.title}`}
        </a>
      )}
    </div>
  );
}
