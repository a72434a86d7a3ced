import type { ConnectionView, DeviceCodeView, FlowProgress, FlowPurpose, FlowStage, SignedInView, StepUpEnded } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import { alreadyConnectedText, cameBackText, sameAccountText } from './signInText';
import { stepUpEndedText } from './stepUpText';
import type { AppState, GetState, SetState, SliceCreator } from './types';
import type { TimeBox } from '../../../shared/timeBox';

/** How a Connect click signs in: another account, by code, and for how long (left out: until taken back). */
export interface ConnectOptions {
  anotherAccount?: boolean;
  method?: 'browser' | 'device';
  lasts?: TimeBox | 'session';
}

/** The stages a running flow can be in; the last three end it. */
export type ActiveFlowStage = Exclude<FlowStage, 'finished' | 'failed' | 'cancelled'>;

export interface PendingFlow {
  providerId: string;
  providerName: string;
  /** Known from the first flow:progress event for this flow. */
  flowId: string | null;
  stage: ActiveFlowStage;
  cancelling: boolean;
  /**
   * 'here': started by connect() or reconnect() in this window; its answer settles the flow.
   * 'change': the sign-in step of a change this window is applying; its last event ends the
   * panel, and the grants:apply-plan answer says how the change ended.
   * 'observed': learned only from flow:progress (this window was reloaded mid-flow); its last
   * event settles it. Showing it keeps the person able to cancel a flow they cannot see otherwise.
   * 'tool': a tool's step-up the person approved (`purpose` says which); broker:step-up-ended
   * says how it ended, where the panel was.
   */
  origin: 'here' | 'change' | 'observed' | 'tool';
  /** With origin 'tool': the tool and what is being added for it. */
  purpose: FlowPurpose | null;
  /** The sign-in page's address, to copy into a browser, once the browser was sent there. */
  signInUrl: string | null;
  /** The browser did not open: the person copies the address instead. */
  browserFailed: boolean;
  /** 'device': connecting with a code typed on the provider's page (RFC 8628). */
  method: 'browser' | 'device';
  /** The code to type and where, once the main process has it (device sign-ins only). */
  device: DeviceCodeView | null;
}

export interface FlowSlice {
  flow: PendingFlow | null;
  /**
   * Starts a sign-in asking for `scopes` (the provider's default scopes when left out), through
   * the browser or, with method 'device', by a code the person types on the provider's page;
   * `anotherAccount` asks the provider to show its account chooser (prompt=select_account).
   */
  connect(providerId: string, scopes?: readonly string[], options?: ConnectOptions): Promise<void>;
  cancelFlow(): Promise<void>;
  /** Opens the provider's page for the running device sign-in in the person's browser. */
  openDevicePage(): Promise<void>;
  applyFlowProgress(progress: FlowProgress): void;
  /** A tool's step-up ended: said where its sign-in panel was (PLACES.flow). */
  applyStepUpEnded(ended: StepUpEnded): void;
}

export const CANCELLED_NOTICE = 'Sign-in cancelled. Nothing was connected.';

/** The person said no on the provider's page: neutral, nothing to fix. */
export function deniedText(providerName: string): string {
  return `You chose not to connect ${providerName}. Nothing was saved.`;
}

/**
 * "Sandbox is connected as alex@…." and, when the person approved less than asked, what was not
 * granted and what will not work because of it (the detail lists each with "Ask again").
 */
export function connectedText(providerName: string, connection: ConnectionView): string {
  const connected = `${providerName} is connected as ${connection.account}.`;
  if (connection.notGranted.length === 0) return connected;
  const missing = new Set(connection.notGrantedScopes);
  const titles = connection.notGranted.map((scope) => `“${scope.title}”`).join(', ');
  const lost = connection.actions.filter((a) => !a.available && a.missingScopes.some((s) => missing.has(s))).map((a) => `“${a.title}”`);
  const wontWork = lost.length > 0 ? ` What will not work: ${lost.join(', ')}.` : '';
  return `${connected} Not everything asked for was granted. Not granted: ${titles}.${wontWork} Use Ask again to ask once more.`;
}

const NO_LINK = { purpose: null, signInUrl: null, browserFailed: false } as const;

