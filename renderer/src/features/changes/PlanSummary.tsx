import type { JSX } from 'react';
import type { ChangePlan, ExplainedScope } from '../../../../shared/ipc/contract';

function ScopeItems({ label, scopes }: { label: string; scopes: readonly ExplainedScope[] }): JSX.Element | null {
  if (scopes.length === 0) return null;
  return (
    <>
      <h3 className="plan-label">{label}</h3>
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

function ActionItems({ label, titles }: { label: string; titles: readonly string[] }): JSX.Element | null {
  if (titles.length === 0) return null;
  return (
    <>
      <h3 className="plan-label">{label}</h3>
      <ul className="plan-list" aria-label={label}>
        {titles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ul>
    </>
  );
}

/** A plan in plain language, before anything happens at the provider: what, how, and what it costs. */
export function PlanSummary({ plan }: { plan: ChangePlan }): JSX.Element {
  return (
    <div className="plan">
      <p className="plan-connection">
        {plan.providerName}: {plan.account}
      </p>
      <ScopeItems label="You take back" scopes={plan.remove} />
      <ScopeItems label="You add" scopes={plan.add} />
      <h3 className="plan-label">What happens</h3>
      <ol className="plan-steps" aria-label="What happens">
        {plan.steps.map((step, index) => (
          // Steps are an ordered list of sentences; two may read the same, so the index keys them.
          <li key={index}>{step.description}</li>
        ))}
      </ol>
      <ActionItems label="Stops working" titles={plan.actionsLost} />
      <ActionItems label="Starts working" titles={plan.actionsGained} />
      {plan.providerRemembers !== undefined && <p className="plan-remembers">{plan.providerRemembers}</p>}
      <p className="plan-browser">{plan.opensBrowser ? 'Your browser will open.' : 'Nothing opens in your browser.'}</p>
    </div>
  );
}
