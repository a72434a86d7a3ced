import type { JSX } from 'react';

/** The managed policy blocks this connection's provider now (granted before the rule came): said above its permissions. */
export function PolicyBlockNote({ text }: { text: string | undefined }): JSX.Element | null {
  if (text === undefined) return null;
  return (
    <p className="policy-blocked" role="note" aria-label="Policy">
      {text}
    </p>
  );
}
