import { useState } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { LastsSelect, lastsOf, type LastsChoice } from '../../ui/LastsSelect';
import { dialogWording } from './dialogWording';
import { PlanSummary } from './PlanSummary';

/** The second choice of an implied take-back: keep what was asked, take back what includes it. */
export const ONLY_BROADER = 'Take back only the broader ones';

/**
 * The confirmation before every scope change. Nothing reaches grants:apply-plan before Confirm;
 * Cancel, Escape and closing the dialog drop the plan. Focus starts on the title (ConfirmDialog).
 */
export function ChangeDialog(): JSX.Element {
  const plan = useAppStore((s) => s.plan);
  const confirming = useAppStore((s) => s.changeStatus === 'confirming');
  const confirmPlan = useAppStore((s) => s.confirmPlan);
  const dismissPlan = useAppStore((s) => s.dismissPlan);
  // A sign-in started elsewhere (another window) would make the change's own sign-in step fail
  // after its revoke: wait for it to end.
  const signInRunning = useAppStore((s) => s.flow !== null);
  // Only a plan that adds and takes nothing away gets the calm button.
  const onlyAdds = plan !== null && plan.kind === 'change' && plan.remove.length === 0;
  const wording = plan !== null ? dialogWording(plan) : { title: 'Review the change', confirm: 'Continue' };
  // What is added can be given for a while; each new plan starts at "until I take it back".
  const [lasts, setLasts] = useState<{ planId: string; choice: LastsChoice } | null>(null);
  const choice = lasts !== null && lasts.planId === plan?.planId ? lasts.choice : 'until-taken-back';
  const timed = choice === 'session' ? undefined : lastsOf(choice);

  return (
    <ConfirmDialog
      open={confirming && plan !== null}
      title={wording.title}
      confirmLabel={wording.confirm}
      cancelLabel="Cancel"
      confirmTone={onlyAdds ? 'primary' : 'danger'}
      busy={signInRunning}
      onConfirm={() => void confirmPlan(timed)}
      {...(plan?.onlyBroader !== undefined ? { alternative: { label: ONLY_BROADER, onConfirm: () => void confirmPlan(undefined, 'only-broader') } } : {})}
      onCancel={dismissPlan}
    >
      {plan !== null && <PlanSummary plan={plan} />}
      {plan !== null && onlyAdds && (
        <p className="lasts-field">
          <LastsSelect label="How long to keep what is added" value={choice} choose={(next) => setLasts({ planId: plan.planId, choice: next })} />
        </p>
      )}
    </ConfirmDialog>
  );
}
