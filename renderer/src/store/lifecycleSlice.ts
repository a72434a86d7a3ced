import { getBridge } from '../bridge';
import { internalError } from './call';
import type { SliceCreator } from './types';

export interface LifecycleSlice {
  /** Loads everything and subscribes to pushed events (once, however often it is called). */
  init(): Promise<void>;
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

  return {
    async init() {
      // Subscribe before loading so a change made while the lists load is not missed.
      if (unsubscribe === null) subscribe();
      // What the first view shows is asked first; the rest once the connections (and the selected
      // one's detail) are in, so the main process, which answers one request at a time, does not
      // work out the Review's suggestions ahead of them.
      // The policy with the providers: the picker and Connect show what it blocks from the start.
      const first = [get().loadAppStatus(), get().loadProviders(), get().loadConnections(), get().loadPolicy()];
      await first[2];
      await Promise.all([...first, get().loadRemovedConnections(), get().loadApprovals(), get().loadBackground(), get().loadReview()]);
    },

    dispose() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
};
