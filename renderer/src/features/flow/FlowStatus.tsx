import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import type { PendingFlow } from '../../store';
import { CHANGE_PROGRESS_ID, connectButtonId } from '../../ui/domIds';
import { DeviceCode } from './DeviceCode';
import { flowStageText } from './flowStageText';

/** Shown while a sign-in runs in the browser: what is happening, and a way out. */
export function FlowStatus(): JSX.Element | null {
  const flow = useAppStore((s) => s.flow);
  if (flow === null) return null;
  return <FlowPanel flow={flow} />;
}

function FlowPanel({ flow }: { flow: PendingFlow }): JSX.Element {
  const cancelFlow = useAppStore((s) => s.cancelFlow);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const { providerId, origin, method } = flow;

  useEffect(() => {
    // The button that was clicked is now disabled; keep keyboard focus somewhere useful: by code,
    // the panel's title until the code appears (DeviceCode then takes it), else Cancel.
    if (origin !== 'observed') (method === 'device' ? titleRef : cancelRef).current?.focus();
    return () => {
      // Focus was inside this panel, which is gone: hand it back to the provider's button, or to
      // the change this sign-in was a step of.
      if (document.activeElement === null || document.activeElement === document.body) {
        const next = origin === 'change' ? CHANGE_PROGRESS_ID : connectButtonId(providerId);
        document.getElementById(next)?.focus();
      }
    };
  }, [origin, providerId, method]);

  if (flow.method === 'device') {
    return (
      <div className="panel flow" role="status" aria-labelledby="flow-title">
        <h2 ref={titleRef} id="flow-title" className="panel-title" tabIndex={-1}>
          Connect {flow.providerName} with a code
        </h2>
        <DeviceCode device={flow.device} providerName={flow.providerName} takeFocus={origin !== 'observed'} />
        <p className="flow-stage">{flow.cancelling ? 'Cancelling…' : flowStageText(flow.stage)}</p>
        <button ref={cancelRef} type="button" onClick={() => void cancelFlow()} disabled={flow.cancelling}>
          Cancel
        </button>
      </div>
    );
  }

  return (
    <div className="panel flow" role="status" aria-labelledby="flow-title">
      <h2 id="flow-title" className="panel-title">
        Finish signing in in your browser
      </h2>
      {origin === 'change' ? (
        <p>
          Changing permissions for <strong>{flow.providerName}</strong>: sign in and choose what to allow on its
          page in your browser. This window updates when you are done.
        </p>
      ) : (
        <p>
          Connecting <strong>{flow.providerName}</strong>: sign in and choose what to allow on its page in your
          browser. This window updates when you are done.
        </p>
      )}
      <p className="flow-stage">{flow.cancelling ? 'Cancelling…' : flowStageText(flow.stage)}</p>
      <button ref={cancelRef} type="button" onClick={() => void cancelFlow()} disabled={flow.cancelling}>
        Cancel
      </button>
    </div>
  );
}
