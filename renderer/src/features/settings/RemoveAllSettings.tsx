import { useEffect, useId, useMemo, useRef } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isChangeBusy, isRemoveAllRunning, useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Feedback } from '../notices/Feedback';
import { RemoveAllResults } from './RemoveAllResults';
import { actionLabel, removeAllTitle } from './removeAllWording';

/** The providers that have connections, each once, named as the list names them. */
function providersWithConnections(connections: readonly { providerId: string; providerName: string }[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const c of connections) if (!seen.has(c.providerId)) seen.set(c.providerId, c.providerName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * Settings → Remove all: every connection, or one provider's. One confirmation lists each with
 * what happens at its provider; nothing is removed before it is confirmed. Then each is removed in
 * turn through Remove connection, and the results stay here.
 */
export function RemoveAllSettings(): JSX.Element {
  const connections = useAppStore((s) => s.connections);
  const providers = useMemo(() => providersWithConnections(connections), [connections]);
  const plan = useAppStore((s) => s.removeAllPlan);
  const run = useAppStore((s) => s.removeAllRun);
  const running = useAppStore(isRemoveAllRunning);
  // Not disabled while the plan loads: the button keeps focus, and the dialog gives it back on Keep them.
  const busy = useAppStore((s) => isChangeBusy(s) || isRemoveAllRunning(s));
  const { planRemoveAll, cancelRemoveAll, confirmRemoveAll } = useAppStore(
    useShallow((s) => ({ planRemoveAll: s.planRemoveAll, cancelRemoveAll: s.cancelRemoveAll, confirmRemoveAll: s.confirmRemoveAll })),
  );
  const resultsRef = useRef<HTMLDivElement>(null);
  const headingId = `${useId()}-heading`;
  const planProvider = plan?.providerId === undefined ? undefined : plan.items[0]?.providerName;

  // The dialog and the button that confirmed it are gone once a run starts: the results take focus.
  useEffect(() => {
    if (running) resultsRef.current?.focus();
  }, [running]);

  return (
    <section className="section remove-all-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>Remove all</h3>
      <p className="field-hint">
        Removes every connection, or one provider’s: revoked at the provider where it offers a way, its page opened where it does not, and
        deleted here. You see the list first; a connection that cannot be removed stays, with the reason.
      </p>
      <div className="remove-all-buttons">
        {providers.length > 1 &&
          providers.map((p) => (
            <button key={p.id} type="button" className="danger-outline" disabled={busy} onClick={() => void planRemoveAll(p.id)}>
              Remove all {p.name} connections…
            </button>
          ))}
        <button type="button" className="danger-outline" disabled={busy || providers.length === 0} onClick={() => void planRemoveAll()}>
          Remove all connections…
        </button>
      </div>
      <Feedback place={PLACES.removeAll} />
      <RemoveAllResults ref={resultsRef} run={run} />

      <ConfirmDialog
        open={plan !== null}
        title={plan ? removeAllTitle(plan.items, planProvider) : ''}
        confirmLabel="Remove all"
        cancelLabel="Keep them"
        onConfirm={() => void confirmRemoveAll()}
        onCancel={cancelRemoveAll}
      >
        <ul className="remove-all-plan" aria-label="What happens to each connection">
          {plan?.items.map((item) => (
            <li key={item.connectionId}>
              <strong>
                {item.providerName}: {item.account}
              </strong>{' '}
              <span className="badge">{actionLabel(item.action, item.providerName)}</span>
              <p className="field-hint">{item.description}</p>
            </li>
          ))}
        </ul>
        <p>Each connection is removed in turn. One that cannot be removed stays saved, with the reason; the others are not put back.</p>
      </ConfirmDialog>
    </section>
  );
}
