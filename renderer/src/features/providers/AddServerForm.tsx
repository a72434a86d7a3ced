import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { useAppStore } from '../../store';
import type { NewServer } from '../../store';
import { serverProblems } from './serverForm';
import type { ServerField, ServerProblems } from './serverForm';

const EMPTY: NewServer = { name: '', issuer: '', clientId: '' };
const FIELDS: readonly { field: ServerField; label: string; type: 'text' | 'url'; hint?: string }[] = [
  { field: 'name', label: 'Name', type: 'text' },
  { field: 'issuer', label: 'Issuer URL', type: 'url', hint: 'Where the server publishes its OpenID or OAuth configuration.' },
  { field: 'clientId', label: 'Client ID', type: 'text', hint: 'The ID the server gave you when you registered Scopekeeper.' },
];

/** "Add an OAuth or OpenID server": a generic provider the person configures themselves. */
export function AddServerForm(): JSX.Element {
  const adding = useAppStore((s) => s.addingProvider);
  const addProvider = useAppStore((s) => s.addProvider);
  const [values, setValues] = useState<NewServer>(EMPTY);
  const [problems, setProblems] = useState<ServerProblems>({});
  const idPrefix = useId();
  const idOf = (field: ServerField, part = 'input'): string => `${idPrefix}-${field}-${part}`;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = serverProblems(values);
    setProblems(found);
    const firstBad = FIELDS.find(({ field }) => found[field] !== undefined);
    if (firstBad !== undefined) {
      document.getElementById(idOf(firstBad.field))?.focus();
      return;
    }
    const server = { name: values.name.trim(), issuer: values.issuer.trim(), clientId: values.clientId.trim() };
    // On failure the fields stay as typed, so the person can correct them; the alert says why.
    if (await addProvider(server)) setValues(EMPTY);
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
        {FIELDS.map(({ field, label, type, hint }) => {
          const problem = problems[field];
          const describedBy = [hint !== undefined ? idOf(field, 'hint') : null, problem !== undefined ? idOf(field, 'problem') : null]
            .filter((id) => id !== null)
            .join(' ');
          return (
            <div key={field} className="field">
              <label htmlFor={idOf(field)}>{label}</label>
              <input
                id={idOf(field)}
                type={type}
                value={values[field]}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={problem !== undefined}
                aria-describedby={describedBy === '' ? undefined : describedBy}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [field]: value }));
                }}
              />
              {hint !== undefined && (
                <p id={idOf(field, 'hint')} className="field-hint">
                  {hint}
                </p>
              )}
              {problem !== undefined && (
                <p id={idOf(field, 'problem')} className="field-problem">
                  {problem}
                </p>
              )}
            </div>
          );
        })}
        <div className="add-server-actions">
          <button type="submit" aria-disabled={adding}>
            Add server
          </button>
        </div>
      </form>
    </details>
  );
}
