import type { BackgroundSettings } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { Emit } from '../ipc/events';
import type { LoginItem } from '../ports';
import type { BackgroundRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';

/** What "Pause tools" acts on: the broker (createCore wires it; desktop sits below the broker). */
export interface PausableTools {
  setPaused(paused: boolean): void;
}

/**
 * Running in the background, kept in the vault's settings: Start at login (off unless the person
 * turns it on), Keep running when the window is closed (on), Pause tools, and whether the first
 * close has said that Scopekeeper keeps running. Every host keeps them; the Electron shell acts
 * on them (electron/main/background.ts, tray.ts), the headless host has no tray and ignores them.
 * Each change is made from the settings as they are when its write's turn comes (Vault.updateSettings),
 * so changes made together (a switch in the window, Pause in the tray) never undo each other.
 */
export class Background {
  /** Whether tools are paused now: the broker's state, saved in the settings where the vault can be written. */
  private paused: boolean;

  constructor(
    private readonly vault: Pick<Vault, 'settings' | 'updateSettings'>,
    private readonly tools: PausableTools,
    private readonly emit: Emit,
    private readonly loginItem?: LoginItem,
  ) {
    // Paused tools stay paused across a restart, until the person resumes them.
    this.paused = vault.settings().background?.toolsPaused === true;
    tools.setPaused(this.paused);
  }

  view(): BackgroundSettings {
    return { ...backgroundView(this.vault.settings().background), toolsPaused: this.paused };
  }

  /** Whether the first close has already said that Scopekeeper keeps running. */
  get closeNoticeShown(): boolean {
    return this.vault.settings().background?.closeNoticeShown === true;
  }

  /**
   * Settings → General. The system's login item is set only when the person turns Start at login
   * on, and cleared when they turn it off; a switch left as it was touches nothing.
   */
  async set(change: { startAtLogin?: boolean; keepRunning?: boolean }): Promise<BackgroundSettings> {
    let before: BackgroundSettings | undefined;
    const after = await this.update(change, (previous) => (before = previous));
    // Compared with the settings this write replaced, so two quick changes each set what they changed.
    if (change.startAtLogin !== undefined && after.startAtLogin !== before?.startAtLogin) this.loginItem?.setOpenAtLogin(after.startAtLogin);
    return after;
  }

  /**
   * Pause tools (or resume them). The broker acts at once, before the setting is written, so no
   * call slips in while it is saved. A locked vault keeps nothing: the pause then holds for this run.
   */
  async pauseTools(paused: boolean): Promise<BackgroundSettings> {
    this.paused = paused;
    this.tools.setPaused(paused);
    try {
      return await this.update({ toolsPaused: paused });
    } catch (error) {
      // The window and the tray show what the broker does, saved or not.
      this.emit('background:changed', this.view());
      if (error instanceof ScopekeeperError && error.code === 'VAULT_LOCKED') return this.view();
      throw error;
    }
  }

  /** The first close said it once; it is not said again. */
  async closeNoticeSeen(): Promise<void> {
    await this.update({ closeNoticeShown: true });
  }

  private async update(change: Partial<BackgroundRecord>, replaced?: (previous: BackgroundSettings) => void): Promise<BackgroundSettings> {
    const saved = await this.vault.updateSettings((current) => {
      replaced?.(backgroundView(current.background));
      return { ...current, background: { ...current.background, ...change } };
    });
    // What this write saved (a later write may already be on its way), with the broker's pause as it is now.
    const view = { ...backgroundView(saved.background), toolsPaused: this.paused };
    this.emit('background:changed', view);
    return view;
  }
}

/** The defaults: start at login off, keep running on, tools not paused. */
export function backgroundView(record: BackgroundRecord | undefined): BackgroundSettings {
  return { startAtLogin: record?.startAtLogin === true, keepRunning: record?.keepRunning !== false, toolsPaused: record?.toolsPaused === true };
}
