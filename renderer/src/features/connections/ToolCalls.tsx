import type { JSX } from 'react';
import type { BrokerCallView, ConnectionUsage } from '../../../../shared/ipc/contract';
import { localDateTime } from '../../ui/dateTime';

/** What became of a call, as the person reads it: the provider's status, or why Scopekeeper refused it. */
const REFUSALS: Readonly<Record<string, string>> = {
  not_approved: 'refused: not approved',
  denied: 'refused: denied',
  insufficient_scope: 'refused: a permission is missing',
  operation_not_allowed: 'refused: not covered by the action',
  connection_revoked: 'refused: connection revoked',
  too_large: 'refused: too large',
  timeout: 'timed out',
  busy: 'refused: too many calls at once',
  paused: 'refused: tools paused',
  provider_unreachable: 'provider unreachable',
  bad_request: 'refused: malformed',
  cancelled: 'cancelled by the tool',
  blocked_by_policy: 'Blocked by policy',
  internal: 'failed inside Scopekeeper',
};

export function callOutcome(call: BrokerCallView): string {
  if (call.outcome === 'ok') return call.status === undefined ? 'answered' : `answered ${call.status}`;
  if (call.outcome === 'token-handout') return 'access token handed out';
  if (call.blocked !== undefined) return call.blocked;
  // An outcome this window has no words for yet is still words, never its code.
  const refusal = REFUSALS[call.outcome] ?? 'refused';
  return call.status === undefined ? refusal : `${refusal} (${call.status})`;
}

/**
 * The connection's audit log of tool calls, newest first: who, which action, method, host and path
 * (never query values or bodies), what came of it, and when. The export holds every call.
 */
export function ToolCalls({ usage }: { usage: ConnectionUsage }): JSX.Element {
  const { calls, totalCalls } = usage;
  if (calls.length === 0) return <p className="placeholder">No tool has called through this connection yet.</p>;
  return (
    <>
      {totalCalls > calls.length && (
        <p className="field-hint">
          The latest {calls.length} of {totalCalls} calls; Settings › Export tool calls CSV has them all.
        </p>
      )}
      <ol className="history-list tool-calls" aria-label="Calls by tools">
        {calls.map((call, index) => (
          // Entries never move or disappear, and two can share a time: the index keys them.
          <li key={index} className="history-entry">
            <span className="history-headline">
              “{call.tool}”{call.program ? ` via ${call.program}` : ''} · {call.actionTitle}
            </span>{' '}
            <time className="history-time" dateTime={call.at}>
              {localDateTime(call.at)}
            </time>
            <span className="history-message">
              <code>
                {call.method === 'TOKEN' ? 'access token' : `${call.method} ${call.host}${call.path}`}
              </code>{' '}
              {callOutcome(call)}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
