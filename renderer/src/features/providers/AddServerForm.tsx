import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { useAppStore } from '../../store';
import { EMPTY_SERVER, serverProblems, toNewServer } from './serverForm';
import type { ServerDraft, ServerProblems } from './serverForm';
import { firstProblem, ServerFields } from './ServerFields';
import { inputIdOf } from '../../ui/TextField';

/** "Add an OAuth or OpenID server": a generic provider the person configures themselves. */
export function AddServerForm(): JSX.Element {
  const adding = useAppStore((s) => s.addingProvider);
  const addProvider = useAppStore((s) => s.addProvider);
  const [values, setValues] = useState<ServerDraft>(EMPTY_SERVER);
  const [problems, setProblems] = useState<ServerProblems>({});
  const idPrefix = useId();

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = serverProblems(values);
    setProblems(found);
    const firstBad = firstProblem(values, found);
    if (firstBad !== undefined) {
      document.getElementById(inputIdOf(`${idPrefix}-${firstBad}`))?.focus();
      return;
    }
    // On failure the fields stay as typed, so the person can correct them; the alert says why.
    if (await addProvider(toNewServer(values))) setValues(EMPTY_SERVER);
  }

  return (
    <details className="add-server">
      <summary>Add an OAuth or OpenID server</summary>
      <form
        className="add-server-form"
        aria-label="Add an OAuth or OpenID server"
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        <ServerFields idPrefix={idPrefix} values={values} problems={problems} onChange={(patch) => setValues((current) => ({ ...current, ...patch }))} />
        <div className="add-server-actions">
          <button type="submit" aria-disabled={adding}>
            Add server
          </button>
        </div>
      </form>
    </details>
  );
}
