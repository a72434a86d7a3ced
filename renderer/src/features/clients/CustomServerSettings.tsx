import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { EMPTY_SERVER, serverProblems, toEditedServer } from '../providers/serverForm';
import type { ServerDraft, ServerProblems } from '../providers/serverForm';
import { firstProblem, ServerFields } from '../providers/ServerFields';
import { inputIdOf } from '../../ui/TextField';
import { Feedback } from '../notices/Feedback';

/** The form as it opens for a server the person added: what is saved, never the secret. */
function draftOf(provider: ProviderView): ServerDraft {
  const endpoints = provider.server?.endpoints;
  return {
    ...EMPTY_SERVER,
    mode: provider.server?.issuer !== undefined ? 'issuer' : 'endpoints',
    name: provider.name,
    issuer: provider.server?.issuer ?? '',
    authorization: endpoints?.authorization ?? '',
    token: endpoints?.token ?? '',
    revocation: endpoints?.revocation ?? '',
    userinfo: endpoints?.userinfo ?? '',
    clientId: provider.client?.clientId ?? '',
  };
}

/** Edit and remove a server the person added; failures are said next to the buttons. */
export function CustomServerSettings({ provider }: { provider: ProviderView }): JSX.Element {
  const saving = useAppStore((s) => s.savingClientFor !== null);
  const editServer = useAppStore((s) => s.editServer);
  const removeServer = useAppStore((s) => s.removeServer);
  const [draft, setDraft] = useState<ServerDraft | null>(null);
  const [problems, setProblems] = useState<ServerProblems>({});
  const idPrefix = useId();
  const values = draft ?? draftOf(provider);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = serverProblems(values);
    setProblems(found);
    const firstBad = firstProblem(values, found);
    if (firstBad !== undefined) {
      document.getElementById(inputIdOf(`${idPrefix}-${firstBad}`))?.focus();
      return;
    }
    // The result is said beside the buttons (PLACES.customServer); a failure keeps what was typed.
    if ((await editServer(toEditedServer(provider.id, values))) === null) setDraft(null);
  }

  async function remove(): Promise<void> {
    await removeServer(provider.id, provider.name);
  }

  return (
    <div className="custom-server">
      <details>
        <summary>Edit {provider.name}</summary>
        <form className="add-server-form" aria-label={`Edit ${provider.name}`} noValidate onSubmit={(event) => void save(event)}>
          <ServerFields
            idPrefix={idPrefix}
            values={values}
            problems={problems}
            {...(provider.client?.hasSecret ? { secretHint: 'A secret is saved. Leave this empty to keep it (for the same client ID).' } : {})}
            onChange={(patch) => setDraft({ ...values, ...patch })}
          />
          <div className="add-server-actions">
            <button type="submit" disabled={saving}>
              Save server
            </button>
          </div>
        </form>
      </details>
      <button type="button" className="danger" disabled={saving} onClick={() => void remove()}>
        Remove {provider.name}
      </button>
      <Feedback place={PLACES.customServer(provider.id)} focusBeside />
    </div>
  );
}
