import type { JSX } from 'react';

/** A saved record that cannot be shown: say so; the card's Forget removes it from this computer. */
export function DamagedRecord({ reason }: { reason: string }): JSX.Element {
  return (
    <div className="disconnected damaged-record">
      <p className="connection-state">
        <span className="badge badge-revoked">Damaged</span>
      </p>
      <p>{reason} Use Forget to remove it from this computer; your other connections are not affected.</p>
    </div>
  );
}
