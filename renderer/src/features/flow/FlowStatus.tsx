import { useEffect, useRef } from 'react';
import type { JSX, RefObject } from 'react';
import { useAppStore } from '../../store';
import type { PendingFlow } from '../../store';
import { PLACES } from '../../store/places';
import { addingText } from '../../store/stepUpText';
import { CopyButton } from '../../ui/CopyButton';
import { CHANGE_PROGRESS_ID, connectButtonId } from '../../ui/domIds';
import { Feedback } from '../notices/Feedback';
import { DeviceCode } from './DeviceCode';
import { flowStageText } from './flowStageText';

/**
 * Shown while a sign-in runs in the browser: what is happening, and a way out. Where it was, how a
 * tool's step-up ended (the panel itself is gone by then).
 */
export function FlowStatus(): JSX.Element {
  const flow = useAppStore((s) => s.flow);
  if (flow === null) return <Feedback place={PLACES.flow} />;
  return <FlowPanel flow={flow} />;
}

/**
 * Keyboard focus while the panel shows: on Cancel for a sign-in started here (the button that
 * started it is disabled now); on the panel for a tool's step-up, brought into view however far
 * the pane was scrolled, once no tool's question holds focus in its dialog.
 */
function useFlowFocus(flow: PendingFlow): {
  cancelRef: RefObject<HTMLButtonElement | null>;
  panelRef: RefObject<HTMLDivElement | null>;
  titleRef: RefObject<HTMLHeadingElement | null>;
} {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const asking = useAppStore((s) => s.approvals.length > 0);
  const { providerId, origin, method } = flow;

  useEffect(() => {
    if (origin === 'tool') {
      if (asking) return;
      panelRef.current?.focus({ preventScroll: true });
      panelRef.current?.scrollIntoView?.({ block: 'nearest' });
      return;
    }
    // The button that was clicked is now disabled; keep keyboard focus somewhere useful: by code,
    // the panel's title until the code appears (DeviceCode then takes it), else Cancel.
    if (origin !== 'observed') (method === 'device' ? titleRef : cancelRef).current?.focus();
    return () => {
      // Focus was inside this panel, which is gone: hand it back to the provider's button, or to
      // the change this sign-in was a step of. (A tool's step-up ends with its result, which takes it.)
      if (document.activeElement === null || document.activeElement === document.body) {
        const next = origin === 'change' ? CHANGE_PROGRESS_ID : connectButtonId(providerId);
        document.getElementById(next)?.focus();
      }
    };
  }, [origin, providerId, asking, method]);
  return { cancelRef, panelRef, titleRef };
}

function FlowPanel({ flow }: { flow: PendingFlow }): JSX.Element {
  const cancelFlow = useAppStore((s) => s.cancelFlow);
  const { cancelRef, panelRef, titleRef } = useFlowFocus(flow);
  const cancel = (
    <button ref={cancelRef} type="button" onClick={() => void cancelFlow()} disabled={flow.cancelling}>
      Cancel
    </button>
  );

  if (flow.method === 'device') {
    return (
      <div className="panel flow" role="status" aria-labelledby="flow-title">
        <h2 ref={titleRef} id="flow-title" className="panel-title" tabIndex={-1}>
          Connect {flow.providerName} with a code
        </h2>
        <DeviceCode device={flow.device} providerName={flow.providerName} takeFocus={flow.origin !== 'observed'} />
        <p className="flow-stage">{flow.cancelling ? 'Cancelling…' : flowStageText(flow.stage)}</p>
        {cancel}
      </div>
    );
  }

  return (
    <div ref={panelRef} tabIndex={-1} className="panel flow" role="status" aria-labelledby="flow-title">
      <h2 id="flow-title" className="panel-title">
        Finish signing in in your browser
      </h2>
      <p>
        <FlowIntro flow={flow} /> sign in and choose what to allow on its page in your browser. This window updates when you are done.
      </p>
      {flow.browserFailed && <p className="flow-stage">Your browser did not open. Copy the sign-in link and open it in your browser.</p>}
      <p className="flow-stage">{flow.cancelling ? 'Cancelling…' : flowStageText(flow.stage)}</p>
      <div className="flow-actions">
        {flow.signInUrl !== null && <CopyButton text={flow.signInUrl} label="Copy sign-in link" />}
        {cancel}
      </div>
    </div>
  );
}

/** Whose sign-in it is: "Adding “…” for notes-agent:", "Changing permissions for Sandbox:", "Connecting Sandbox:". */
function FlowIntro({ flow }: { flow: PendingFlow }): JSX.Element {
  if (flow.purpose !== null) return <>{addingText(flow.purpose)} on <strong>{flow.providerName}</strong>:</>;
  if (flow.origin === 'change') return <>Changing permissions for <strong>{flow.providerName}</strong>:</>;
  return <>Connecting <strong>{flow.providerName}</strong>:</>;
}
