import { useId } from 'react';
import type { JSX } from 'react';
import type { BrokerToolView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { localDateTime } from '../../ui/dateTime';
import { Feedback } from '../notices/Feedback';
import { HandedOut } from './HandedOut';
import { StillWorking } from './StillWorking';

const MODE_TEXT = { once: 'Once', hour: 'For 1 hour', day: 'For 1 day', week: 'For 7 days', month: 'For 30 days', always: 'Always' } as const;

export function when(iso: string | undefined): string {
  return iso ? localDateTime(iso) : 'Never';
}

/** Executables other than the first that presented the tool's secret: a copied secret shows here. */
function OtherPrograms({ tool }: { tool: BrokerToolView }): JSX.Element | null {
  if (!tool.otherPrograms?.length) return null;
  return (
    <p role="note" className="field-hint">
      Its secret was also used by {tool.otherPrograms.map((p) => `${p.program} (first on ${localDateTime(p.firstSeenAt)})`).join(', ')}. If you did not run
      that, revoke this tool.
    </p>
  );
}

/** Per approval of an action that sends, deletes or shares: whether the person confirms each call. */
function ConfirmSwitch({ tool, approval }: { tool: BrokerToolView; approval: BrokerToolView['approvals'][number] }): JSX.Element | null {
  const setConfirm = useAppStore((s) => s.setConfirmEachCall);
  if (approval.confirmEachCall === undefined) return null;
  return (
    <label>
      <input
        type="checkbox"
        checked={approval.confirmEachCall}
        onChange={(e) => void setConfirm(tool.id, approval.connectionId, approval.actionId, e.target.checked)}
      />{' '}
      Ask me before each call<span className="visually-hidden"> of {approval.actionTitle} by {tool.name}</span>
    </label>
  );
}

const SECRET_STORE_TEXT = { keychain: 'in the system keychain', file: 'in a file only you can read' } as const;

/** Where the tool keeps its secret, as the tool itself said (Scopekeeper cannot look). */
function SecretStore({ tool }: { tool: BrokerToolView }): JSX.Element {
  return (
    <p>
      {tool.secretStore ? `“${tool.name}” says it keeps its secret ${SECRET_STORE_TEXT[tool.secretStore]}.` : `“${tool.name}” has not said where it keeps its secret.`}
    </p>
  );
}

const APPROVAL_COLUMNS = ['Action', 'Account', 'Approved', 'Last used', 'Calls', 'Each call', 'Revoke'] as const;

/** What the tool may do, one row per approval, each with its Revoke; on narrow windows each row stacks (CSS). */
function Approvals({ tool }: { tool: BrokerToolView }): JSX.Element {
  const revoke = useAppStore((s) => s.revokeTool);
  if (tool.approvals.length === 0) return <p>Nothing approved any more.</p>;
  return (
    <table className="approvals-table" aria-label={`What ${tool.name} may do`}>
      <thead>
        <tr>
          {APPROVAL_COLUMNS.map((column) => (
            <th key={column} scope="col">
              {/* The Revoke buttons' column needs no visible title. */}
              {column === 'Revoke' ? <span className="visually-hidden">{column}</span> : column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tool.approvals.map((a) => (
          <tr key={`${a.connectionId} ${a.actionId}`}>
            <td>
              {a.actionTitle}
              {a.resource ? ` — only ${a.resource}` : ''}
            </td>
            <td data-label="Account">{a.connection ? `${a.connection.providerName} ${a.connection.account}` : 'Removed connection'}</td>
            <td data-label="Approved">
              {a.mode !== 'once' && a.mode !== 'always' && a.expiresAt ? `Until ${when(a.expiresAt)}` : MODE_TEXT[a.mode]}
              {a.tokenHandout ? ', with access tokens' : ''}
            </td>
            <td data-label="Last used">{when(a.lastUsedAt)}</td>
            <td data-label="Calls">{a.calls}</td>
            <td>
              <ConfirmSwitch tool={tool} approval={a} />
            </td>
            <td>
              <button type="button" onClick={() => void revoke(tool.id, a.connectionId, a.actionId)}>
                Revoke {a.actionTitle} for {tool.name}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The chosen tool: where it runs from, what it holds, what it may do (revoking any of it), and Revoke for the whole tool. */
export function ToolDetail({ tool }: { tool: BrokerToolView }): JSX.Element {
  const revoke = useAppStore((s) => s.revokeTool);
  const headingId = useId();
  return (
    <article className="detail tool-detail" aria-labelledby={headingId}>
      <h3 id={headingId} className="tool-name">
        {tool.name}
      </h3>
      <p>
        First seen {when(tool.createdAt)} from {tool.program ?? 'an unknown program'}
        {` · last used ${when(tool.lastUsedAt)} · ${tool.calls} call${tool.calls === 1 ? '' : 's'}`}
        {tool.tokenHandout ? ' · may receive access tokens' : ''}
      </p>
      <SecretStore tool={tool} />
      <HandedOut tool={tool} />
      <OtherPrograms tool={tool} />
      <Feedback place={PLACES.toolApprovals(tool.id)} />
      <StillWorking toolId={tool.id} />
      <Approvals tool={tool} />
      <p>
        <button type="button" className="danger" onClick={() => void revoke(tool.id)}>
          Revoke {tool.name}
        </button>
      </p>
    </article>
  );
}
