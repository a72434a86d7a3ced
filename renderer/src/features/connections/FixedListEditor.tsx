import { useId, useState } from 'react';
import type { JSX } from 'react';
import type { ConnectionView, ScopeOption } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import type { ListEditor } from '../../store/scopeModeSlice';

const NO_OPTIONS: readonly ScopeOption[] = [];

/** The scopes the editor opens with ticked: the list, the recommended list (Reset), plus what "Add it to the list" brings. */
function initialTicks(connection: ConnectionView, editor: ListEditor): string[] {
  const base = editor.reset ? (connection.scopeMode?.recommended ?? []) : (connection.scopeMode?.list ?? []).map((scope) => scope.scope);
  return [...new Set([...base, ...editor.adding])];
}

/**
 * Editing a fixed list: a checkbox per permission (the provider's, the list's, and any typed in),
 * Save and Cancel. Saving grants nothing; the list is what may be asked for.
 */
export function FixedListEditor({ connection, editor }: { connection: ConnectionView; editor: ListEditor }): JSX.Element {
  const options = useAppStore((s) => s.providers.find((p) => p.id === connection.providerId)?.scopeOptions ?? NO_OPTIONS);
  const save = useAppStore((s) => s.saveFixedList);
  const close = useAppStore((s) => s.closeListEditor);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(initialTicks(connection, editor)));
  const [typed, setTyped] = useState('');
  const [extra, setExtra] = useState<readonly string[]>([]);
  const [saving, setSaving] = useState(false);
  const inputId = useId();

  const titles = new Map<string, string>();
  for (const scope of [...connection.granted, ...(connection.scopeMode?.list ?? [])]) titles.set(scope.scope, scope.title);
  for (const option of options) titles.set(option.scope, option.title);
  const shown = [...new Set([...(connection.scopeMode?.list ?? []).map((s) => s.scope), ...options.map((o) => o.scope), ...initialTicks(connection, editor), ...extra])];

  const toggle = (scope: string, on: boolean): void => {
    const next = new Set(ticked);
    if (on) next.add(scope);
    else next.delete(scope);
    setTicked(next);
  };
  const addTyped = (): void => {
    const scope = typed.trim();
    if (scope === '' || /\s/.test(scope)) return;
    if (!shown.includes(scope)) setExtra([...extra, scope]);
    toggle(scope, true);
    setTyped('');
  };

  return (
    <form
      className="fixed-list-editor"
      aria-label="Edit the fixed list"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void save(connection.id, shown.filter((scope) => ticked.has(scope))).finally(() => setSaving(false));
      }}
    >
      <fieldset>
        <legend>Permissions on the list</legend>
        {shown.map((scope) => (
          <label key={scope}>
            <input type="checkbox" checked={ticked.has(scope)} onChange={(event) => toggle(scope, event.currentTarget.checked)} /> {titles.get(scope) ?? scope} <code>({scope})</code>
          </label>
        ))}
      </fieldset>
      <label htmlFor={inputId}>Add a scope by name</label>
      <input id={inputId} value={typed} onChange={(event) => setTyped(event.currentTarget.value)} onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          addTyped();
        }
      }} />
      <button type="button" onClick={addTyped}>
        Add to the list
      </button>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
