import type { ComponentPropsWithRef, JSX, ReactNode } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { ScopeBadges } from './ScopeBadges';
import { ScopeDetails } from './ScopeDetails';

export type ExplainedScopeRowProps = Omit<ComponentPropsWithRef<'li'>, 'children'> & {
  scope: ExplainedScope;
  /** Titles of this connection's granted scopes, to name the ones that make this one redundant. */
  titles: ReadonlyMap<string, string>;
  /** A control for this scope (its Remove button), shown beside the title. */
  action?: ReactNode;
};

/** One granted scope in plain language; the raw string stays visible in small print. */
export function ExplainedScopeRow({ scope, titles, action, className, ...li }: ExplainedScopeRowProps): JSX.Element {
  const includedIn = scope.redundantWith.map((other) => titles.get(other) ?? other);
  return (
    <li
      {...li}
      className={className === undefined ? 'scope-row' : `scope-row ${className}`}
      aria-label={scope.title}
      data-category={scope.category}
    >
      <div className="scope-row-head">
        <span className="scope-title">{scope.title}</span>
        <span className="scope-row-end">
          <ScopeBadges scope={scope} />
          {action}
        </span>
      </div>
      <p className="scope-sentence">{scope.sentence}</p>
      {includedIn.length > 0 && <p className="scope-redundant">Already included in {includedIn.join(', ')}</p>}
      <code className="scope-id">{scope.scope}</code>
      <ScopeDetails scope={scope} />
    </li>
  );
}
