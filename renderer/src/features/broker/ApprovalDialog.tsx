import { useEffect, useId, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { BrokerApprovalRequest, BrokerDecision } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { HandoutStep } from './HandoutStep';

const ACCESS_CHOICES: readonly { decision: BrokerDecision; label: string }[] = [
  { decision: 'allow-once', label: 'Allow once' },
  { decision: 'allow-week', label: 'Allow for 7 days' },
  { decision: 'allow-always', label: 'Always allow' },
];

function title(request: BrokerApprovalRequest): string {
  return request.kind === 'step-up'
    ? `“${request.tool.name}” needs another permission`
    : `“${request.tool.name}” wants to use your ${request.providerName} account`;
}

/**
 * A tool or agent asks, through the broker: the oldest question, in a modal dialog, in plain
 * language (who asks, as which account, what for, what it needs and whether the connection has
 * it). Deny is the safe choice and has focus first.
 */
export function ApprovalDialog(): JSX.Element | null {
  const request = useAppStore((s) => s.approvals[0]);
  const answer = useAppStore((s) => s.answerApproval);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (request && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>('[data-safe-choice]')?.focus();
    } else if (!request && dialog.open) {
      dialog.close();
    }
  }, [request]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape is a refusal, said as one, rather than a question left hanging.
        event.preventDefault();
        if (request) void answer(request.requestId, 'deny');
      }}
    >
      {/* Keyed by question: the account choice and the checkbox start afresh for each one. */}
      {request && <ApprovalBody key={request.requestId} request={request} titleId={titleId} />}
    </dialog>
  );
}

/** Which tool this is: apart from another of the same name, and the program the system shows asking. */
function ToolIdentity({ tool }: { tool: BrokerApprovalRequest['tool'] }): JSX.Element {
  return (
    <>
      {tool.claimedName && (
        <p>
          Another tool is already called “{tool.claimedName}”: this is a different one (it has another secret), shown as “{tool.name}”.
        </p>
      )}
      {tool.program !== undefined && (
        <p>
          Program: {tool.program}
          {tool.program === 'unknown program' ? ' (this system does not tell which program is asking)' : ''}
        </p>
      )}
    </>
  );
}

function ApprovalBody({ request, titleId }: { request: BrokerApprovalRequest; titleId: string }): JSX.Element {
  const answering = useAppStore((s) => s.answering);
  const answer = useAppStore((s) => s.answerApproval);
  const [chosen, setChosen] = useState<string | undefined>(request.candidates[0]?.id);
  // The token handout is its own step, after the person allowed the actions (never with "Allow once").
  const [allowed, setAllowed] = useState<BrokerDecision | undefined>();

  const decide = (decision: BrokerDecision, tokenHandout = false): void => {
    void answer(request.requestId, decision, {
      ...(chosen && !request.connection ? { connectionId: chosen } : {}),
      ...(request.handout ? { tokenHandout } : {}),
    });
  };
  const allow = (decision: BrokerDecision): void => {
    if (request.handout && decision !== 'allow-once' && decision !== 'deny') setAllowed(decision);
    else decide(decision);
  };

  if (request.handout && allowed) {
    const connectionId = request.connection?.id ?? chosen;
    return <HandoutStep {...{ request, titleId, connectionId, answering }} offer={request.handout} choose={(tokens) => decide(allowed, tokens)} />;
  }

  return (
    <>
      <h2 id={titleId} className="dialog-title">
        {title(request)}
      </h2>
      <div className="dialog-body">
        {!request.tool.known && request.kind === 'access' && <p>Scopekeeper has not seen this tool before. Its name is what it calls itself.</p>}
        <ToolIdentity tool={request.tool} />
        {request.reason && <p>It says: “{request.reason}”</p>}
        {request.connection ? (
          <p>
            Account: {request.providerName} {request.connection.account}
          </p>
        ) : (
          <fieldset>
            <legend>Which account?</legend>
            {request.candidates.map((c) => (
              <label key={c.id}>
                <input type="radio" name="broker-account" value={c.id} checked={chosen === c.id} onChange={() => setChosen(c.id)} /> {c.providerName} {c.account}
              </label>
            ))}
          </fieldset>
        )}
        <ul aria-label="It wants to">
          {request.actions.map((action) => (
            <li key={action.id}>
              {action.title}; needs: {action.needs.map((need) => `${need.title} (${need.granted ? 'granted' : 'not granted yet'})`).join(', ')}
            </li>
          ))}
        </ul>
        {request.plan && (
          <p>
            Scopekeeper would ask {request.plan.providerName} to add: {request.plan.add.map((s) => s.title).join(', ')}.
            {request.plan.opensBrowser ? ' Your browser will open.' : ''}
          </p>
        )}
        {request.handout && <p>It also asks for access tokens: you decide that next, separately (“Allow once” comes without tokens).</p>}
      </div>
      <div className="dialog-actions">
        {request.kind === 'step-up' ? (
          <button type="button" className="primary" disabled={answering} onClick={() => allow('allow-once')}>
            Add permission
          </button>
        ) : (
          ACCESS_CHOICES.map((choice) => (
            <button key={choice.decision} type="button" className="primary" disabled={answering} onClick={() => allow(choice.decision)}>
              {choice.label}
            </button>
          ))
        )}
        <button type="button" data-safe-choice disabled={answering} onClick={() => decide('deny')}>
          Deny
        </button>
      </div>
    </>
  );
}
