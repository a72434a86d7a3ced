import { useEffect, useId } from 'react';
import type { JSX } from 'react';
import type { BrokerToolView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { MainPane } from '../shell/MainPane';
import { localDateTime } from '../../ui/dateTime';
import { ConnectTools } from './ConnectTools';
import { HandedOut } from './HandedOut';
import { PauseTools } from '../notices/PauseTools';
import { StillWorking } from './StillWorking';

const MODE_TEXT = { once: 'Once', hour: 'For 1 hour', day: 'For 1 day', week: 'For 7 days', month: 'For 30 days', always: 'Always' } as const;

function when(iso: string | undefined): string {
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

function ToolCard({ tool }: { tool: BrokerToolView }): JSX.Element {
  const revoke = useAppStore((s) => s.revokeTool);
  const headingId = useId();
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{tool.name}</h3>
      <p>
        First seen {when(tool.createdAt)} from {tool.program ?? 'an unknown program'}
        {` · last used ${when(tool.lastUsedAt)} · ${tool.calls} call${tool.calls === 1 ? '' : 's'}`}
        {tool.tokenHandout ? ' · may receive access tokens' : ''}
      </p>
      <SecretStore tool={tool} />
      <StillWorking toolId={tool.id} />
      <HandedOut tool={tool} />
      <OtherPrograms tool={tool} />
      {tool.approvals.length === 0 ? (
        <p>Nothing approved any more.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Account</th>
              <th scope="col">Approved</th>
              <th scope="col">Last used</th>
              <th scope="col">Calls</th>
              <th scope="col">Each call</th>
              <th scope="col">
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tool.approvals.map((a) => (
              <tr key={`${a.connectionId} ${a.actionId}`}>
                <td>
                  {a.actionTitle}
                  {a.resource ? ` — only ${a.resource}` : ''}
                </td>
                <td>{a.connection ? `${a.connection.providerName} ${a.connection.account}` : 'Removed connection'}</td>
                <td>
                  {a.mode !== 'once' && a.mode !== 'always' && a.expiresAt ? `Until ${when(a.expiresAt)}` : MODE_TEXT[a.mode]}
                  {a.tokenHandout ? ', with access tokens' : ''}
                </td>
                <td>{when(a.lastUsedAt)}</td>
                <td>{a.calls}</td>
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
      )}
      <button type="button" className="danger" onClick={() => void revoke(tool.id)}>
        Revoke {tool.name}
      </button>
    </article>
  );
}

/** Every tool the person approved: what it may do on which account, and taking it back. */
export function ToolsView(): JSX.Element {
  const tools = useAppStore((s) => s.tools);
  const loadTools = useAppStore((s) => s.loadTools);
  // A tool revoked whole has no card left to show what its given tokens still do: the list's top does.
  const revokedWhole = useAppStore((s) => (s.stillWorking && !s.tools.some((t) => t.id === s.stillWorking!.toolId) ? s.stillWorking.toolId : null));
  const setup = useAppStore((s) => s.toolSetup);
  const loadToolSetup = useAppStore((s) => s.loadToolSetup);
  const headingId = useId();
  const dismissStillWorking = useAppStore((s) => s.dismissStillWorking);
  useEffect(() => {
    void loadTools();
    void loadToolSetup();
  }, [loadTools, loadToolSetup]);
  // A Revoke's outcome belongs to that visit: coming back later does not move focus to it again.
  useEffect(() => dismissStillWorking, [dismissStillWorking]);
  return (
    <div className="tools-view">
      <MainPane>
        <section aria-labelledby={headingId}>
          <h2 id={headingId} className="view-title">
            Tools
          </h2>
          <p>Scripts, command-line tools and AI agents that act through Scopekeeper. Tokens never leave Scopekeeper unless you let a tool receive them.</p>
          <PauseTools only="running" />
          {revokedWhole !== null && <StillWorking toolId={revokedWhole} />}
          {tools.length === 0 ? (
            <>
              <p>No tool has been approved yet.</p>
              <ConnectTools setup={setup} />
            </>
          ) : (
            <>
              {tools.map((tool) => (
                <ToolCard key={tool.id} tool={tool} />
              ))}
              <details className="connect-more">
                <summary>Connect another tool</summary>
                <ConnectTools setup={setup} />
              </details>
            </>
          )}
        </section>
      </MainPane>
    </div>
  );
}
