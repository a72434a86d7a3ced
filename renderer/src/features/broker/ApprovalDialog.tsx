import { useEffect, useId, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { ActionEffect } from '../../../../shared/catalog/types';
import type { BrokerApprovalRequest, BrokerDecision } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { HandoutStep } from './HandoutStep';
import { HandoutNote, ResourceChoice } from './ResourceChoice';
import { APPROVAL_MODES, type ApprovalMode } from '../../../../shared/timeBox';

const ACCESS_CHOICES: readonly { decision: BrokerDecision; label: string }[] = [
  { decision: 'allow-once', label: 'Allow once' },
  { decision: 'allow-week', label: 'Allow for 7 days' },
  { decision: 'allow-always', label: 'Always allow' },
];

/** A step-up the connection's fixed list does not allow: what is missing, and that nothing is added. */
function MissingScope({ missing }: { missing: readonly { scope: string; title: string }[] }): JSX.Element {
  return (
    <div role="group" aria-label="Missing scope">
      <p>
        <strong>Missing scope:</strong> {missing.map((s) => `${s.title} (${s.scope})`).join(', ')}. This connection keeps a fixed list and {missing.length === 1 ? 'it is' : 'they are'} not
        on it, so nothing will be added. Add {missing.length === 1 ? 'it' : 'them'} to the list to allow this; the tool can then ask again.
      </p>
    </div>
  );
}

/** "Allow for …": the time boxes a tool's approval can have; 7 days unless the person picks another. */
const TIMED_CHOICES: readonly { decision: BrokerDecision; label: string }[] = [
  { decision: 'allow-hour', label: '1 hour' },
  { decision: 'allow-day', label: '1 day' },
  { decision: 'allow-week', label: '7 days' },
  { decision: 'allow-month', label: '30 days' },
];

/** What the person is told about an action that sends, deletes or shares: each call is asked about. */
const CONFIRM_NOTE: Record<ActionEffect, string> = {
  sends: 'Scopekeeper will still ask before each message is sent.',
  destroys: 'Scopekeeper will still ask before each call, as it can delete things.',
  shares: 'Scopekeeper will still ask before each call, as it can share things with others.',
};

function title(request: BrokerApprovalRequest): string {
  if (request.kind === 'confirm') {
    const action = request.actions[0]?.title ?? 'act';
    return `Allow “${request.tool.name}” to ${action.charAt(0).toLowerCase()}${action.slice(1)} now?`;
  }
  return request.kind === 'step-up'
    ? `“${request.tool.name}” needs another permission`
    : `“${request.tool.name}” wants to use your ${request.providerName} account`;
}

/** Whether `decision` lasts no longer than the managed policy allows (core refuses longer ones too). */
function withinPolicy(request: BrokerApprovalRequest, decision: BrokerDecision): boolean {
  if (request.longest === undefined) return true;
  return APPROVAL_MODES.indexOf(decision.slice('allow-'.length) as ApprovalMode) <= APPROVAL_MODES.indexOf(request.longest);
}

/** The dialog's buttons besides Deny: one call, one scope, or how long access lasts (no longer than the policy allows). */
function choicesFor(request: BrokerApprovalRequest): readonly { decision: BrokerDecision; label: string }[] {
  if (request.kind === 'confirm') return [{ decision: 'allow-once', label: 'Allow this call' }];
  // Outside a fixed list there is nothing to allow: the list is edited first ("Add it to the list").
  if (request.kind === 'step-up') return request.outsideList ? [] : [{ decision: 'allow-once', label: 'Add permission' }];
  return ACCESS_CHOICES.filter((c) => (c.decision === 'allow-week' ? timedChoices(request).length > 0 : withinPolicy(request, c.decision)));
}

function timedChoices(request: BrokerApprovalRequest): readonly { decision: BrokerDecision; label: string }[] {
  return TIMED_CHOICES.filter((c) => withinPolicy(request, c.decision));
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
  const addToList = useAppStore((s) => s.addToList);
  const [chosen, setChosen] = useState<string | undefined>(request.candidates[0]?.id);
  // The token handout is its own step, after the person allowed the actions (never with "Allow once").
  const [allowed, setAllowed] = useState<BrokerDecision | undefined>();
  // Only the resource the tool named, unless the person chooses any; a limited approval gets no tokens.
  const [anyResource, setAnyResource] = useState(false);
  const [timed, setTimed] = useState<BrokerDecision>(withinPolicy(request, 'allow-week') ? 'allow-week' : (timedChoices(request).at(-1)?.decision ?? 'allow-once'));
  const tokensOffered = request.handout !== undefined && (!request.resource || anyResource);

  const decide = (decision: BrokerDecision, tokenHandout = false): void => {
    void answer(request.requestId, decision, {
      ...(chosen && !request.connection ? { connectionId: chosen } : {}),
      ...(request.handout ? { tokenHandout } : {}),
      ...(request.resource ? { anyResource } : {}),
    });
  };
  const allow = (decision: BrokerDecision): void => {
    if (tokensOffered && decision !== 'allow-once' && decision !== 'deny') setAllowed(decision);
    else decide(decision);
  };

  if (request.handout && tokensOffered && allowed) {
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
        <AccountChoice request={request} chosen={chosen} choose={setChosen} />
        <RequestedActions request={request} />
        {request.resource && <ResourceChoice resource={request.resource} any={anyResource} choose={setAnyResource} />}
        {request.plan && (
          <p>
            Scopekeeper would ask {request.plan.providerName} to add: {request.plan.add.map((s) => s.title).join(', ')}.
            {request.plan.opensBrowser ? ' Your browser will open.' : ''}
          </p>
        )}
        {request.handout && <HandoutNote resource={request.resource} any={anyResource} />}
        {request.handoutBlocked && <p>It also asks for access tokens: {request.handoutBlocked}, so it can only make its calls through Scopekeeper.</p>}
        {request.longest && <p>On this computer, a tool&apos;s approval lasts at most {request.longest === 'once' ? 'one call' : TIMED_CHOICES.find((c) => c.decision === `allow-${request.longest}`)?.label ?? 'as long as you choose'} (policy).</p>}
        {request.outsideList && <MissingScope missing={request.outsideList} />}
      </div>
      <div className="dialog-actions">
        {request.outsideList && request.connection && (
          <button type="button" className="primary" disabled={answering} onClick={() => {
            decide('deny');
            addToList(request.connection?.id ?? '', request.outsideList?.map((s) => s.scope) ?? []);
          }}>
            Add it to the list
          </button>
        )}
        {choicesFor(request).map((choice) =>
          choice.decision === 'allow-week' ? (
            <TimedChoice key="timed" timed={timed} choose={setTimed} allow={() => allow(timed)} disabled={answering} choices={timedChoices(request)} />
          ) : (
            <button key={choice.decision} type="button" className="primary" disabled={answering} onClick={() => allow(choice.decision)}>
              {choice.label}
            </button>
          ),
        )}
        <button type="button" data-safe-choice disabled={answering} onClick={() => decide('deny')}>
          Deny
        </button>
      </div>
    </>
  );
}

/** "Allow for 7 days", with how long chosen beside it (1 hour, 1 day, 7 days, 30 days). */
function TimedChoice({ timed, choose, allow, disabled, choices }: { timed: BrokerDecision; choose: (d: BrokerDecision) => void; allow: () => void; disabled: boolean; choices: typeof TIMED_CHOICES }): JSX.Element {
  const label = TIMED_CHOICES.find((c) => c.decision === timed)?.label ?? '7 days';
  return (
    <span className="timed-choice">
      <button type="button" className="primary" disabled={disabled} onClick={allow}>
        Allow for {label}
      </button>
      <select aria-label="How long to allow" value={timed} disabled={disabled} onChange={(event) => choose(event.currentTarget.value as BrokerDecision)}>
        {choices.map((c) => (
          <option key={c.decision} value={c.decision}>
            {c.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The account the tool will use: the one it named, or the person's choice among the candidates. */
function AccountChoice({ request, chosen, choose }: { request: BrokerApprovalRequest; chosen: string | undefined; choose: (id: string) => void }): JSX.Element {
  if (request.connection) {
    return (
      <p>
        Account: {request.providerName} {request.connection.account}
      </p>
    );
  }
  return (
    <fieldset>
      <legend>Which account?</legend>
      {request.candidates.map((c) => (
        <label key={c.id}>
          <input type="radio" name="broker-account" value={c.id} checked={chosen === c.id} onChange={() => choose(c.id)} /> {c.providerName} {c.account}
        </label>
      ))}
    </fieldset>
  );
}

/** What the tool wants: the one call waiting for confirmation, or the actions it asks for and what each needs. */
function RequestedActions({ request }: { request: BrokerApprovalRequest }): JSX.Element {
  return request.kind === 'confirm' && request.call ? (
    <p>
      It is waiting to call {request.call.method} {request.call.host}
      {request.call.path}. You approved this action; Scopekeeper asks before each call because it cannot be taken back. You can
      stop these questions for this tool in Tools.
    </p>
  ) : (
    <ul aria-label="It wants to">
      {request.actions.map((action) => (
        <li key={action.id}>
          {action.title}; needs: {action.needs.map((need) => `${need.title} (${need.granted ? 'granted' : 'not granted yet'})`).join(', ')}
          {action.effect && ` ${CONFIRM_NOTE[action.effect]}`}
        </li>
      ))}
    </ul>
  );
}
