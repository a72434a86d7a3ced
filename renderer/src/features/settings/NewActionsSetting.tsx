import { useEffect } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';

/** Settings → Permissions: whether actions an app update brings are on before you review them (Follow mode; off by default). */
export function NewActionsSetting(): JSX.Element {
  const on = useAppStore((s) => s.newActionsOn);
  const load = useAppStore((s) => s.loadNewActionsSetting);
  const save = useAppStore((s) => s.setNewActionsSetting);
  // Read once: afterwards the store holds what was saved.
  useEffect(() => {
    if (on === null) void load();
  }, [on, load]);
  return (
    <section className="section" aria-labelledby="new-actions-setting">
      <h3 id="new-actions-setting">New actions</h3>
      <label>
        <input type="checkbox" checked={on === true} disabled={on === null} onChange={(event) => void save(event.currentTarget.checked)} /> New actions enabled by default
      </label>
      <p className="field-hint">When an update brings an action a connection did not have, it stays off until you review it, unless this is on. A connection with a fixed list keeps it off either way.</p>
    </section>
  );
}
