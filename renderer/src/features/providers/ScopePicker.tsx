import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { parseScopeInput, pickerGroups } from './scopeChoice';
import type { ScopeChoice } from './scopeChoice';

export interface ScopePickerProps {
  provider: ProviderView;
  choice: ScopeChoice;
  onToggle(scope: string, ticked: boolean): void;
  onAdd(scope: string): void;
  /** Why the managed policy blocks a scope ("Blocked by your organisation's policy"); undefined when it does not. */
  blockedBy?: (scope: string) => string | undefined;
}

/**
 * What the picker starts with, said once for every provider: defaults (the Sandbox's) never hold
 * an admin or restricted permission (see defaultScopes in the main process); elsewhere Connect
 * only signs in.
 */
function defaultsLine(provider: ProviderView): string {
  if (provider.defaultScopes.length > 0) {
    return `Ticked for you: ${provider.name}’s everyday permissions. Admin access and restricted permissions are never ticked for you; tick them yourself if you need them.`;
  }
  return `Nothing is ticked for you: Connect asks ${provider.name} only to sign you in. Tick the permissions you want to give.`;
}

/** "Choose permissions for …": one checkbox per scope Connect may ask for, and a way to add one. */
export function ScopePicker({ provider, choice, onToggle, onAdd, blockedBy = () => undefined }: ScopePickerProps): JSX.Element {
  const ticked = new Set(choice.ticked);
  const reasonId = useId();

  return (
    <details className="scope-picker">
      <summary>Choose permissions for {provider.name}</summary>
      <div className="scope-picker-body">
        <p className="field-hint picker-defaults">{defaultsLine(provider)}</p>
        {pickerGroups(provider, choice).map((group) => (
          <fieldset key={group.key} className="picker-group">
            <legend>{group.label}</legend>
            {group.entries.map(({ scope, title }) => {
              const blocked = blockedBy(scope);
              return (
                <label key={scope} className="picker-option">
                  <input
                    type="checkbox"
                    checked={ticked.has(scope) && blocked === undefined}
                    disabled={blocked !== undefined}
                    aria-describedby={blocked === undefined ? undefined : `${reasonId}-${scope}`}
                    onChange={(event) => onToggle(scope, event.currentTarget.checked)}
                  />{' '}
                  <span>{title}</span>{' '}
                  {/* The code is small print for people who know it; the checkbox's name stays the title. */}
                  <code className="scope-id" aria-hidden="true">
                    ({scope})
                  </code>
                  {blocked !== undefined && (
                    // Its description, not part of its name (the name stays the permission's title).
                    <span id={`${reasonId}-${scope}`} className="field-hint picker-blocked" aria-hidden="true">
                      {' '}
                      {blocked}
                    </span>
                  )}
                </label>
              );
            })}
          </fieldset>
        ))}
        <AddScopeForm onAdd={onAdd} />
      </div>
    </details>
  );
}

function AddScopeForm({ onAdd }: { onAdd(scope: string): void }): JSX.Element {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = parseScopeInput(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    onAdd(parsed.scope);
    setText('');
    setProblem(null);
  }

  return (
    <form className="picker-add" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>Add a scope by name</label>
      <div className="picker-add-row">
        <input
          id={inputId}
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? problemId : undefined}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit">Add scope</button>
      </div>
      {problem !== null && (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
