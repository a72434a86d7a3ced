import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { initialDraft, ownClientProblems, toOwnClient } from './ownClientForm';
import type { OwnClientDraft, OwnClientField, OwnClientProblems } from './ownClientForm';

export interface OwnClientForm {
  /** What the form shows: what the person typed, or else what is saved (never the secret). */
  values: OwnClientDraft;
  problems: OwnClientProblems;
  /** True while any provider's client is being saved or cleared. */
  saving: boolean;
  edit(patch: Partial<OwnClientDraft>): void;
  save(event: FormEvent<HTMLFormElement>): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The state of "Use your own OAuth app" for one provider: the draft, its problems (checked before
 * anything is sent, focus on the first bad field), and saving or clearing through the store.
 * `inputId`: the DOM id of a field's input, to move focus to.
 */
export function useOwnClientForm(provider: ProviderView, needsFixedPort: boolean, inputId: (field: OwnClientField) => string): OwnClientForm {
  const saving = useAppStore((s) => s.savingClientFor !== null);
  const setOwnClient = useAppStore((s) => s.setOwnClient);
  const clearOwnClient = useAppStore((s) => s.clearOwnClient);
  // null until the person types: the form then shows what is saved (never the secret).
  const [draft, setDraft] = useState<OwnClientDraft | null>(null);
  const [problems, setProblems] = useState<OwnClientProblems>({});
  const values = draft ?? initialDraft(provider.client);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = ownClientProblems(values, needsFixedPort);
    setProblems(found);
    const firstBad = (['clientId', 'clientSecret', 'redirectPort'] as const).find((field) => found[field] !== undefined);
    if (firstBad !== undefined) {
      document.getElementById(inputId(firstBad))?.focus();
      return;
    }
    // Saved or not, the result is said beside Save (PLACES.ownClient); a failure keeps what was typed.
    const error = await setOwnClient(toOwnClient(provider.id, values));
    // Saved: the secret field empties, so the secret stays nowhere in this window.
    if (error === null) setDraft(null);
  }

  async function clear(): Promise<void> {
    setProblems({});
    const error = await clearOwnClient(provider.id);
    if (error === null) setDraft(null);
  }

  return { values, problems, saving, edit: (patch) => setDraft({ ...values, ...patch }), save, clear };
}
