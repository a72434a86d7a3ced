// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { fail, type FakeBridgeData } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

async function open(view: 'Settings' | 'Tools', data: FakeBridgeData = {}) {
  const rendered = renderWithBridge(<App />, data);
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  await act(async () => {});
  if (view === 'Settings') openSettingsAt('General');
  else act(() => within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: view }).click());
  await act(async () => {});
  return rendered;
}

const general = () => screen.getByRole('region', { name: 'General' });
const switchNamed = (name: string) => within(general()).getByRole('switch', { name }) as HTMLInputElement;

describe('Settings → General', () => {
  it('Start at login is off and Keep running on by default; the login row says it applies to the installed app', async () => {
    await open('Settings');
    expect(switchNamed('Start at login').checked).toBe(false);
    expect(switchNamed('Keep running when the window is closed').checked).toBe(true);
    expect(general().textContent).toContain('Applies to the installed app');
  });

  it('each switch saves only what it changes, and shows what the main process saved', async () => {
    const { bridge } = await open('Settings');
    await act(async () => switchNamed('Start at login').click());
    expect(bridge.api.background.set).toHaveBeenCalledWith({ startAtLogin: true });
    expect(switchNamed('Start at login').checked).toBe(true);
    await act(async () => switchNamed('Keep running when the window is closed').click());
    expect(bridge.api.background.set).toHaveBeenLastCalledWith({ keepRunning: false });
    expect(switchNamed('Keep running when the window is closed').checked).toBe(false);
  });

  it('a refused change leaves the switch as it was and says why beside it', async () => {
    const { bridge } = await open('Settings');
    bridge.api.background.set.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    await act(async () => switchNamed('Start at login').click());
    expect(switchNamed('Start at login').checked).toBe(false);
    expect(within(general()).getByRole('alert')).toBeTruthy();
  });
});

describe('Pause tools in the window', () => {
  it('Pause tools in the Tools view pauses them; every view then says so, with Resume tools', async () => {
    const { bridge } = await open('Tools');
    await act(async () => screen.getByRole('button', { name: 'Pause tools' }).click());
    expect(bridge.api.background.pauseTools).toHaveBeenCalledWith({ paused: true });
    const banner = screen.getByRole('region', { name: 'Tools paused' });
    expect(banner.textContent).toContain('Tools are paused');
    expect(screen.queryByRole('button', { name: 'Pause tools' })).toBeNull();
    await act(async () => within(banner).getByRole('button', { name: 'Resume tools' }).click());
    expect(bridge.api.background.pauseTools).toHaveBeenLastCalledWith({ paused: false });
    expect(screen.queryByRole('region', { name: 'Tools paused' })).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Tools are resumed.');
  });

  it('a pause from the tray menu reaches the window (background:changed)', async () => {
    const { bridge } = await open('Settings');
    expect(screen.queryByRole('region', { name: 'Tools paused' })).toBeNull();
    act(() => bridge.emitBackgroundChanged({ startAtLogin: false, keepRunning: true, toolsPaused: true }));
    expect(screen.getByRole('region', { name: 'Tools paused' })).toBeTruthy();
  });
});
