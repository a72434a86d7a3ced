// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInstall } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/errors';
import { App } from '../../App';
import { COMMAND_UNAVAILABLE, deferred, fail } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

const NEEDS_ADMIN: CommandInstall = {
  outcome: 'needs-admin',
  message: 'Linking the command into /usr/local/bin needs an administrator. Run this in Terminal, then try `scopekeeper --version`:',
  command: "sudo mkdir -p '/usr/local/bin' && sudo ln -sf '/Applications/Scopekeeper.app/Contents/Resources/cli/scopekeeper' '/usr/local/bin/scopekeeper'",
};

async function openSettings(commandInstall?: CommandInstall) {
  const rendered = renderWithBridge(<App />, commandInstall ? { commandInstall } : {});
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  await act(async () => {});
  openSettingsAt('General');
  return rendered;
}

const section = () => screen.getByRole('region', { name: 'The scopekeeper command' });
const install = () => act(async () => within(section()).getByRole('button', { name: 'Install the command' }).click());

describe('Settings → The scopekeeper command', () => {
  it('Install the command shows what happened next to the button, with focus on it', async () => {
    const { bridge } = await openSettings({ outcome: 'installed', message: 'Installed: ~/.local/bin/scopekeeper runs the Scopekeeper command. Try `scopekeeper --version` in a new terminal.' });
    await install();
    expect(bridge.api.app.installCommand).toHaveBeenCalledTimes(1);
    const result = within(section()).getByRole('status');
    expect(result.textContent).toBe('Installed: ~/.local/bin/scopekeeper runs the Scopekeeper command. Try `scopekeeper --version` in a new terminal.');
    expect(document.activeElement).toBe(result);
    expect(within(section()).queryByRole('button', { name: 'Copy the command' })).toBeNull();
  });

  it('where an administrator is needed, shows the command to run with Copy', async () => {
    await openSettings(NEEDS_ADMIN);
    await install();
    const result = within(section()).getByRole('status');
    expect(result.textContent).toContain(NEEDS_ADMIN.message);
    expect(within(result).getByText(NEEDS_ADMIN.command!).tagName).toBe('CODE');
    expect(within(result).getByRole('button', { name: 'Copy the command' })).toBeTruthy();
    expect(document.activeElement).toBe(result);
  });

  it('a second click takes focus again even when the answer is the same; the button waits while it works', async () => {
    const { bridge } = await openSettings();
    await install();
    within(section()).getByRole('button', { name: 'Install the command' }).focus();
    const pending = deferred<Result<CommandInstall>>();
    bridge.api.app.installCommand.mockReturnValueOnce(pending.promise);
    await install();
    expect((within(section()).getByRole('button', { name: 'Install the command' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => pending.resolve({ ok: true, value: COMMAND_UNAVAILABLE }));
    expect((within(section()).getByRole('button', { name: 'Install the command' }) as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(within(section()).getByRole('status'));
    expect(within(section()).getByRole('status').textContent).toBe(COMMAND_UNAVAILABLE.message);
  });

  it('a failed call is reported beside the button, not as a result', async () => {
    const { bridge } = await openSettings();
    bridge.api.app.installCommand.mockResolvedValueOnce(fail('INTERNAL'));
    await install();
    expect(within(section()).queryByRole('status')).toBeNull();
    expect(within(section()).getByRole('alert')).toBeTruthy();
  });
});
