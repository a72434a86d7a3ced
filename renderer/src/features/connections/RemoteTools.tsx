import { useEffect } from 'react';
import type { JSX } from 'react';
import type { ConnectionView, RemoteToolView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { DetailSection } from './DetailSection';

/** Whether a provider is a remote MCP server the person added by URL (its id, `mcp-…`). */
export function isMcpProvider(providerId: string): boolean {
  return providerId.startsWith('mcp-');
}

function hint(tool: RemoteToolView): string {
  if (tool.readOnly) return 'Only reads';
  return tool.destructive ? 'Can change or delete things: tools are asked to confirm each call' : 'Can make changes';
}

/**
 * What the connection's MCP server offers: each tool's name, title and description, whether it
 * only reads or may change or delete things (as the server says), and the permission a refused
 * call needed. Listed through Scopekeeper's own session, kept current as the server changes it.
 */
export function RemoteTools({ connectionId, titles }: { connectionId: string; titles: ReadonlyMap<string, string> }): JSX.Element {
  const state = useAppStore((s) => s.remoteTools[connectionId]);
  const load = useAppStore((s) => s.loadRemoteTools);
  useEffect(() => {
    void load(connectionId);
  }, [connectionId, load]);
  if (state === undefined) return <p className="placeholder">Asking the server for its tools…</p>;
  if ('problem' in state) return <p className="field-hint" role="status">The server’s tools could not be listed: {state.problem}</p>;
  const { tools } = state.view;
  if (tools.length === 0) return <p className="placeholder">This server offers no tools.</p>;
  return (
    <ul className="scope-list scope-list-compact remote-tools" aria-label="Tools this server offers">
      {tools.map((tool) => (
        <li key={tool.name} className="scope-row">
          <span className="scope-title">{tool.title ?? tool.name}</span> <code>{tool.name}</code>
          <span className="field-hint"> · {hint(tool)}</span>
          {tool.description && <p className="scope-description">{tool.description}</p>}
          {tool.neededScopes && (
            <p className="field-hint">Needed when a call was refused: {tool.neededScopes.map((s) => titles.get(s) ?? s).join(', ')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The Tools section of a connection on an MCP server; nothing for any other connection. */
export function RemoteToolsSection({ connection, id, titles }: { connection: ConnectionView; id: string; titles: ReadonlyMap<string, string> }): JSX.Element | null {
  if (!isMcpProvider(connection.providerId)) return null;
  return (
    <DetailSection id={id} title="Tools">
      <RemoteTools connectionId={connection.id} titles={titles} />
    </DetailSection>
  );
}
