import { NOTIFICATION_KINDS, type AppOpen, type NotificationSettings } from '../../../shared/ipc/notifySchemas';
import type { Emit } from '../ipc/events';
import type { AppNotification, Notifier } from '../ports';
import type { Vault } from '../vault/vault';

/**
 * The one home of system notifications: every part of core that tells the person something while
 * they may not be looking (a grant ended at a provider, a tool asks, access expires, the weekly
 * review) shows it here, and this applies the person's settings (Settings › Notifications, kept in
 * the vault): kinds turned off, and the quiet switch that shows none. The platform's Notifier is
 * optional (unit tests have none); a Notifier that throws never breaks the work that notified.
 */
export class Notifications implements Notifier {
  constructor(
    private readonly vault: Pick<Vault, 'settings' | 'saveSettings'>,
    private readonly notifier: Notifier | undefined,
    private readonly emit: Emit,
  ) {}

  show(notification: AppNotification): void {
    const { off, quiet } = this.settings();
    if (quiet || off.includes(notification.kind)) return;
    try {
      this.notifier?.show(notification);
    } catch (error) {
      console.error('Scopekeeper could not show a notification:', error);
    }
  }

  /** What the person chose; a kind this app does not know (a newer app's) is left out. */
  settings(): NotificationSettings {
    const saved = this.vault.settings().notifications;
    return {
      off: NOTIFICATION_KINDS.filter((kind) => saved?.off.includes(kind) === true),
      quiet: saved?.quiet ?? false,
    };
  }

  async save(settings: NotificationSettings): Promise<NotificationSettings> {
    const saved = this.vault.settings().notifications;
    // Kinds a newer app knows stay as it left them.
    const unknown = (saved?.off ?? []).filter((kind) => !(NOTIFICATION_KINDS as readonly string[]).includes(kind));
    const off = [...new Set([...settings.off, ...unknown])];
    await this.vault.saveSettings({ ...this.vault.settings(), notifications: { off, quiet: settings.quiet } });
    return this.settings();
  }

  /** A notification was clicked: the window shows what it was about (the host brings it forward). */
  open(target: AppOpen | undefined): void {
    this.emit('app:open', target ?? {});
  }
}
