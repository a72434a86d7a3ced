import type { AppOpen, NotificationSettings } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

/** A view a clicked notification asked for; `n` counts asks, so the same view asked twice still comes. */
export interface ViewAsked {
  view: 'connections' | 'review';
  n: number;
}

/** Settings › Notifications, and what a clicked notification opens. */
export interface NotifySlice {
  /** null until loaded. */
  notificationSettings: NotificationSettings | null;
  savingNotifications: boolean;
  /** The view the window should show after a notification was clicked (App switches to it). */
  viewAsked: ViewAsked | null;
  loadNotificationSettings(): Promise<void>;
  /** Saves the person's choice; resolves true once the main process kept it. */
  setNotificationSettings(settings: NotificationSettings): Promise<boolean>;
  /** A notification was clicked: its connection selected, its question in front, or its view shown. */
  openFromNotification(target: AppOpen): void;
}

export const createNotifySlice: SliceCreator<NotifySlice> = (set, get) => ({
  notificationSettings: null,
  savingNotifications: false,
  viewAsked: null,

  async loadNotificationSettings() {
    const result = await call(() => getBridge().app.notifications());
    if (result.ok) set({ notificationSettings: result.value });
    else get().reportError(result.error, undefined, undefined, PLACES.notifications);
  },

  async setNotificationSettings(settings) {
    if (get().savingNotifications) return false;
    const before = get().notificationSettings;
    // Shown as chosen at once (a checkbox stays as clicked); put back if the main process refuses.
    set({ savingNotifications: true, notificationSettings: settings });
    const result = await call(() => getBridge().app.setNotifications(settings));
    set({ savingNotifications: false });
    if (!result.ok) {
      set({ notificationSettings: before });
      get().reportError(result.error, undefined, undefined, PLACES.notifications);
      return false;
    }
    set({ notificationSettings: result.value });
    return true;
  },

  openFromNotification(target) {
    const ask = (view: ViewAsked['view']): void => set((state) => ({ viewAsked: { view, n: (state.viewAsked?.n ?? 0) + 1 } }));
    if ('connectionId' in target) {
      // A connection removed since shows the list as it is.
      if (get().connections.some((c) => c.id === target.connectionId)) get().select(target.connectionId);
      ask('connections');
    } else if ('requestId' in target) {
      // The question comes first in the dialog (which shows whichever view is open), if it still waits.
      set((state) => ({
        approvals: [...state.approvals.filter((a) => a.requestId === target.requestId), ...state.approvals.filter((a) => a.requestId !== target.requestId)],
      }));
    } else if ('view' in target) {
      ask(target.view);
    }
  },
});
