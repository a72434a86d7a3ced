import type { ReviewView } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { getBridge } from '../bridge';
import { call } from './call';
import { latestRequestLoader, type LatestRequestLoader } from './latestRequest';
import { PLACES } from './places';
import type { GetState, LoadStatus, SetState, SliceCreator } from './types';

/**
 * Review and tighten: what Scopekeeper proposes to take back (the main process computes it) and
 * the "unused for" setting. Reloaded when grants or tools change; its count is the nav's badge.
 */
export interface ReviewSlice {
  review: ReviewView | null;
  reviewLoadStatus: LoadStatus;
  /** True while a dismissal or the setting is on its way. */
  reviewSaving: boolean;
  loadReview(): Promise<void>;
  /** Keeps one suggestion away for 90 days; resolves false when it failed (the Review view says why). */
  dismissSuggestion(suggestionId: string): Promise<boolean>;
  /** Resolves false when it failed (Settings says why beside the field). */
  setUnusedDays(days: number): Promise<boolean>;
}

/** What Review lists for the person to look at: its suggestions, and the New actions an update brought (the nav's badge counts both). */
export function reviewCounts(review: ReviewView | null): { suggestions: number; newActions: number } {
  return { suggestions: review?.suggestions.length ?? 0, newActions: (review?.newActions ?? []).reduce((n, group) => n + group.actions.length, 0) };
}

/** A dismissal or the setting: the main process answers with the review as it is now, which replaces any load on its way. */
async function saveReview(
  set: SetState,
  get: GetState,
  loader: LatestRequestLoader,
  place: string,
  request: () => Promise<Result<ReviewView>>,
  done: string,
): Promise<boolean> {
  if (get().reviewSaving) return false;
  set({ reviewSaving: true, error: null, errorProviderName: null, errorDuring: null, notice: null });
  loader.supersede();
  const result = await call(request);
  set({ reviewSaving: false });
  if (!result.ok) {
    get().reportError(result.error, undefined, undefined, place);
    return false;
  }
  set({ review: result.value, reviewLoadStatus: 'ready' });
  get().showNotice(done, place, 'success');
  return true;
}

export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get) => {
  // Reloaded on bursts of events (grants:changed, broker:used): only the newest answer lands.
  const loader = latestRequestLoader(get, { request: () => getBridge().review.list(), setStatus: (reviewLoadStatus) => set({ reviewLoadStatus }), loaded: (review) => set({ review, reviewLoadStatus: 'ready' }) });
  return {
    review: null,
    reviewLoadStatus: 'idle',
    reviewSaving: false,
    loadReview: () => loader.load(),
    dismissSuggestion: (suggestionId) =>
      saveReview(set, get, loader, PLACES.review, () => getBridge().review.dismiss({ suggestionId }), 'Dismissed for 90 days.'),
    setUnusedDays: (unusedDays) =>
      saveReview(set, get, loader, PLACES.reviewSettings, () => getBridge().review.setUnusedDays({ unusedDays }), `Review now looks for ${unusedDays} days without use.`),
  };
};
