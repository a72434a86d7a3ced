// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxSetting } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/errors';
import { App } from '../../App';
import { appStore } from '../../store';
import { deferred, fail, SANDBOX_ISSUER, sandboxProvider, statusWithSandbox, unsetSandboxProvider } from '../../testing/fakeBridge';
import type { FakeBridgeData } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

const NOT_SET: SandboxSetting = { source: 'none' };
const SAVED: SandboxSetting = { issuer: 'http://127.0.0.1:5000', source: 'settings' };

async function openSettings(sandbox: SandboxSetting, data: FakeBridgeData = {}) {
  const rendered = renderWithBridge(<App />, {
    status: statusWithSandbox(sandbox),
    providers: [sandbox.source === 'none' ? unsetSandboxProvider : sandboxProvider],
    ...data,
  });
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  await act(async () => {}); // let app:status settle too
  openSettingsAt('Sandbox');
  return rendered;
}

const section = () => screen.getByRole('region', { name: 'Sandbox server' });
const form = () => screen.getByRole('form', { name: 'Sandbox server' });
const field = () => screen.getByRole('textbox', { name: 'Sandbox address' }) as HTMLInputElement;
const type = (value: string) => fireEvent.change(field(), { target: { value } });
const save = () => act(async () => screen.getByRole('button', { name: 'Save sandbox address' }).click());
const stopButton = () => screen.queryByRole('button', { name: 'Stop using the sandbox' });

