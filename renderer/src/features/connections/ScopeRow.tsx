import type { JSX } from 'react';

/**
 * One scope of a connection. Shows the raw scope string for now; plain-language text from
 * shared/catalog is meant to land here.
 */
export function ScopeRow({ scope, granted }: { scope: string; granted: boolean }): JSX.Element {
  return (
    <li className={granted ? 'scope' : 'scope scope-not-granted'}>
      <code className="scope-id">{scope}</code>
      {!granted && (
        <>
          {' '}
          <span className="scope-mark">Not granted</span>
        </>
      )}
    </li>
  );
}
