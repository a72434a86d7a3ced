import type { JSX } from 'react';
import type { ConnectionView } from '../../../../shared/ipc/contract';

/**
 * Access given for a while ran out where the provider lets only the person take it back: what to
 * remove, and where. It stays until the connection's next change.
 */
export function TakeBackAsked({ asked }: { asked: NonNullable<ConnectionView['takeBackAsked']> }): JSX.Element {
  return (
    <div className="take-back-asked" role="note" aria-label="Take it back yourself">
      <p>{asked.reason}</p>
      <p>
        <a href={asked.url} target="_blank" rel="noreferrer">
          Open {hostOf(asked.url)}
        </a>{' '}
        to remove it there, then reconnect so Scopekeeper sees the change.
      </p>
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
