import { useId } from 'react';
import type { JSX } from 'react';
import type { ChangePlan, ExplainedScope } from '../../../../shared/ipc/contract';

/** A plan's part under its own heading; the other choice of a dialog sits one level down. */
type Level = 'h3' | 'h4';

function ScopeItems({ label, scopes, level = 'h3' }: { label: string; scopes: readonly ExplainedScope[]; level?: Level }): JSX.Element | null {
  if (scopes.length === 0) return null;
  const Heading = level;
  return (
    <>
      <Heading className="plan-label">{label}</Heading>
      <ul className="plan-list" aria-label={label}>
        {scopes.map((scope) => (
          <li key={scope.scope}>
            <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

function ActionItems({ label, titles, level = 'h3' }: { label: string; titles: readonly string[]; level?: Level }): JSX.Element | null {
  if (titles.length === 0) return null;
  const Heading = level;
  return (
    <>
      <Heading className="plan-label">{label}</Heading>
      <ul className="plan-list" aria-label={label}>
        {titles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ul>
    </>
  );
}

/** The steps at the provider and here, what the provider keeps, and whether the browser opens. */
function HowItGoes({ plan, label, level = 'h3' }: { plan: ChangePlan; label: string; level?: Level }): JSX.Element {
  const Heading = level;
  return (
    <>
      <Heading className="plan-label">{label}</Heading>
      <ol className="plan-steps" aria-label={label}>
        {plan.steps.map((step, index) => (
          // Steps are an ordered list of sentences; two may read the same, so the index keys them.
          <li key={index}>{step.description}</li>
        ))}
      </ol>
    </>
  );
}

function Afterwards({ plan }: { plan: ChangePlan }): JSX.Element {
  return (
    <>
      {plan.providerRemembers !== undefined && <p className="plan-remembers">{plan.providerRemembers}</p>}
      <p className="plan-browser">{plan.opensBrowser ? 'Your browser will open.' : 'Nothing opens in your browser.'}</p>
    </>
  );
}

/**
 * The other choice of an implied take-back: keep what was asked, take back only the broader ones.
 * Its lists have names of their own, so neither choice's list is mistaken for the other's.
 */
function OnlyBroader({ plan, kept }: { plan: ChangePlan; kept: readonly ExplainedScope[] }): JSX.Element {
  const headingId = useId();
  return (
    <section className="plan-choice" aria-labelledby={headingId}>
      <h3 id={headingId} className="plan-label">
        Or take back only the broader ones
      </h3>
      <p>You keep {kept.map((s) => `“${s.title}”`).join(', ')}.</p>
      <ScopeItems label="Broader ones taken back" scopes={plan.remove} level="h4" />
      <HowItGoes plan={plan} label="How the broader ones are taken back" level="h4" />
      <ActionItems label="Lost with the broader ones" titles={plan.actionsLost} level="h4" />
      <Afterwards plan={plan} />
    </section>
  );
}

/** A plan in plain language, before anything happens at the provider: what, how, and what it costs. */
export function PlanSummary({ plan }: { plan: ChangePlan }): JSX.Element {
  const other = plan.onlyBroader !== undefined && plan.implied !== undefined ? { plan: plan.onlyBroader, kept: plan.implied.asked } : null;
  return (
    // Two choices sit side by side where there is room, so the dialog stays one screen high.
    <div className={other === null ? 'plan' : 'plan plan-two-choices'}>
      <p className="plan-connection">
        {plan.providerName}: {plan.account}
      </p>
      <div className="plan-main">
        <ScopeItems label="You take back" scopes={plan.remove} />
        {plan.implied !== undefined && <p className="plan-implied">{plan.implied.why}</p>}
        <ScopeItems label="You add" scopes={plan.add} />
        <HowItGoes plan={plan} label="What happens" />
        <ActionItems label="Stops working" titles={plan.actionsLost} />
        <ActionItems label="Starts working" titles={plan.actionsGained} />
        <Afterwards plan={plan} />
      </div>
      {other !== null && <OnlyBroader plan={other.plan} kept={other.kept} />}
    </div>
  );
}
