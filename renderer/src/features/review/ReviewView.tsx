import { useEffect, useId } from 'react';
import type { JSX } from 'react';
import type { SuggestionView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ChangeButton } from '../changes/ChangeButton';
import { Feedback } from '../notices/Feedback';
import { MainPane } from '../shell/MainPane';
import { NewActions } from './NewActions';

/** The button's verb: what the usual confirmation that it opens is about. */
function verb(suggestion: SuggestionView): string {
  if (suggestion.change.kind === 'disconnect') return 'Remove connection…';
  return suggestion.change.add.length > 0 ? 'Replace…' : 'Take back…';
}

/** One suggestion: where, what, why; its one button opens the usual change plan, and Dismiss. */
function SuggestionItem({ suggestion }: { suggestion: SuggestionView }): JSX.Element {
  const planChange = useAppStore((s) => s.planChange);
  const planDisconnect = useAppStore((s) => s.planDisconnect);
  const dismiss = useAppStore((s) => s.dismissSuggestion);
  const saving = useAppStore((s) => s.reviewSaving);
  const headingId = useId();
  const where = `${suggestion.providerName} ${suggestion.account}`;
  const { change, connectionId } = suggestion;
  const open = (): void => {
    if (change.kind === 'disconnect') void planDisconnect(connectionId, PLACES.review);
    else void planChange(connectionId, { add: change.add, remove: change.remove }, PLACES.review);
  };
  return (
    <li className="suggestion" aria-labelledby={headingId}>
      <p className="suggestion-where">{where}</p>
      <h3 id={headingId}>{suggestion.title}</h3>
      <p>{suggestion.reason}</p>
      <div className="suggestion-actions">
        <ChangeButton label={verb(suggestion)} name={`${verb(suggestion)} ${suggestion.title} (${where})`} onClick={open} />
        <button type="button" aria-label={`Dismiss ${suggestion.title} (${where}) for 90 days`} disabled={saving} onClick={() => void dismiss(suggestion.id)}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

/**
 * Review and tighten: what Scopekeeper proposes to take back, each with its reason. Nothing
 * changes here: each button opens the same confirmation as the connection's own controls.
 */
export function ReviewView(): JSX.Element {
  const review = useAppStore((s) => s.review);
  const status = useAppStore((s) => s.reviewLoadStatus);
  const loadReview = useAppStore((s) => s.loadReview);
  useEffect(() => {
    void loadReview();
  }, [loadReview]);
  const days = review?.unusedDays ?? 90;
  const suggestions = review?.suggestions ?? [];

  return (
    <div className="review-view">
      <MainPane>
        <h2 className="view-title">Review</h2>
        <p className="field-hint">
          Review looks for permissions no tool has used in {days} days on connections tools use, connections no tool has used in {days}{' '}
          days, permissions broader than what your tools need, and grants broader than what Scopekeeper asked for. The number of days
          is in Settings.
        </p>
        <Feedback place={PLACES.review} />
        <NewActions />
        {suggestions.length > 0 ? (
          <ul className="suggestions" aria-label="Suggestions">
            {suggestions.map((suggestion) => (
              <SuggestionItem key={suggestion.id} suggestion={suggestion} />
            ))}
          </ul>
        ) : (
          status !== 'loading' && (review?.newActions ?? []).length === 0 && <p className="placeholder">Nothing to review: every permission is in use and no broader than needed.</p>
        )}
      </MainPane>
    </div>
  );
}
