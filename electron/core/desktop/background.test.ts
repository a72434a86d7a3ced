import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aesKeyFileCipher, confVault } from '../../headless/adapters';
import { emptyVault } from '../vault/schema';
import { Vault } from '../vault/vault';
import { Background } from './background';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sk-background-'));
});

/** Scopekeeper started over the data folder: its vault, a broker that records Pause, the login item, the events. */
function start(options: { loginItem?: boolean } = {}) {
  const vault = Vault.open(confVault(dir), aesKeyFileCipher(join(dir, 'vault.key')), { now: () => new Date() });
  const tools = { paused: false, setPaused: vi.fn((paused: boolean) => void (tools.paused = paused)) };
  const loginItem = { setOpenAtLogin: vi.fn() };
  const emit = vi.fn();
  const background = new Background(vault, tools, emit, options.loginItem === false ? undefined : loginItem);
  return { vault, tools, loginItem, emit, background };
}

/** What the data folder holds, as the next start reads it. */
const saved = () => start().vault.settings().background;

describe('running in the background: the settings', () => {
  it('start with Start at login off, Keep running on, tools not paused, the first-close notice not yet said', () => {
    const { background, tools } = start();
    expect(background.view()).toEqual({ startAtLogin: false, keepRunning: true, toolsPaused: false });
    expect(background.closeNoticeShown).toBe(false);
    expect(tools.setPaused).toHaveBeenCalledWith(false);
  });

  it('set the login item only when the person turns Start at login on, and clear it when they turn it off', async () => {
    const { background, loginItem, emit } = start();
    await background.set({ keepRunning: false });
    expect(loginItem.setOpenAtLogin).not.toHaveBeenCalled();
    await background.set({ startAtLogin: false });
    expect(loginItem.setOpenAtLogin).not.toHaveBeenCalled();
    expect(await background.set({ startAtLogin: true })).toEqual({ startAtLogin: true, keepRunning: false, toolsPaused: false });
    expect(loginItem.setOpenAtLogin.mock.calls).toEqual([[true]]);
    await background.set({ startAtLogin: true });
    expect(loginItem.setOpenAtLogin.mock.calls).toEqual([[true]]);
    await background.set({ startAtLogin: false });
    expect(loginItem.setOpenAtLogin.mock.calls).toEqual([[true], [false]]);
    expect(emit).toHaveBeenLastCalledWith('background:changed', { startAtLogin: false, keepRunning: false, toolsPaused: false });
  });

  it('two quick changes of Start at login each reach the system, in order', async () => {
    const { background, loginItem } = start();
    await Promise.all([background.set({ startAtLogin: true }), background.set({ startAtLogin: false }), background.set({ startAtLogin: true })]);
    expect(loginItem.setOpenAtLogin.mock.calls).toEqual([[true], [false], [true]]);
    expect(background.view().startAtLogin).toBe(true);
  });

  it('changes made together (a switch in the window, Pause in the tray, the first close) all land', async () => {
    const { background } = start();
    await Promise.all([background.set({ startAtLogin: true }), background.pauseTools(true), background.set({ keepRunning: false }), background.closeNoticeSeen()]);
    expect(saved()).toEqual({ startAtLogin: true, toolsPaused: true, keepRunning: false, closeNoticeShown: true });
  });

  it('are kept across a restart: the pause is applied to the broker before any tool can call', async () => {
    const first = start();
    await first.background.set({ startAtLogin: true, keepRunning: false });
    await first.background.pauseTools(true);
    await first.background.closeNoticeSeen();
    const again = start();
    expect(again.background.view()).toEqual({ startAtLogin: true, keepRunning: false, toolsPaused: true });
    expect(again.background.closeNoticeShown).toBe(true);
    expect(again.tools.paused).toBe(true);
    // Starting again does not touch the login item: it is the system's, set when the person turned it on.
    expect(again.loginItem.setOpenAtLogin).not.toHaveBeenCalled();
  });

  it('pause the broker at once, before the setting is written, and resume it', async () => {
    const { background, tools } = start();
    const pausing = background.pauseTools(true);
    expect(tools.paused).toBe(true);
    expect(await pausing).toMatchObject({ toolsPaused: true });
    expect(await background.pauseTools(false)).toMatchObject({ toolsPaused: false });
    expect(tools.paused).toBe(false);
  });

  it('a damaged field in the file falls back to its default and keeps the others (the vault still opens)', () => {
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ ...emptyVault(), settings: { background: { keepRunning: 'yes', startAtLogin: true } } }));
    const { background, vault } = start();
    expect(background.view()).toEqual({ startAtLogin: true, keepRunning: true, toolsPaused: false });
    expect(vault.movedAsidePath).toBeUndefined();
  });

  it('a vault written by a newer Scopekeeper changes nothing: the switches are refused; Pause still holds for this run', async () => {
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ schemaVersion: 99 }));
    const { background, tools, loginItem } = start();
    await expect(background.set({ startAtLogin: true })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(loginItem.setOpenAtLogin).not.toHaveBeenCalled();
    expect(background.view().startAtLogin).toBe(false);
    expect(await background.pauseTools(true)).toMatchObject({ toolsPaused: true });
    expect(tools.paused).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))).toEqual({ schemaVersion: 99 });
  });

  it('without a login item (the headless host) the setting is kept and nothing else happens', async () => {
    const { background } = start({ loginItem: false });
    expect(await background.set({ startAtLogin: true })).toMatchObject({ startAtLogin: true });
  });
});
