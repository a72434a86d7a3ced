import { useState } from 'react';
import type { JSX } from 'react';
import { isChangeBusy, useAppStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CONNECTIONS_HEADING_ID } from '../../ui/domIds';

/** The foot of a connection's detail: "Forget…", which deletes only what this computer saved, once confirmed. */
export function ForgetConnection({ connectionId, providerName, account }: { connectionId: string; providerName: string; account: string }): JSX.Element {
  const forgetting = useAppStore((s) => s.forgettingId === connectionId);
  const forget = useAppStore((s) => s.forget);
  // Forgetting in the middle of a change would pull the connection from under it.
  const busy = useAppStore(isChangeBusy);
  const [confirming, setConfirming] = useState(false);

  async function confirmForget(): Promise<void> {
    const forgotten = await forget(connectionId);
    setConfirming(false);
    // This detail is about to disappear with the focus in it: move focus to the list instead.
    if (forgotten) document.getElementById(CONNECTIONS_HEADING_ID)?.focus();
  }

  return (
    <>
      <section className="detail-section detail-footer" aria-label="On this computer only">
        <p className="field-hint">Forgetting deletes the saved tokens here and leaves the grant at {providerName}.</p>
        <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
          Forget…
        </button>
      </section>

      <ConfirmDialog
        open={confirming}
        title={`Forget ${account} on this computer?`}
        confirmLabel="Forget"
        cancelLabel="Keep"
        busy={forgetting}
        onConfirm={() => void confirmForget()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Scopekeeper deletes its saved tokens here. The provider still remembers the permissions you granted;
          remove them in the provider&apos;s settings.
        </p>
      </ConfirmDialog>
    </>
  );
}
