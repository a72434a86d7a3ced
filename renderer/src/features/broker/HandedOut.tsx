import type { JSX } from 'react';
import type { BrokerHandedOutView, BrokerToolView } from '../../../../shared/ipc/contract';
import { localDateTime } from '../../ui/dateTime';

/** Until when a given token works, and whether disconnecting ends it sooner (BrokerHandedOutView's `notAlone`). */
function until(h: BrokerHandedOutView): string {
  const provider = h.connection.providerName;
  if (h.notAlone === 'no-endpoint') {
    return h.expiresAt ? `until ${localDateTime(h.expiresAt)}; ${provider} lets no app end it sooner.` : `until you remove Scopekeeper’s access in your ${provider} account.`;
  }
  return `${h.expiresAt ? `until ${localDateTime(h.expiresAt)}` : 'until you disconnect that account'}; disconnecting the account ends it at once.`;
}

/**
 * Access tokens handed to a tool that may still work, even after their approval was taken back:
 * no provider can end one alone (see handout.ts in core), so the person sees until when.
 */
export function HandedOut({ tool }: { tool: BrokerToolView }): JSX.Element | null {
  if (tool.handedOut.length === 0) return null;
  return (
    <ul aria-label={`Access tokens ${tool.name} holds`}>
      {tool.handedOut.map((h) => (
        <li key={`${h.connection.id} ${h.actionId}`}>
          A token for {h.actionTitle} ({h.connection.providerName} {h.connection.account}) works {until(h)}
        </li>
      ))}
    </ul>
  );
}
