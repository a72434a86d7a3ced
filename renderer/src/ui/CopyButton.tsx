import { useState } from 'react';
import type { JSX } from 'react';

/** Copies `text`; says so next to itself, or asks the person to copy by hand when the clipboard refuses. */
export function CopyButton({ text, label }: { text: string; label: string }): JSX.Element {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  }

  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span aria-live="polite" className="copy-outcome">
        {outcome === 'copied' ? 'Copied.' : outcome === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
      </span>
    </>
  );
}
