import { useId } from 'react';
import type { JSX } from 'react';
import type { PolicySource } from '../../../../shared/policy/inForce';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from '../notices/Feedback';
import { policyRules, sourceName } from './policyWording';

/**
 * Settings › Policy: the managed policy in force in plain words, each rule with the file it came
 * from; or, when a file was refused, why, and what that means (nothing new can be granted).
 */
export function PolicySettings(): JSX.Element {
  const policy = useAppStore((s) => s.policy);
  const providers = useAppStore((s) => s.providers);
  const headingId = useId();
  const rules = policyRules(policy, providers);
  const pathOf = (origin: PolicySource['origin']): string => policy.sources.find((s) => s.origin === origin)?.path ?? '';
  const refused = policy.sources.filter((s) => s.state === 'refused');

  return (
    <section className="section policy-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>Policy</h3>
      <p className="field-hint">
        A policy says what can never be granted on this computer. Your organisation can set one for the whole computer; you can bind
        yourself with your own. Where both say something, the stricter one counts.
      </p>
      {refused.map((source) => (
        <div key={source.path} role="alert" className="panel alert">
          <p>
            {sourceName(source.origin)} could not be used: {source.path}: {source.problem}.
          </p>
          <p>
            Until it is fixed, nothing new can be granted: no connecting, no added permissions, no tool approvals, no access tokens for
            tools. What you already granted keeps working, and you can still take it back.
          </p>
        </div>
      ))}
      {rules.length > 0 ? (
        <ul aria-label="Rules in force" className="policy-rules">
          {rules.map((rule) => (
            <li key={rule.key}>
              {rule.text} <span className="field-hint">From {pathOf(rule.by)}</span>
            </li>
          ))}
        </ul>
      ) : (
        refused.length === 0 && <p>No policy is in force: nothing is restricted beyond what you choose.</p>
      )}
      <h4>Policy files</h4>
      <ul aria-label="Policy files" className="policy-files">
        {policy.sources.map((source) => (
          <li key={source.path}>
            {sourceName(source.origin)}: <code>{source.path}</code> ({source.state === 'in-force' ? 'in force' : source.state === 'absent' ? 'no file' : 'refused'})
          </li>
        ))}
      </ul>
      <Feedback place={PLACES.policy} />
    </section>
  );
}
