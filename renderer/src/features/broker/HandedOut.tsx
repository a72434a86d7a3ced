import type { JSX } from 'react';
import type { BrokerToolView } from '../../../../shared/ipc/contract';
import { localDateTime } from '../../ui/dateTime';

/**
 * Access tokens handed to a tool that may still work, even after their approval was taken back:
 * the provider cannot end one without ending the whole connection, so the person sees until when.
 */
export function HandedOut({ tool }: { tool: BrokerToolView }): JSX.Element | null {
  if (tool.handedOut.length === 0) return null;
  return (
    <ul aria-label={`Access tokens ${tool.name} holds`}>
      {tool.handedOut.map((h) => (
        <li key={`${h.connection.id} ${h.actionId}`}>
          A token for {h.actionTitle} ({h.connection.providerName} {h.connection.account}) works{' '}
          {h.expiresAt ? `until ${localDateTime(h.expiresAt)}` : 'until you disconnect that account'}; disconnecting the account ends it at once.
        </li>
      ))}
    </ul>
  );
}
