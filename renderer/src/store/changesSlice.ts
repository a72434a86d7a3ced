import type { ChangePlan, ChangeProgress, ConnectionView, ExportFile, RequestOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import { cameBackText } from './signInText';
import { runSignIn } from './flowSlice';
import type { AppState, GetState, SetState, SliceCreator } from './types';
import type { TimeBox } from '../../../shared/timeBox';

/**
 * Where a scope change stands. A change is a plan the main process drafts, the person confirms,
 * and only then is applied: 'planning' while the main process drafts the plan, 'confirming' while
 * the person reads it, 'applying' from Confirm until grants:apply-plan answers.
 */
export type ChangeStatus = 'idle' | 'planning' | 'confirming' | 'applying';

/** Which of a dialog's answers the person chose: the plan itself, or its `onlyBroader` choice. */
export type PlanChoice = 'plan' | 'only-broader';

export type ExportFormat = RequestOf<'grants:export'>['format'];

export interface ScopeChange {
  add?: readonly string[];
  remove?: readonly string[];
}

export interface ChangesSlice {
  /** The plan shown for confirmation, kept while it is applied; null otherwise. */
  plan: ChangePlan | null;
  changeStatus: ChangeStatus;
  /** Where the plan's outcome is shown (a place key, see places.ts), beside the control that asked for it. */
  changePlace: string | null;
  /** The latest change:progress of the plan being applied. */
  changeProgress: ChangeProgress | null;
  /** True while grants:export is pending. */
  exporting: boolean;
  /**
   * After a take-back, what its outcome notice offers to add back (exactly what was taken back, asked
   * for again with the normal consent). Shown only beside that notice: `notice` is its text.
   */
  undo: { notice: string; connectionId: string; scopes: string[] } | null;
  /** `place`: where the outcome is shown; by default the connection's Permissions section. */
  planChange(connectionId: string, change: ScopeChange, place?: string): Promise<void>;
  /** Turning an action on adds what it misses; turning it off takes back what only it needs. */
  planAction(connectionId: string, actionId: string, enable: boolean): Promise<void>;
  /** Removing the whole connection: revoked at the provider where it can be, forgotten here. `place`: where the outcome is shown. */
  planDisconnect(connectionId: string, place?: string): Promise<void>;
  /**
   * Applies the plan the person confirmed; nothing reaches grants:apply-plan before this.
   * 'only-broader': the plan's other choice (an implied take-back that keeps what was asked).
   */
  confirmPlan(lasts?: TimeBox, choice?: PlanChoice): Promise<void>;
  /** Drops the plan unapplied (Cancel, Escape). */
  dismissPlan(): void;
  /** Signs in again with what a disconnected connection would restore. */
  reconnect(connectionId: string): Promise<void>;
  /** Resolves the file to save, or null when the export failed (the alert then says why). */
  exportPermissions(format: ExportFormat): Promise<ExportFile | null>;
  applyChangeProgress(progress: ChangeProgress): void;
}

/** Shown when the sign-in step of a change is cancelled: not an error, the person chose it. */
export const CHANGE_CANCELLED_NOTICE = 'The change was cancelled in the browser.';

/** Change buttons are disabled while a change is applied or any sign-in runs. */
export function isChangeBusy(state: AppState): boolean {
  return state.changeStatus === 'applying' || state.flow !== null;
}

/** Asks the main process for a plan and shows it; one change at a time, never during a sign-in. */
async function draftPlan(
  set: SetState,
  get: GetState,
  connectionId: string,
  place: string,
  draft: () => Promise<Result<ChangePlan>>,
): Promise<void> {
  if (get().changeStatus !== 'idle' || get().flow !== null) return;
  const providerName = get().connections.find((c) => c.id === connectionId)?.providerName;
  set({ changeStatus: 'planning', changePlace: place, error: null, errorProviderName: null, errorDuring: null, notice: null });
  const result = await call(draft);
  if (result.ok) {
    set({ plan: result.value, changeStatus: 'confirming' });
    return;
  }
  set({ changeStatus: 'idle' });
  get().reportError(result.error, providerName, 'change', place);
  // The main process refuses a plan for a connection that changed or is gone: show what it has.
  if (result.error.code === 'CONNECTION_NOT_FOUND' || result.error.code === 'CHANGE_REFUSED') {
    void get().loadConnections();
  }
}

/**
 * Where the outcome of an applied change can still be seen: a removed connection has no detail
 * any more (the sidebar says it), and a disconnected one has no Permissions section (its top says it).
 */
function outcomePlace(place: string, connectionId: string, now: Pick<ConnectionView, 'state'> | undefined): string {
  // Settings and Review show their own outcomes, whatever became of the connection.
  if (place.startsWith('settings:') || place === PLACES.review) return place;
  if (now === undefined) return PLACES.sidebar;
  if (now.state !== 'connected') return PLACES.connection(connectionId);
  return place;
}

/** What a finished take-back can add back: the scopes it took that the connection (as the change left it) no longer has; null for anything else. */
function undoOf(plan: ChangePlan, now: Pick<ConnectionView, 'state' | 'grantedScopes'> | undefined, notice: string): ChangesSlice['undo'] {
  if (plan.kind !== 'change' || plan.add.length > 0 || now?.state !== 'connected') return null;
  const scopes = plan.remove.map((s) => s.scope).filter((scope) => !now.grantedScopes.includes(scope));
  return scopes.length > 0 ? { notice, connectionId: plan.connectionId, scopes } : null;
}

/** Applies the plan the person confirmed, refetches, and says how it ended where it can be seen. */
async function applyConfirmedPlan(set: SetState, get: GetState, lasts: TimeBox | undefined, choice: PlanChoice): Promise<void> {
  const shown = get().plan;
  if (shown === null || get().changeStatus !== 'confirming' || get().flow !== null) return;
  const confirmed = choice === 'only-broader' ? shown.onlyBroader : shown;
  if (confirmed === undefined) return;
  // The plan applied is the one progress events name.
  set({ plan: confirmed, changeStatus: 'applying', changeProgress: null });
  const result = await call(() => getBridge().grants.applyPlan({ planId: confirmed.planId, ...(lasts ? { lasts } : {}) }));
  // Refetch before calling the change done, also after a failure: a change that stopped
  // half-way (revoked, new consent cancelled) leaves the connection disconnected, and the main
  // process pushes grants:changed only on success. The outcome then shows beside the new state.
  await get().loadConnections();
  // A sign-in step normally ends with its own last event; never leave its panel behind.
  const flow = get().flow;
  const place = get().changePlace ?? PLACES.connection(confirmed.connectionId);
  set({ plan: null, changeStatus: 'idle', changeProgress: null, changePlace: null, ...(flow?.origin === 'change' ? { flow: null } : {}) });
  const now = get().connections.find((c) => c.id === confirmed.connectionId);
  const shownAt = outcomePlace(place, confirmed.connectionId, now);
  if (result.ok) {
    const partly = result.value.notGranted.length > 0;
    get().showNotice(result.value.message, shownAt, partly ? 'warning' : 'success');
    // The change's own answer says what the connection holds now; the refetched list may be older.
    set({ undo: undoOf(confirmed, result.value.connection ?? undefined, result.value.message) });
  } else if (result.error.code === 'AUTH_CANCELLED') {
    get().showNotice(CHANGE_CANCELLED_NOTICE, shownAt);
  } else {
    get().reportError(result.error, confirmed.providerName, 'change', shownAt);
  }
}

/** Signs in again with what a disconnected connection would restore, and says how it went. */
async function reconnectConnection(set: SetState, get: GetState, connectionId: string): Promise<void> {
  const connection = get().connections.find((c) => c.id === connectionId);
  if (connection === undefined) return;
  const { providerId, providerName, account } = connection;
  const result = await runSignIn(set, get, { providerId, providerName }, () =>
    getBridge().grants.reconnect({ connectionId }),
  );
  if (result === null) return;
  const place = PLACES.connection(connectionId);
  if (result.ok) {
    get().showNotice(`${providerName} is connected again as ${result.value.account}.${cameBackText(result.value.signIn)}`, place, 'success');
    await get().loadConnections();
  } else if (result.error.code === 'AUTH_CANCELLED') {
    get().showNotice(`Sign-in cancelled. ${account} on ${providerName} is still disconnected.`, place);
  } else if (result.error.code === 'AUTH_DENIED') {
    get().showNotice(`You chose not to reconnect. ${account} on ${providerName} is still disconnected.`, place);
  } else {
    get().reportError(result.error, providerName, undefined, place);
    if (result.error.code === 'CONNECTION_NOT_FOUND') void get().loadConnections();
  }
}

export const createChangesSlice: SliceCreator<ChangesSlice> = (set, get) => ({
  plan: null,
  changePlace: null,
  changeStatus: 'idle',
  changeProgress: null,
  exporting: false,
  undo: null,

  planChange(connectionId, change, place = PLACES.permissions(connectionId)) {
    // Only the lists asked for, so the request says exactly what the person clicked.
    const request = {
      connectionId,
      ...(change.add !== undefined ? { add: [...change.add] } : {}),
      ...(change.remove !== undefined ? { remove: [...change.remove] } : {}),
    };
    return draftPlan(set, get, connectionId, place, () => getBridge().grants.planChange(request));
  },

  planAction(connectionId, actionId, enable) {
    return draftPlan(set, get, connectionId, PLACES.actions(connectionId), () => getBridge().grants.planAction({ connectionId, actionId, enable }));
  },

  planDisconnect(connectionId, place = PLACES.connection(connectionId)) {
    return draftPlan(set, get, connectionId, place, () => getBridge().grants.planDisconnect({ connectionId }));
  },

  confirmPlan: (lasts, choice = 'plan') => applyConfirmedPlan(set, get, lasts, choice),

  dismissPlan() {
    // Closing the dialog after Confirm also lands here: only a plan under review is dropped.
    if (get().changeStatus !== 'confirming') return;
    set({ plan: null, changeStatus: 'idle', changePlace: null });
  },

  reconnect: (connectionId) => reconnectConnection(set, get, connectionId),

  async exportPermissions(format) {
    if (get().exporting) return null;
    set({ exporting: true, error: null, errorProviderName: null, errorDuring: null });
    const result = await call(() => getBridge().grants.export({ format }));
    set({ exporting: false });
    if (result.ok) return result.value;
    get().reportError(result.error, undefined, undefined, PLACES.export);
    return null;
  },

  applyChangeProgress(progress) {
    // Only the plan this window applies; a late event after its answer changes nothing.
    const { changeStatus, plan: applying } = get();
    if (changeStatus !== 'applying' || applying?.planId !== progress.planId) return;
    set({ changeProgress: progress });
  },
});
