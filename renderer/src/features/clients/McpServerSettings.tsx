import { useState } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Feedback } from '../notices/Feedback';

/** What happens to the server's connections, in one sentence. */
function connectionsText(mcp: NonNullable<ProviderView['mcp']>, count: number): string {
  if (count === 0) return 'It has no connections.';
  if (!mcp.signIn) return 'Its connection is removed (it holds no tokens).';
  const one = count === 1;
  const which = one ? 'Its connection is' : `Its ${count} connections are`;
  const their = one ? 'its' : 'their';
  return mcp.revocation
    ? `${which} disconnected: Scopekeeper asks its sign-in service to revoke ${their} tokens, then deletes them here.`
    : `${which} disconnected: its sign-in service offers no way to revoke, so ${their} tokens are deleted here and stop working when they expire.`;
}

/** Remove an MCP server the person added, with its connections, once confirmed; a failure is said beside the button. */
export function McpServerSettings({ provider, mcp }: { provider: ProviderView; mcp: NonNullable<ProviderView['mcp']> }): JSX.Element {
  const saving = useAppStore((s) => s.savingClientFor !== null);
  const removing = useAppStore((s) => s.savingClientFor === provider.id);
  const removeServer = useAppStore((s) => s.removeServer);
  const count = useAppStore(useShallow((s) => s.connections.filter((c) => c.providerId === provider.id).length));
  const [confirming, setConfirming] = useState(false);

  async function remove(): Promise<void> {
    await removeServer(provider.id, provider.name, true);
    setConfirming(false);
  }

  return (
    <div className="custom-server">
      <button type="button" className="danger" disabled={saving} onClick={() => setConfirming(true)}>
        Remove {provider.name}…
      </button>
      <Feedback place={PLACES.customServer(provider.id)} focusBeside />
      <ConfirmDialog
        open={confirming}
        title={`Remove ${provider.name}?`}
        confirmLabel="Remove"
        cancelLabel="Keep"
        busy={removing}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>{connectionsText(mcp, count)}</p>
        <p>Tools you allowed to use its tools lose those approvals. You can add the server again by its URL.</p>
      </ConfirmDialog>
    </div>
  );
}
