import type { JSX } from 'react';
import { ownClientAnchor } from '../../ui/domIds';

/** Instead of a disabled Connect button: one sentence, and the way to bring one's own client. */
export function NoClientNotice({ providerId, providerName, id }: { providerId: string; providerName: string; id: string }): JSX.Element {
  return (
    <p id={id} className="unavailable">
      This build of Scopekeeper has no OAuth client for {providerName}.{' '}
      <a href={`#${ownClientAnchor(providerId)}`}>Use your own OAuth app</a>
    </p>
  );
}
