import { z } from 'zod';
import { readJsonText, writeJsonAtomically } from '../files/jsonFile';
import { DEFAULT_UNUSED_DAYS } from '../../../shared/review/advisor';
import { suggestionId, unusedDays } from '../../../shared/ipc/reviewSchemas';

/**
 * The review's own small file beside the vault (`review.json`, 0600, written whole): the
 * person's "unused for" setting and the suggestions they dismissed, each until when. It grants
 * and holds nothing secret: a file that is missing or does not parse reads as the defaults (every
 * suggestion shown again, 90 days), and the next write replaces it.
 */
const documentSchema = z.object({
  version: z.literal(1),
  unusedDays: unusedDays.optional(),
  /** Suggestion id → until when it stays away. */
  dismissed: z.record(suggestionId, z.iso.datetime()),
});

/** How long a dismissed suggestion stays away. */
export const DISMISS_MS = 90 * 86_400_000;

export class ReviewFile {
  private unusedDays: number;
  private dismissed: Map<string, number>;

  constructor(private readonly path: string) {
    const parsed = documentSchema.safeParse(parseOrNothing(readJsonText(path)));
    this.unusedDays = parsed.data?.unusedDays ?? DEFAULT_UNUSED_DAYS;
    this.dismissed = new Map(Object.entries(parsed.data?.dismissed ?? {}).map(([id, until]) => [id, Date.parse(until)]));
  }

  days(): number {
    return this.unusedDays;
  }

  /** Whether `id` was dismissed and its time away has not ended at `now`. */
  isDismissed(id: string, now: number): boolean {
    return (this.dismissed.get(id) ?? 0) > now;
  }

  /** Keeps `id` away for 90 days from `now`; dismissals whose time ended are dropped from the file. */
  dismiss(id: string, now: number): void {
    for (const [other, until] of this.dismissed) if (until <= now) this.dismissed.delete(other);
    this.dismissed.set(id, now + DISMISS_MS);
    this.write();
  }

  setDays(days: number): void {
    this.unusedDays = days;
    this.write();
  }

  private write(): void {
    const dismissed = Object.fromEntries([...this.dismissed].map(([id, until]) => [id, new Date(until).toISOString()]));
    writeJsonAtomically(this.path, { version: 1, unusedDays: this.unusedDays, dismissed }, 2);
  }
}

function parseOrNothing(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
