import { useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { BrokerApprovalRequest, BrokerHandoutOffer } from '../../../../shared/ipc/contract';

/** The sentence a person agrees to before a token that is not narrowed is handed out. */
export const WHOLE_TOKEN_ACKNOWLEDGEMENT = 'I understand: this token can do everything this connection can';

interface Props {
  request: BrokerApprovalRequest;
  titleId: string;
  offer: BrokerHandoutOffer;
  /** The account the person chose (or the one asked about). */
  connectionId: string | undefined;
  answering: boolean;
  choose(tokens: boolean): void;
}

/**
 * The approval dialog's own step for the token handout, after the person allowed the actions:
 * what a token handed to the tool could do, in plain words, and that it stays outside Scopekeeper.
 * A token that cannot be narrowed to the actions needs the person to tick that it can do
 * everything the connection can. "No tokens" is the safe choice and has focus first.
 */
export function HandoutStep({ request, titleId, offer, connectionId, answering, choose }: Props): JSX.Element {
  const [acknowledged, setAcknowledged] = useState(false);
  const safeChoice = useRef<HTMLButtonElement>(null);
  useEffect(() => safeChoice.current?.focus(), []);
  const everything = offer.everything.find((e) => e.connectionId === connectionId)?.can ?? [];

  return (
    <>
      <h2 id={titleId} className="dialog-title">
        Also give “{request.tool.name}” access tokens?
      </h2>
      <div className="dialog-body">
        <p>“{request.tool.name}” also asks for access tokens, to call {request.providerName} itself.</p>
        {offer.narrowed ? (
          <ul aria-label="A token can only">
            {request.actions.map((action) => (
              <li key={action.id}>
                A token for {action.title} can only: {action.needs.map((need) => need.title).join(', ')}
              </li>
            ))}
          </ul>
        ) : (
          <>
            <p>
              <strong>This token can do everything this connection can:</strong> {everything.join(', ')}.
            </p>
            <label>
              <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> {WHOLE_TOKEN_ACKNOWLEDGEMENT}
            </label>
          </>
        )}
        <p>
          With a token the tool acts without asking Scopekeeper, and those calls are not in Scopekeeper’s log. Taking this approval back stops new
          tokens; a token already given keeps working until it expires.{' '}
          {offer.notAlone === 'no-endpoint'
            ? `${request.providerName} lets no app end a token early, so disconnecting the account does not end it either.`
            : 'Disconnecting the account ends it at once.'}
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" disabled={answering || (!offer.narrowed && !acknowledged)} onClick={() => choose(true)}>
          Also give access tokens
        </button>
        <button ref={safeChoice} type="button" data-safe-choice disabled={answering} onClick={() => choose(false)}>
          No tokens, calls only
        </button>
      </div>
    </>
  );
}
