import { getBridge } from '../bridge';
import { internalError } from './call';
import type { GetState, SliceCreator } from './types';

export interface LifecycleSlice {
  /**
   * Subscribes to pushed events and loads everything (once while subscribed, however often it is
   * called); resolves when everything is in.
   */
  init(): Promise<void>;
  /** Subscribes and loads the connection list (the first content) if not yet; resolves when it is answered. */
  start(): Promise<void>;
  /** Unsubscribes from pushed events. */
  dispose(): void;
}

export const createLifecycleSlice: SliceCreator<LifecycleSlice> = (_set, get) => {
  let unsubscribe: (() => void) | null = null;

  function subscribe(): void {
    const offs: (() => void)[] = [];
    try {
      const { events } = getBridge();
      // The main process is the source of truth: refetch instead of patching the cache.
      offs.push(
        events.onGrantsChanged(() => {
          void get().loadConnections();
          void get().loadRemovedConnections();
          void get().loadReview();
        }),
      );
      offs.push(events.onFlowProgress((progress) => get().applyFlowProgress(progress)));
      offs.push(events.onBrokerStepUpEnded((ended) => get().applyStepUpEnded(ended)));
      offs.push(events.onChangeProgress((progress) => get().applyChangeProgress(progress)));
      offs.push(events.onRemoveAllProgress((progress) => get().applyRemoveAllProgress(progress)));
      offs.push(events.onBrokerApprovalRequested((request) => get().addApproval(request)));
      offs.push(events.onBrokerApprovalClosed((closed) => get().approvalClosed(closed)));
      offs.push(events.onRemoteToolsChanged(({ connectionId }) => get().remoteToolsChanged(connectionId)));
      offs.push(
        events.onBrokerChanged(() => {
          void get().loadTools();
          // An approval given or taken back changes whether a connection has tools at all.
          for (const connectionId of Object.keys(get().usage)) void get().loadUsage(connectionId);
          void get().loadReview();
        }),
      );
      offs.push(
        events.onBrokerUsed(({ connectionIds }) => {
          get().toolsUsed(connectionIds);
          // A use can only take suggestions away; the badge follows.
          void get().loadReview();
        }),
      );
      offs.push(events.onBackgroundChanged((background) => get().backgroundChanged(background)));
      offs.push(events.onAppOpen((target) => get().openFromNotification(target)));
      offs.push(events.onPolicyChanged((policy) => get().policyChanged(policy)));
      unsubscribe = () => offs.forEach((off) => off());
    } catch (error) {
      // Leave nothing half-subscribed, so a later init() can try again cleanly.
      offs.forEach((off) => off());
      get().reportError(internalError(error));
    }
  }

  /** The loads started while subscribed: the connection list, and once init() asks, the rest. */
  let started: { connections: Promise<void>; all?: Promise<void> } | null = null;

  function begin(): { connections: Promise<void>; all?: Promise<void> } {
    // Subscribe before loading so a change made while the lists load is not missed.
    if (unsubscribe === null) subscribe();
    // A failed subscription is not kept: the next call tries again, loads included.
    if (started !== null && unsubscribe !== null) return started;
    const run = { connections: get().loadConnections() };
    if (unsubscribe !== null) started = run;
    return run;
  }

  return {
    // What the first view shows is asked first, alone; the rest once the connections (and the
    // selected one's detail) are in, so the main process, which answers one request at a time,
    // works out nothing else before them. The window calls start() before its first render and
    // init() from an effect of that render, so the rest is also asked after the first content.
    // The policy with the providers: the picker and Connect show what it blocks.
    init() {
      const run = begin();
      return (run.all ??= run.connections.then(() => loadTheRest(get)));
    },
    start: () => begin().connections,

    dispose() {
      unsubscribe?.();
      unsubscribe = null;
      started = null;
    },
  };
};

/** Everything the window loads after the connection list. */
async function loadTheRest(get: GetState): Promise<void> {
  await Promise.all([
    get().loadAppStatus(),
    get().loadProviders(),
    get().loadPolicy(),
    get().loadRemovedConnections(),
    get().loadApprovals(),
    get().loadBackground(),
    get().loadReview(),
  ]);
}
