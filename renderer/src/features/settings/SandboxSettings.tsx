import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from '../notices/Feedback';
import { SANDBOX_ADDRESS_EXAMPLE, sandboxAddressProblem } from './sandboxAddress';

/**
 * Settings → Sandbox server: where the built-in Sandbox provider finds its practice server.
 * Read-only when this run's environment sets it (npm start); otherwise typed in and saved.
 */
export function SandboxSettings(): JSX.Element {
  const { issuer, source } = useAppStore(
    useShallow((s) => ({ issuer: s.app?.sandbox.issuer, source: s.app?.sandbox.source ?? 'none' })),
  );
  const idPrefix = useId();
  const headingId = `${idPrefix}-heading`;
  const aboutId = `${idPrefix}-about`;

  return (
    <section className="section sandbox-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>Sandbox server</h3>
      <p id={aboutId} className="field-hint">
        The Sandbox is a practice server on this computer, for trying Scopekeeper without an account anywhere.{' '}
        <code>npm start</code> runs it and sets its address; otherwise run <code>npm run sandbox</code> and enter the
        address it prints.
      </p>

      {source === 'environment' ? (
        <p>{`Set for this run by SCOPEKEEPER_SANDBOX_ISSUER: ${issuer ?? ''}`}</p>
      ) : (
        <SandboxForm saved={source === 'settings' ? issuer : undefined} idPrefix={idPrefix} aboutId={aboutId} />
      )}
      <Feedback place={PLACES.sandbox} />
    </section>
  );
}

/**
 * The Sandbox's address, typed in and checked before it is saved; "Stop using the sandbox" once
 * one is saved. `saved`: the address saved in Settings, if any.
 */
function SandboxForm({ saved, idPrefix, aboutId }: { saved: string | undefined; idPrefix: string; aboutId: string }): JSX.Element {
  const saving = useAppStore((s) => s.savingSandbox);
  const setSandbox = useAppStore((s) => s.setSandbox);
  // null until the person types: the field then shows what is saved, also after a save or a clear.
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const inputId = `${idPrefix}-input`;
  const problemId = `${idPrefix}-problem`;
  const value = draft ?? saved ?? '';

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = sandboxAddressProblem(value);
    setProblem(found);
    if (found !== undefined) {
      document.getElementById(inputId)?.focus();
      return;
    }
    // On failure the field stays as typed, so the person can correct it; the alert says why.
    if (await setSandbox(value.trim())) setDraft(null);
  }

  async function stop(): Promise<void> {
    setProblem(undefined);
    if (await setSandbox(null)) setDraft(null);
  }

  return (
    <form className="sandbox-form" aria-label="Sandbox server" noValidate onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor={inputId}>Sandbox address</label>
        <input
          id={inputId}
          type="url"
          value={value}
          placeholder={SANDBOX_ADDRESS_EXAMPLE}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== undefined}
          aria-describedby={problem === undefined ? aboutId : `${aboutId} ${problemId}`}
          onChange={(event) => setDraft(event.currentTarget.value)}
        />
        {problem !== undefined && (
          <p id={problemId} className="field-problem">
            {problem}
          </p>
        )}
      </div>
      <div className="sandbox-actions">
        <button type="submit" aria-disabled={saving}>
          Save sandbox address
        </button>
        {saved !== undefined && (
          <button type="button" aria-disabled={saving} onClick={() => void stop()}>
            Stop using the sandbox
          </button>
        )}
      </div>
    </form>
  );
}
