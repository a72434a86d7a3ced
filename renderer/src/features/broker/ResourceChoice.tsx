import type { JSX } from 'react';
import type { BrokerApprovalRequest } from '../../../../shared/ipc/contract';

type Named = NonNullable<BrokerApprovalRequest['resource']>;

/**
 * The one resource the tool named (a repository, a calendar, a file): the approval covers only
 * that one, the first choice, or any. Scopekeeper then refuses the tool's calls naming another.
 */
export function ResourceChoice({ resource, any, choose }: { resource: Named; any: boolean; choose: (any: boolean) => void }): JSX.Element {
  return (
    <fieldset>
      <legend>Which {resource.noun}?</legend>
      <label>
        <input type="radio" name="broker-resource" checked={!any} onChange={() => choose(false)} /> Only {resource.label}
      </label>
      <label>
        <input type="radio" name="broker-resource" checked={any} onChange={() => choose(true)} /> Any {resource.noun}
      </label>
    </fieldset>
  );
}

/** What the dialog says about the access tokens the tool also asked for. */
export function HandoutNote({ resource, any }: { resource: Named | undefined; any: boolean }): JSX.Element {
  if (resource && !any) {
    return (
      <p>
        It also asks for access tokens. A token cannot be limited to {resource.label}, so with “Only {resource.label}” the tool gets no access tokens.
      </p>
    );
  }
  return <p>It also asks for access tokens: you decide that next, separately (“Allow once” comes without tokens).</p>;
}
