import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import type { BrokerHandedOutView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { localDateTime } from '../../ui/dateTime';

/** Why the provider cannot end one token alone (BrokerHandedOutView's `notAlone`), in a clause. */
const REASON: Record<BrokerHandedOutView['notAlone'], (provider: string) => string> = {
  'whole-grant': (provider) => `${provider} cannot end one token alone: ending it ends the whole connection.`,
  'own-token': (provider) => `${provider} cannot end one token alone: it is this connection’s own.`,
  'no-endpoint': (provider) => `${provider} lets no app end a token early, so disconnecting does not end it either.`,
};

/** The latest expiry of `tokens`, or undefined when one of them has none. */
function lastExpiry(tokens: readonly BrokerHandedOutView[]): string | undefined {
  if (tokens.some((t) => t.expiresAt === undefined)) return undefined;
  return tokens.map((t) => t.expiresAt!).sort().at(-1);
}

/** "The token given to “notes-agent” for Read your files (…) keeps working at GitHub until you disconnect. GitHub cannot …" */
export function stillWorkingText(toolName: string, tokens: readonly BrokerHandedOutView[]): string {
  const { connection, notAlone } = tokens[0]!;
  const provider = connection.providerName;
  const expiry = lastExpiry(tokens);
  const expires = expiry ? `until it expires at ${localDateTime(expiry)}` : undefined;
  const until =
    notAlone === 'no-endpoint'
      ? (expires ?? `until you remove Scopekeeper’s access in your ${provider} account`)
      : `${expires ? `${expires}, or ` : ''}until you disconnect`;
  const which = tokens.length === 1 ? 'The token' : 'The tokens';
  const works = tokens.length === 1 ? 'keeps' : 'keep';
  return `${which} given to “${toolName}” for ${tokens.map((t) => t.actionTitle).join(' and ')} (${connection.account}) ${works} working at ${provider} ${until}. ${REASON[notAlone](provider)}`;
}

/**
 * After a Revoke, shown where the person revoked: the tokens already given for it that keep working,
 * until when and why; where disconnecting ends them, "End it now" runs the usual Remove connection
 * plan with its confirmation. Focus moves here, since the row (or card) revoked went away.
 */
export function StillWorking({ toolId }: { toolId: string }): JSX.Element | null {
  const outcome = useAppStore((s) => (s.stillWorking?.toolId === toolId ? s.stillWorking : null));
  const connections = useAppStore((s) => s.connections);
  const connectionsLoaded = useAppStore((s) => s.connectionsLoaded);
  const planDisconnect = useAppStore((s) => s.planDisconnect);
  const dismiss = useAppStore((s) => s.dismissStillWorking);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome !== null) ref.current?.focus();
  }, [outcome]);

  if (outcome === null) return null;
  // A connection disconnected since ("End it now") took its tokens along.
  const live = outcome.tokens.filter((t) => !connectionsLoaded || connections.some((c) => c.id === t.connection.id && c.state === 'connected'));
  const byConnection = new Map<string, BrokerHandedOutView[]>();
  for (const token of live) byConnection.set(token.connection.id, [...(byConnection.get(token.connection.id) ?? []), token]);
  if (byConnection.size === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status" className="feedback feedback-warning still-working">
      <p className="feedback-text">{outcome.revoked}</p>
      {[...byConnection.entries()].map(([connectionId, tokens]) => (
        <p key={connectionId} className="feedback-text">
          {stillWorkingText(outcome.toolName, tokens)}{' '}
          {tokens[0]!.notAlone !== 'no-endpoint' && (
            <button type="button" onClick={() => void planDisconnect(connectionId)}>
              End it now (disconnects {tokens[0]!.connection.providerName} {tokens[0]!.connection.account})
            </button>
          )}
        </p>
      ))}
      <button type="button" className="feedback-dismiss" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
