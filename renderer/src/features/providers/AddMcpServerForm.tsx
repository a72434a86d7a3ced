import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import type { AppError } from '../../../../shared/ipc/errors';
import { useAppStore } from '../../store';
import { hostOf } from '../../store/providersSlice';
import { errorText } from '../../ui/errorText';
import { connectButtonId } from '../../ui/domIds';
import { inputIdOf, TextField } from '../../ui/TextField';

interface Draft {
  url: string;
  name: string;
  /** The person changed the name: it no longer follows the URL's host. */
  named: boolean;
  clientId: string;
  clientSecret: string;
}

const EMPTY: Draft = { url: '', name: '', named: false, clientId: '', clientSecret: '' };

/** What went wrong, in the person's words: the main process's sentence for what it found at the server, else the usual one. */
function problemText(error: AppError, host: string): string {
  const reason = error.details?.reason;
  if (typeof reason === 'string' && reason.startsWith('mcp-') && reason !== 'mcp-add-cancelled') return error.message;
  return errorText(error, { during: 'add-server', providerName: host });
}

/**
 * "Add an MCP server": its URL (the name follows the host until the person changes it); while
 * Scopekeeper checks it, "Checking …" with Cancel; what is wrong said under the URL. A server that
 * signs in only apps registered with it needs the person's own client: those fields then open.
 */
export function AddMcpServerForm(): JSX.Element {
  const adding = useAppStore((s) => s.addingMcp);
  const add = useAppStore((s) => s.addMcpServer);
  const cancel = useAppStore((s) => s.cancelAddMcp);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [ownOpen, setOwnOpen] = useState(false);
  const id = useId();
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (adding !== null) return;
    setDone(undefined);
    const url = draft.url.trim();
    if (url === '' || draft.name.trim() === '') {
      setProblem(url === '' ? 'Enter the MCP server’s URL, for example https://mcp.example.com/mcp.' : 'Enter a name for it.');
      document.getElementById(inputIdOf(`${id}-${url === '' ? 'url' : 'name'}`))?.focus();
      return;
    }
    setProblem(undefined);
    const own = draft.clientId.trim() !== '' ? { clientId: draft.clientId.trim(), ...(draft.clientSecret !== '' ? { clientSecret: draft.clientSecret } : {}) } : {};
    const result = await add({ url, name: draft.name.trim(), ...own });
    if (!result.ok) {
      if (result.error.details?.reason === 'mcp-needs-own-client') setOwnOpen(true);
      setProblem(result.error.code === 'AUTH_CANCELLED' ? 'Stopped: nothing was added.' : problemText(result.error, hostOf(url)));
      document.getElementById(inputIdOf(`${id}-url`))?.focus();
      return;
    }
    const server = result.value;
    setDraft(EMPTY);
    setOwnOpen(false);
    if (server.mcp?.signIn === false) {
      setDone(`${server.name} needs no sign-in: it is in your connections now.`);
      return;
    }
    setDone(`${server.name} was added. Choose its permissions, then connect it.`);
    document.getElementById(connectButtonId(server.id))?.focus();
  }

  return (
    <details className="add-server add-mcp-server">
      <summary>Add an MCP server</summary>
      <form className="add-server-form" aria-label="Add an MCP server" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          idBase={`${id}-url`}
          label="MCP server URL"
          type="url"
          spellCheck={false}
          value={draft.url}
          hint="Its Streamable HTTP address, as the server’s documentation gives it."
          {...(problem !== undefined ? { problem } : {})}
          onChange={(url) => change(draft.named ? { url } : { url, name: url.trim() === '' ? '' : hostOf(url.trim()).replace(/:\d+$/, '') })}
        />
        <TextField idBase={`${id}-name`} label="Name" type="text" value={draft.name} onChange={(name) => change({ name, named: true })} />
        <OwnClientFields idBase={id} draft={draft} open={ownOpen} setOpen={setOwnOpen} change={change} />
        <div className="add-server-actions">
          <button type="submit" aria-disabled={adding !== null}>
            Add MCP server
          </button>
          {adding !== null && (
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
          )}
        </div>
        {(adding !== null || done !== undefined) && (
          // Only while there is something to say: the pane's other status messages stay the only ones.
          <p role="status" className="field-hint">
            {adding !== null ? `Checking ${adding}…` : done}
          </p>
        )}
      </form>
    </details>
  );
}

/** "Use your own OAuth app (optional)": for a server whose sign-in service registers no apps. */
function OwnClientFields({ idBase, draft, open, setOpen, change }: { idBase: string; draft: Draft; open: boolean; setOpen(open: boolean): void; change(patch: Partial<Draft>): void }): JSX.Element {
  return (
    <details className="own-client-details" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Use your own OAuth app (optional)</summary>
      <p className="field-hint">For a server that signs in only apps registered with it: register one there with the redirect URI http://127.0.0.1/callback.</p>
      <TextField idBase={`${idBase}-client`} label="Client ID" type="text" spellCheck={false} value={draft.clientId} onChange={(clientId) => change({ clientId })} />
      <TextField idBase={`${idBase}-secret`} label="Client secret (if it has one)" type="password" value={draft.clientSecret} onChange={(clientSecret) => change({ clientSecret })} />
    </details>
  );
}