async function backToConnections(): Promise<HTMLButtonElement> {
  act(() => within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Connections' }).click());
  return (await screen.findByRole('button', { name: 'Connect Sandbox' })) as HTMLButtonElement;
}

describe('Settings → Sandbox server', () => {
  it('says what the Sandbox is, in its own section', async () => {
    await openSettings(NOT_SET);
    expect(screen.getByRole('heading', { level: 2, name: 'Settings' })).toBeTruthy();
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Sandbox server']);
    expect(section().textContent).toContain(
      'The Sandbox is a practice server on this computer, for trying Scopekeeper without an account anywhere. ' +
        'npm start runs it and sets its address; otherwise run npm run sandbox and enter the address it prints.',
    );
  });

  it('shows the address set by the environment read-only, with no form', async () => {
    await openSettings({ issuer: SANDBOX_ISSUER, source: 'environment' });
    expect(within(section()).getByText(`Set for this run by SCOPEKEEPER_SANDBOX_ISSUER: ${SANDBOX_ISSUER}`)).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Sandbox server' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Sandbox address' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save sandbox address' })).toBeNull();
    expect(stopButton()).toBeNull();
  });

  it('starts empty with a placeholder when nothing is saved, and offers no Stop button', async () => {
    await openSettings(NOT_SET);
    expect(form()).toBeTruthy();
    expect(field().value).toBe('');
    expect(field().type).toBe('url');
    expect(field().placeholder).toBe('http://127.0.0.1:4890');
    expect(stopButton()).toBeNull();
  });

  it('saves the trimmed address, refetches status and providers, then says so', async () => {
    const { bridge } = await openSettings(NOT_SET);
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(1);
    const answer = deferred<Result<SandboxSetting>>();
    bridge.api.app.setSandbox.mockReturnValueOnce(answer.promise);

    type('  http://127.0.0.1:5000/  ');
    await save();
    expect(bridge.api.app.setSandbox).toHaveBeenCalledWith({ issuer: 'http://127.0.0.1:5000/' });
    // Marked busy, not disabled: a disabled button would drop keyboard focus to the page.
    expect(screen.getByRole('button', { name: 'Save sandbox address' }).getAttribute('aria-disabled')).toBe('true');

    // What the main process saved (without the trailing slash), and the Sandbox now available.
    bridge.data.status = statusWithSandbox(SAVED);
    bridge.data.providers = [sandboxProvider];
    await act(async () => answer.resolve({ ok: true, value: SAVED }));

    expect(bridge.api.app.status).toHaveBeenCalledTimes(2);
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status').textContent).toContain('The Sandbox now uses http://127.0.0.1:5000.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(field().value).toBe('http://127.0.0.1:5000');
    expect(screen.getByRole('button', { name: 'Save sandbox address' }).getAttribute('aria-disabled')).toBe('false');
    expect(stopButton()).toBeTruthy();

    expect((await backToConnections()).disabled).toBe(false);
  });

  it('works end to end with the fake main process: Connect Sandbox becomes enabled', async () => {
    const { bridge } = await openSettings(NOT_SET);
    type('http://localhost:4890');
    await save();
    expect(bridge.api.app.setSandbox).toHaveBeenCalledWith({ issuer: 'http://localhost:4890' });
    expect(screen.getByRole('status').textContent).toContain('The Sandbox now uses http://localhost:4890.');
    expect(appStore.getState().providers[0]?.available).toBe(true);
    expect((await backToConnections()).disabled).toBe(false);
  });

  it.each([
    ['https://login.example.com', /starts with http:\/\/127\.0\.0\.1 or http:\/\/localhost/],
    ['http://192.168.1.20:4890', /starts with http:\/\/127\.0\.0\.1 or http:\/\/localhost/],
    ['127.0.0.1:4890', /not a web address/],
    ['   ', /^Enter the address npm run sandbox printed/],
  ])('blocks %j before sending and says why next to the field', async (typed, problem) => {
    const { bridge } = await openSettings(NOT_SET);
    type(typed);
    await save();

    expect(bridge.api.app.setSandbox).not.toHaveBeenCalled();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    const describedBy = (field().getAttribute('aria-describedby') ?? '').split(' ');
    const message = describedBy.map((id) => document.getElementById(id)).find((el) => el?.className === 'field-problem');
    expect(message?.textContent).toMatch(problem);
    expect(document.activeElement).toBe(field());
    expect(screen.queryByRole('alert')).toBeNull();

    // Corrected, it goes through and the problem is gone.
    type('http://[::1]:4890');
    await save();
    expect(bridge.api.app.setSandbox).toHaveBeenCalledWith({ issuer: 'http://[::1]:4890' });
    expect(field().getAttribute('aria-invalid')).toBe('false');
    expect(document.querySelector('.field-problem')).toBeNull();
  });

  it('shows a failure as the error alert and keeps the address as typed', async () => {
    const { bridge } = await openSettings(NOT_SET);
    bridge.api.app.setSandbox.mockResolvedValueOnce(fail('PROVIDER_UNREACHABLE'));
    type('http://127.0.0.1:4999');
    await save();

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The Sandbox is not running: start it with npm run sandbox, then try again (nothing was changed).');
    expect(section().contains(alert)).toBe(true);
    // The code is for tests and reports: an attribute, never in the sentence.
    expect(alert.getAttribute('data-error-code')).toBe('PROVIDER_UNREACHABLE');
    expect(alert.textContent).not.toContain('PROVIDER_UNREACHABLE');
    expect(screen.queryByRole('status')).toBeNull();
    expect(field().value).toBe('http://127.0.0.1:4999');
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(1);
    expect(stopButton()).toBeNull();
  });

  it('when the environment turns out to fix the address, says so and shows it read-only', async () => {
    const { bridge } = await openSettings(NOT_SET);
    bridge.data.status = statusWithSandbox({ issuer: SANDBOX_ISSUER, source: 'environment' });
    type('http://127.0.0.1:5000');
    await save();

    expect(screen.getByRole('alert').textContent).toContain(
      'The sandbox address is set for this run by the environment Scopekeeper was started in (for example by npm start), so it cannot be changed here; nothing was changed.',
    );
    expect(await within(section()).findByText(`Set for this run by SCOPEKEEPER_SANDBOX_ISSUER: ${SANDBOX_ISSUER}`)).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Sandbox server' })).toBeNull();
  });

  it('prefills the saved address; Stop using the sandbox sends null and says so', async () => {
    const { bridge } = await openSettings(SAVED);
    expect(field().value).toBe('http://127.0.0.1:5000');

    await act(async () => stopButton()?.click());
    expect(bridge.api.app.setSandbox).toHaveBeenCalledWith({ issuer: null });
    expect(screen.getByRole('status').textContent).toContain('The Sandbox is no longer set up.');
    expect(field().value).toBe('');
    expect(stopButton()).toBeNull();
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(2);

    const connect = await backToConnections();
    expect(connect.disabled).toBe(true);
    expect(screen.getByText(unsetSandboxProvider.unavailableReason ?? '')).toBeTruthy();
  });
});
