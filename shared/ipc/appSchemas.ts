import { z } from 'zod';
import { isoDate } from './fields';

/** The app's own state as the window sees it (the vault, the sandbox setting) and exported files. */

export const vaultStatusSchema = z.object({
  state: z.enum(['ready', 'locked']),
  /** Why the vault is locked, in a sentence for the person. */
  lockedReason: z.string().optional(),
  /**
   * Set when an unreadable vault file was moved aside at start-up: its file name in Scopekeeper's
   * data folder, never a full path (app:show-in-folder shows it).
   */
  recovered: z
    .object({ fileName: z.string(), at: isoDate, reason: z.string() })
    .optional(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

/** Where the Sandbox provider's server comes from: this run's environment, the person's settings, or nowhere. */
export const sandboxSettingSchema = z.object({
  issuer: z.string().optional(),
  source: z.enum(['environment', 'settings', 'none']),
});
export type SandboxSetting = z.infer<typeof sandboxSettingSchema>;

/**
 * Damaged lines found in a log this run and moved to a file of their own (kept, never dropped):
 * which log, how many, and that file's name in Scopekeeper's data folder (never a full path).
 */
export const setAsideLinesSchema = z.object({
  log: z.enum(['history', 'tool-calls']),
  lines: z.number().int().positive(),
  fileName: z.string(),
});
export type SetAsideLines = z.infer<typeof setAsideLinesSchema>;

export const appStatusSchema = z.object({ vault: vaultStatusSchema, sandbox: sandboxSettingSchema, setAside: z.array(setAsideLinesSchema).optional() });
export type AppStatus = z.infer<typeof appStatusSchema>;

export const exportFileSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
export type ExportFile = z.infer<typeof exportFileSchema>;

/**
 * Settings › Install the command: what happened, in a sentence, and a command for the person to
 * copy and run where the app could not do it (an administrator's folder, Windows' PATH).
 */
export const commandInstallSchema = z.object({
  outcome: z.enum(['installed', 'already-installed', 'needs-admin', 'manual', 'conflict', 'unavailable']),
  message: z.string(),
  command: z.string().optional(),
});
export type CommandInstall = z.infer<typeof commandInstallSchema>;

/**
 * Running in the background (Settings → General, the tray menu): whether Scopekeeper starts at
 * login (off unless the person turns it on), whether closing the window keeps it running (on),
 * and whether tools are paused (the broker refuses them until the person resumes them).
 */
export const backgroundSettingsSchema = z.object({
  startAtLogin: z.boolean(),
  keepRunning: z.boolean(),
  toolsPaused: z.boolean(),
});
export type BackgroundSettings = z.infer<typeof backgroundSettingsSchema>;
