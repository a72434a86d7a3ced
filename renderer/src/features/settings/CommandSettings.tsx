import { useEffect, useId, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { CommandInstall } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { CopyButton } from '../../ui/CopyButton';
import { Feedback } from '../notices/Feedback';

/**
 * Settings → The scopekeeper command: puts the command the app ships on the person's PATH
 * (the main process decides where: electron/core/desktop/commandInstall.ts). What happened is
 * shown beside the button and takes focus; a command the person must run has Copy.
 */
export function CommandSettings(): JSX.Element {
  const installCommand = useAppStore((s) => s.installCommand);
  const [installing, setInstalling] = useState(false);
  // `n` counts answers, so a second identical answer still takes focus.
  const [answer, setAnswer] = useState<{ n: number; result: CommandInstall } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const headingId = `${useId()}-heading`;

  useEffect(() => {
    if (answer) resultRef.current?.focus();
  }, [answer]);

  async function install(): Promise<void> {
    setInstalling(true);
    const result = await installCommand();
    setInstalling(false);
    if (result) setAnswer((previous) => ({ n: (previous?.n ?? 0) + 1, result }));
  }

  return (
    <section className="section command-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>The scopekeeper command</h3>
      <p className="field-hint">
        Scripts and AI agents reach your accounts through the <code>scopekeeper</code> command and its MCP server (
        <code>scopekeeper mcp</code>), always with your approval here. It runs with Node.js 20 or later where installed, else with Scopekeeper itself.
      </p>
      <button type="button" disabled={installing} onClick={() => void install()}>
        Install the command
      </button>
      {answer && (
        <div ref={resultRef} tabIndex={-1} className={`command-result command-result-${answer.result.outcome}`} role="status">
          <p>{answer.result.message}</p>
          {answer.result.command && (
            <p className="command-to-run">
              <code>{answer.result.command}</code> <CopyButton text={answer.result.command} label="Copy the command" />
            </p>
          )}
        </div>
      )}
      <Feedback place={PLACES.command} />
    </section>
  );
}
