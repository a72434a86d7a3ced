import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { MAX_UNUSED_DAYS } from '../../../../shared/ipc/settingsValues';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from '../notices/Feedback';
import { inputIdOf, TextField } from '../../ui/TextField';

/** Settings → Review: after how many days without use a permission or connection is suggested for taking back. */
export function ReviewSettings(): JSX.Element {
  const saved = useAppStore((s) => s.review?.unusedDays ?? 90);
  const saving = useAppStore((s) => s.reviewSaving);
  const setUnusedDays = useAppStore((s) => s.setUnusedDays);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const idPrefix = useId();
  const idBase = `${idPrefix}-days`;
  const value = draft ?? String(saved);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const days = Number(value);
    if (!Number.isInteger(days) || days < 1 || days > MAX_UNUSED_DAYS) {
      setProblem(`Enter a whole number of days from 1 to ${MAX_UNUSED_DAYS}.`);
      document.getElementById(inputIdOf(idBase))?.focus();
      return;
    }
    setProblem(undefined);
    if (await setUnusedDays(days)) setDraft(null);
  }

  return (
    <section className="section" aria-labelledby={`${idPrefix}-heading`}>
      <h3 id={`${idPrefix}-heading`}>Review</h3>
      <form aria-label="Review" noValidate onSubmit={(event) => void save(event)}>
        <TextField
          idBase={idBase}
          label="Suggest taking back what no tool used for (days)"
          type="text"
          inputMode="numeric"
          value={value}
          {...(problem !== undefined ? { problem } : {})}
          onChange={setDraft}
        />
        <button type="submit" disabled={saving}>
          Save
        </button>
      </form>
      <Feedback place={PLACES.reviewSettings} />
    </section>
  );
}
