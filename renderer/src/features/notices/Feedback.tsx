import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import { isChangeBusy, useAppStore } from '../../store';
import { errorText } from '../../ui/errorText';

/** Focus is nowhere useful: on the page itself, or on a control that was disabled while it worked (Chromium then keeps no focus). */
function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
}

/** Whether the result should take focus now: focus was lost, or (`beside`) it is still on a control next to the result. */
function shouldTakeFocus(element: HTMLElement, beside: boolean): boolean {
  if (focusLost()) return true;
  return beside && element.parentElement !== null && element.parentElement.contains(document.activeElement);
}

export interface FeedbackProps {
  /** The place key (store/places.ts) this spot shows messages for. */
  place: string;
  className?: string;
  /**
   * Also take focus from the controls beside it (the result's parent element), not only when focus
   * was lost: for a result that answers the button the person just pressed. Focus elsewhere (the
   * person moved on while it worked) is never taken.
   */
  focusBeside?: boolean;
}

/**
 * The result or error of what the person just did, shown beside the control that did it. An error
 * is an alert, anything else a status, so both are announced when they appear. When the control
 * went away with the change (a closed dialog, a panel that ended) or was disabled while it worked,
 * focus moves to the message instead of being lost to the page, and the message is scrolled into view.
 */
export function Feedback({ place, className, focusBeside = false }: FeedbackProps): JSX.Element | null {
  const mine = useAppStore((s) => s.messagePlace === place);
  const error = useAppStore((s) => (s.messagePlace === place ? s.error : null));
  const notice = useAppStore((s) => (s.messagePlace === place ? s.notice : null));
  const tone = useAppStore((s) => s.noticeTone);
  const wantsFocus = useAppStore((s) => s.messagePlace === place && s.notice !== null && s.noticeFocus);
  const providerName = useAppStore((s) => s.errorProviderName);
  const during = useAppStore((s) => s.errorDuring);
  const dismissError = useAppStore((s) => s.dismissError);
  const dismissNotice = useAppStore((s) => s.dismissNotice);
  // A take-back's outcome offers to add back exactly what it took, through the normal consent.
  const undo = useAppStore((s) => (s.messagePlace === place && s.error === null && s.undo !== null && s.undo.notice === s.notice ? s.undo : null));
  const planChange = useAppStore((s) => s.planChange);
  const busy = useAppStore(isChangeBusy);
  const ref = useRef<HTMLDivElement>(null);
  const text = error !== null ? errorText(error, { providerName, during }) : notice;

  useEffect(() => {
    const element = ref.current;
    if (text === null || element === null) return;
    if (!wantsFocus && !shouldTakeFocus(element, focusBeside)) return;
    element.focus({ preventScroll: true });
    // Kept in view however far the pane was scrolled, without jumping when it already shows.
    element.scrollIntoView?.({ block: 'nearest' });
  }, [text, focusBeside, wantsFocus]);

  if (!mine || text === null) return null;
  const isError = error !== null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={isError ? 'alert' : 'status'}
      // The code is for tests and reports, never part of what a person reads.
      data-error-code={isError ? error.code : undefined}
      className={['feedback', isError ? 'feedback-error' : `feedback-${tone}`, className].filter(Boolean).join(' ')}
    >
      <p className="feedback-text">{text}</p>
      {undo !== null && (
        <button type="button" disabled={busy} onClick={() => void planChange(undo.connectionId, { add: undo.scopes }, place)}>
          Add it back
        </button>
      )}
      <button type="button" className="feedback-dismiss" onClick={isError ? dismissError : dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}
