import { useEffect, useLayoutEffect, useRef } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { CONNECTIONS_HEADING_ID, PERMISSIONS_HEADING_ID } from '../../ui/domIds';
import { ChangeDialog } from './ChangeDialog';
import { ChangeProgressPanel } from './ChangeProgressPanel';

function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

/**
 * Back to the button that started the change when it is still there and usable; else to the
 * message that says how it ended (shown where the change was asked for); else the view's heading.
 */
function restoreFocus(opener: HTMLElement | null): void {
  if (!focusLost()) return; // the person has moved on
  if (opener !== null && opener.isConnected && !(opener instanceof HTMLButtonElement && opener.disabled)) {
    opener.focus();
    return;
  }
  const message = document.querySelector<HTMLElement>('.feedback');
  if (message !== null) {
    message.focus();
    return;
  }
  (document.getElementById(CONNECTIONS_HEADING_ID) ?? document.getElementById(PERMISSIONS_HEADING_ID))?.focus();
}

/**
 * A scope change from plan to outcome: the confirmation dialog, then the progress panel while it
 * is applied. When it ends, focus goes back to where the person started it.
 */
export function PlannedChange(): JSX.Element {
  const confirming = useAppStore((s) => s.changeStatus === 'confirming');
  const applying = useAppStore((s) => s.changeStatus === 'applying');
  const opener = useRef<HTMLElement | null>(null);
  const wasApplying = useRef(false);

  // A layout effect runs before the dialog's own effect opens it and moves focus to its title,
  // so the element that had focus is still the button that asked for the plan.
  useLayoutEffect(() => {
    if (!confirming) return;
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }, [confirming]);

  // The button focus went back to, until the person moves on: the list the change reloaded can land
  // after the change ended (a newer reload won the race), and may no longer have it.
  const returnedTo = useRef<HTMLElement | null>(null);
  const connections = useAppStore((s) => s.connections);
  const details = useAppStore((s) => s.connectionDetails);

  useEffect(() => {
    if (wasApplying.current && !applying) {
      restoreFocus(opener.current);
      returnedTo.current = document.activeElement === opener.current ? opener.current : null;
    }
    if (applying) returnedTo.current = null;
    wasApplying.current = applying;
  }, [applying]);

  useEffect(() => {
    const button = returnedTo.current;
    if (button === null || button.isConnected) return;
    returnedTo.current = null;
    restoreFocus(null);
  }, [connections, details]);

  return (
    <>
      {/* Before the panel: Confirm closes the dialog before the panel takes focus. */}
      <ChangeDialog />
      {applying && <ChangeProgressPanel />}
    </>
  );
}
