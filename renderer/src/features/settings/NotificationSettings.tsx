import { useEffect, useId } from 'react';
import type { JSX } from 'react';
import type { NotificationSettings as Settings } from '../../../../shared/ipc/contract';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../../shared/ipc/settingsValues';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from '../notices/Feedback';

/** Each kind as the person reads it. */
export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  'grant-ended': 'A provider no longer accepts Scopekeeper’s access to an account',
  'tool-asks': 'A tool asks for your answer while this window is hidden or minimised',
  expiring: 'Access you gave for a limited time ends within the hour',
  expired: 'Access you gave for a limited time has ended',
  review: 'The weekly review suggests access to take back',
};

/**
 * Settings → Notifications: one checkbox per kind of system notification, and a quiet switch that
 * shows none. Each change is saved at once (in the vault, by the main process).
 */
export function NotificationSettings(): JSX.Element {
  const settings = useAppStore((s) => s.notificationSettings);
  const saving = useAppStore((s) => s.savingNotifications);
  const load = useAppStore((s) => s.loadNotificationSettings);
  const save = useAppStore((s) => s.setNotificationSettings);
  const headingId = `${useId()}-heading`;

  useEffect(() => {
    void load();
  }, [load]);

  const change = (next: Partial<Settings>): void => {
    if (settings) void save({ ...settings, ...next });
  };
  const toggle = (kind: NotificationKind, on: boolean): void =>
    change({ off: on ? settings!.off.filter((k) => k !== kind) : [...settings!.off, kind] });

  return (
    <section className="section notification-settings" aria-labelledby={headingId} aria-busy={settings === null}>
      <h3 id={headingId}>Notifications</h3>
      <p className="field-hint">Scopekeeper tells you about these even while its window is closed.</p>
      {settings && (
        <>
          <fieldset disabled={saving}>
            <legend>Show a notification when</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="checkbox-row">
                <input type="checkbox" checked={!settings.off.includes(kind)} onChange={(e) => toggle(kind, e.currentTarget.checked)} />{' '}
                {NOTIFICATION_LABELS[kind]}
              </label>
            ))}
          </fieldset>
          <label className="checkbox-row">
            <input type="checkbox" disabled={saving} checked={settings.quiet} onChange={(e) => change({ quiet: e.currentTarget.checked })} /> Quiet: show no
            notifications
          </label>
        </>
      )}
      <Feedback place={PLACES.notifications} />
    </section>
  );
}
