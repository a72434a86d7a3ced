import type { JSX } from 'react';
import { useAppStore } from '../../store';

/** Review: the actions an app update brought, per connection, each off or on, with Mark as reviewed. */
export function NewActions(): JSX.Element | null {
  const groups = useAppStore((s) => s.review?.newActions ?? null);
  const reviewActions = useAppStore((s) => s.reviewActions);
  if (groups === null || groups.length === 0) return null;
  return (
    <section aria-labelledby="review-new-actions">
      <h3 id="review-new-actions">New actions</h3>
      <p className="field-hint">An update of Scopekeeper brought these. Until you review them, nothing is asked for them and tools cannot use the ones that are off.</p>
      <ul className="suggestions" aria-label="New actions">
        {groups.flatMap((group) =>
          group.actions.map((action) => {
            const where = `${group.providerName} ${group.account}`;
            return (
              <li key={`${group.connectionId} ${action.id}`} className="suggestion">
                <p className="suggestion-where">{where}</p>
                <p>
                  {action.title}: {action.off ? 'off until you review it' : 'on (Settings: new actions enabled by default)'}
                </p>
                <button type="button" aria-label={`Mark ${action.title} (${where}) as reviewed`} onClick={() => void reviewActions(group.connectionId, [action.id])}>
                  Mark as reviewed
                </button>
              </li>
            );
          }),
        )}
      </ul>
    </section>
  );
}