function isActive(stage: FlowStage): stage is ActiveFlowStage {
  return stage !== 'finished' && stage !== 'failed' && stage !== 'cancelled';
}

function providerNameOf(state: AppState, providerId: string): string {
  return state.providers.find((p) => p.id === providerId)?.name ?? providerId;
}

/**
 * Runs one sign-in started in this window (connect, reconnect): shows the flow panel until the
 * answer arrives, then clears it. Resolves null, without calling, while another sign-in or a
 * change runs: the main process allows one browser sign-in at a time.
 */
export async function runSignIn<T>(
  set: SetState,
  get: GetState,
  provider: { providerId: string; providerName: string },
  invoke: () => Promise<Result<T>>,
  method: 'browser' | 'device' = 'browser',
): Promise<Result<T> | null> {
  if (get().flow !== null || get().changeStatus !== 'idle') return null;
  set({
    flow: { ...provider, flowId: null, stage: 'opening-browser', cancelling: false, origin: 'here', method, device: null, ...NO_LINK },
    error: null,
    errorProviderName: null,
    errorDuring: null,
    notice: null,
  });
  const result = await call(invoke);
  set({ flow: null });
  return result;
}

/** Signs in to a provider from this window, and says how it went beside its Connect button. */
async function connectProvider(
  set: SetState,
  get: GetState,
  providerId: string,
  scopes: readonly string[] | undefined,
  options: ConnectOptions,
): Promise<void> {
  const method = options.method ?? 'browser';
  const providerName = providerNameOf(get(), providerId);
  // Always say what is asked for, so what the person saw ticked is what the consent page shows.
  const requested = scopes ?? get().providers.find((p) => p.id === providerId)?.defaultScopes;
  // An unknown provider has no defaults here: leave the choice to the main process then.
  const request = {
    providerId,
    ...(requested === undefined ? {} : { scopes: [...requested] }),
    ...(options.anotherAccount ? { anotherAccount: true } : {}),
    ...(method === 'device' ? { method } : {}),
    ...(options.lasts !== undefined ? { lasts: options.lasts } : {}),
  };
  // One sign-in at a time, as in the main process; the Connect buttons are disabled meanwhile.
  const result = await runSignIn(set, get, { providerId, providerName }, () => getBridge().grants.connect(request), method);
  if (result === null) return;
  if (result.ok) {
    await showSignedIn(get, providerId, providerName, result.value);
  } else if (result.error.code === 'AUTH_CANCELLED') {
    // The person cancelled on purpose: no alert, just say nothing happened.
    get().showNotice(CANCELLED_NOTICE, PLACES.provider(providerId));
  } else if (result.error.code === 'AUTH_DENIED') {
    // Saying no on the consent page is a choice, not a failure.
    get().showNotice(deniedText(providerName), PLACES.provider(providerId));
  } else {
    get().reportError(result.error, providerName, undefined, PLACES.provider(providerId));
  }
}

/**
 * Says how a Connect ended. A new connection (or one restored) is selected at once, with what it
 * says at the top of its detail; an account already connected is opened as it is, saying so;
 * "Add another account" that signed in the same person again says what to do beside the button.
 */
async function showSignedIn(get: GetState, providerId: string, providerName: string, answer: SignedInView): Promise<void> {
  const { signIn: outcome, ...connection } = answer;
  if (outcome?.kind === 'same-account') {
    // Something to do before trying again: focus goes to it, beside the button that was used.
    get().showNotice(sameAccountText(providerName, connection.account), PLACES.provider(providerId), 'warning', 'focus');
    return;
  }
  get().showConnection(connection);
  if (outcome?.kind === 'already-connected') {
    get().showNotice(alreadyConnectedText(connection.account, outcome), PLACES.connection(connection.id), 'info');
    return;
  }
  const partly = connection.notGranted.length > 0;
  get().showNotice(`${connectedText(providerName, connection)}${cameBackText(outcome)}`, PLACES.connection(connection.id), partly ? 'warning' : 'success');
  await get().loadConnections();
}

/**
 * Follows flow:progress: a sign-in this window did not start (a change's step, or one from before
 * a reload) appears; the running one moves on; one that ended settles here unless an answer will.
 */
