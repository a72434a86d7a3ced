import type { JSX } from 'react';
import { isChangeBusy, useAppStore } from '../../store';

/** Asks the provider, through a token refresh, whether it still accepts this connection. */
export function CheckAccessButton({ connectionId, providerName }: { connectionId: string; providerName: string }): JSX.Element {
  const checking = useAppStore((s) => s.checkingId === connectionId);
  const busy = useAppStore(isChangeBusy);
  const check = useAppStore((s) => s.checkConnection);
  return (
    <button type="button" onClick={() => void check(connectionId)} disabled={busy || checking} aria-busy={checking}>
      {checking ? `Checking with ${providerName}…` : 'Check access'}
    </button>
  );
}
