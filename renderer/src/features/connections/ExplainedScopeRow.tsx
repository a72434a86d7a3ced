import { useId, useState } from 'react';
import type { ComponentPropsWithRef, JSX, ReactNode } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { compileQuery } from '../../../../shared/search/match';
import type { SearchQuery } from '../../../../shared/search/match';
import { hiddenMatch, highlight } from './Highlight';
import { plainText } from './plainText';
import { ScopeBadges } from './ScopeBadges';
import { ScopeDetails } from './ScopeDetails';
import { TimeLeft } from '../../ui/TimeLeft';

export type ExplainedScopeRowProps = Omit<ComponentPropsWithRef<'li'>, 'children'> & {
  scope: ExplainedScope;
  /** Titles of this connection's scopes, to name the ones that make this one redundant. */
  titles: ReadonlyMap<string, string>;
  /** A control for this scope (its Remove button), shown beside the title. */
  action?: ReactNode;
  /** What uses this scope ("Used by …"), shown under its name. */
  usage?: ReactNode;
  /** The permission search, whose matches are marked; none by default. */
  query?: SearchQuery;
};

const NO_QUERY = compileQuery('');

/**
 * One granted scope, collapsed to its title (the raw string stays visible in small print); the
 * title opens what it means, what it includes and does not allow. Only the open row renders that.
 */
export function ExplainedScopeRow({ scope, titles, action, usage, query = NO_QUERY, className, ...li }: ExplainedScopeRowProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const includedIn = scope.redundantWith.map((other) => titles.get(other) ?? other);
  const because = hiddenMatch({ shown: [scope.title, scope.scope], other: [scope.sentence, ...scope.includes.map((item) => plainText(item, titles))] }, query);
  return (
    <li
      {...li}
      className={className === undefined ? 'scope-row' : `scope-row ${className}`}
      aria-label={scope.title}
      data-category={scope.category}
    >
      <div className="scope-row-head">
        <button
          type="button"
          className="scope-toggle"
          aria-expanded={open}
          aria-controls={open ? bodyId : undefined}
          onClick={() => setOpen(!open)}
        >
          <span className="chevron" aria-hidden="true" />
          <span className="scope-title">
            {highlight(scope.title, query)}
          </span>
        </button>
        <span className="scope-row-end">
          {scope.timeBox && <TimeLeft box={scope.timeBox} />}
          <ScopeBadges scope={scope} />
          {action}
        </span>
      </div>
      <code className="scope-id">
        {highlight(scope.scope, query)}
      </code>
      {because !== undefined && !(open && because === scope.sentence) && (
        <p className="scope-match">
          {highlight(because, query)}
        </p>
      )}
      {scope.policyBlock !== undefined && <p className="scope-policy-blocked">{scope.policyBlock}</p>}
      {usage}
      {open && (
        <div id={bodyId} className="scope-body">
          <p className="scope-sentence">
            {highlight(scope.sentence, query)}
          </p>
          {includedIn.length > 0 && <p className="scope-redundant">Already included in {includedIn.join(', ')}</p>}
          <ScopeDetails scope={scope} titles={titles} />
        </div>
      )}
    </li>
  );
}