function followFlowProgress(set: SetState, get: GetState, progress: FlowProgress): void {
  const flow = get().flow;

  if (flow === null) {
    if (!isActive(progress.stage)) return;
    // A tool's step-up says so; else, while this window applies a change, the only sign-in the
    // main process can run is its step.
    const { changeStatus, plan } = get();
    const change = changeStatus === 'applying' && progress.purpose === undefined ? plan : null;
    set({
      flow: {
        providerId: progress.providerId,
        providerName: change?.providerName ?? providerNameOf(get(), progress.providerId),
        flowId: progress.flowId,
        stage: progress.stage,
        cancelling: false,
        origin: progress.purpose !== undefined ? 'tool' : change !== null ? 'change' : 'observed',
        method: progress.stage === 'waiting-for-device' ? 'device' : 'browser',
        device: progress.device ?? null,
        purpose: progress.purpose ?? null,
        signInUrl: progress.signInUrl ?? null,
        browserFailed: progress.browserFailed === true,
      },
    });
    return;
  }

  const sameFlow =
    flow.flowId !== null ? flow.flowId === progress.flowId : flow.providerId === progress.providerId;
  if (!sameFlow) return;

  if (isActive(progress.stage)) {
    set({
      flow: {
        ...flow,
        flowId: progress.flowId,
        stage: progress.stage,
        device: progress.device ?? flow.device,
        signInUrl: progress.signInUrl ?? flow.signInUrl,
        browserFailed: progress.browserFailed === true || flow.browserFailed,
      },
    });
    return;
  }
  // connect()'s answer settles a flow started here, with the connection or the error.
  if (flow.origin === 'here') return;

  set({ flow: null });
  // The browser step is over; the apply-plan answer (a change) or broker:step-up-ended (a tool's) says how it all ended.
  if (flow.origin === 'change' || flow.origin === 'tool') return;
  const place = PLACES.provider(flow.providerId);
  if (progress.stage === 'cancelled' || progress.error?.code === 'AUTH_CANCELLED') {
    get().showNotice(CANCELLED_NOTICE, place);
  } else if (progress.error?.code === 'AUTH_DENIED') {
    get().showNotice(deniedText(flow.providerName), place);
  } else if (progress.stage === 'failed' && progress.error !== undefined) {
    get().reportError(progress.error, flow.providerName, undefined, place);
  }
}

export const createFlowSlice: SliceCreator<FlowSlice> = (set, get) => ({
  flow: null,

  connect: (providerId, scopes, options = {}) => connectProvider(set, get, providerId, scopes, options),

  async cancelFlow() {
    const flow = get().flow;
    if (flow === null || flow.cancelling) return;
    set({ flow: { ...flow, cancelling: true } });

    const result = await call(() => getBridge().grants.cancelFlow());
    const current = get().flow;
    if (current === null) return; // the flow settled meanwhile

    if (!result.ok) {
      set({ flow: { ...current, cancelling: false } });
      get().reportError(result.error, current.providerName, undefined, PLACES.provider(current.providerId));
    } else if (current.origin === 'observed') {
      // No connect() answer will come for a flow started before a reload: settle it here.
      set({ flow: null });
      if (result.value.cancelled) get().showNotice(CANCELLED_NOTICE, PLACES.provider(current.providerId));
    } else if (!result.value.cancelled) {
      // Nothing was running any more; connect()'s answer is on its way and settles the flow.
      set({ flow: { ...current, cancelling: false } });
    }
    // Otherwise connect() (or, for a change, apply-plan) now resolves with AUTH_CANCELLED and says so.
  },

  async openDevicePage() {
    const flow = get().flow;
    if (flow === null || flow.device === null) return;
    const result = await call(() => getBridge().grants.openDevicePage());
    if (!result.ok) get().reportError(result.error, flow.providerName);
  },

  applyFlowProgress: (progress) => followFlowProgress(set, get, progress),

  applyStepUpEnded(ended) {
    const said = stepUpEndedText(ended);
    if (said !== null) get().showNotice(said.text, PLACES.flow, said.tone);
    else get().reportError(ended.error ?? { code: 'INTERNAL', message: 'The step-up did not finish.' }, ended.providerName, 'change', PLACES.flow);
  },
});
