// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/errors';
import { App } from './App';
import { aliceConnection, deferred, fail, offlineProvider, ok, readyStatus, sandboxProvider } from './testing/fakeBridge';
import { renderWithBridge, resetApp } from './testing/renderWithBridge';

afterEach(resetApp);

async function renderApp(data: Parameters<typeof renderWithBridge>[1] = {}) {
  const rendered = renderWithBridge(<App />, { providers: [sandboxProvider, offlineProvider], ...data });
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  return rendered;
}

describe('App', () => {
  it('shows the header, the providers and the empty connections list', async () => {
    await renderApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Scopekeeper' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Connect an account' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeTruthy();
    expect(screen.getByText(sandboxProvider.description)).toBeTruthy();

    const connect = screen.getByRole('button', { name: 'Connect Sandbox' }) as HTMLButtonElement;
    expect(connect.disabled).toBe(false);
    // A provider without any client says so and leads to the form, instead of a disabled button.
    expect(screen.queryByRole('button', { name: 'Connect Offline Co' })).toBeNull();
    expect(screen.getByText(/This build of Scopekeeper has no OAuth client for Offline Co\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Use your own OAuth app' }).getAttribute('href')).toBe('#own-client-offline');

    expect(await screen.findByText('No accounts connected yet.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the Review when the person clicks the weekly review notification, and Connections for one about a connection', async () => {
    const { bridge } = await renderApp();
    act(() => bridge.emitAppOpen({ view: 'review' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Review' })).toBeTruthy();
    act(() => bridge.emitAppOpen({ connectionId: 'c-1' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Connect an account' })).toBeTruthy();
  });

  it('shows the sign-in status while connecting, then the new connection', async () => {
    const { bridge } = await renderApp();
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);

    act(() => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    const status = screen.getByRole('status', { name: 'Finish signing in in your browser' });
    expect(status.textContent).toContain('Sandbox');
    expect(status.textContent).toContain('Opening your browser…');
    expect((screen.getByRole('button', { name: 'Connect Sandbox' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(within(status).getByRole('button', { name: 'Cancel' }));

    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'waiting-for-callback' }));
    expect(status.textContent).toContain('Waiting for you to finish in the browser…');
    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'exchanging-code' }));
    expect(status.textContent).toContain('Finishing up…');
    act(() => bridge.emitFlowProgress({ flowId: 'f1', providerId: 'sandbox', stage: 'saving' }));
    expect(status.textContent).toContain('Saving…');

    bridge.data.connections = [aliceConnection];
    await act(async () => answer.resolve(ok(aliceConnection)));

    // The new connection is selected and shown, with the result at the top of its detail, focused.
    const article = await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
    expect(screen.queryByRole('status', { name: 'Finish signing in in your browser' })).toBeNull();
    const result = within(article).getByRole('status');
    expect(result.textContent).toContain('Sandbox is connected as alice@example.test.');
    expect(result.textContent).toContain('Not granted: “Edit your contacts”.');
    expect(document.activeElement).toBe(result);
    expect(screen.getByRole('option', { name: /^Sandbox: alice@example\.test(,|$)/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows a declined sign-in as a neutral message beside its Connect button, that can be dismissed', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.connect.mockResolvedValueOnce(fail('AUTH_DENIED'));

    await act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    expect(screen.queryByRole('alert')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('You chose not to connect Sandbox. Nothing was saved.');
    expect(status.closest('li')?.contains(screen.getByRole('button', { name: 'Connect Sandbox' }))).toBe(true);

    act(() => within(status).getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows a failed sign-in as an alert beside its Connect button', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.connect.mockResolvedValueOnce(fail('AUTH_TIMEOUT'));
    await act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Signing in to Sandbox took too long');
    expect(alert.closest('li')?.contains(screen.getByRole('button', { name: 'Connect Sandbox' }))).toBe(true);
  });

  it('shows a cancelled sign-in as a status message, not an alert', async () => {
    const { bridge } = await renderApp();
    const answer = deferred<Result<ConnectionView>>();
    bridge.api.grants.connect.mockReturnValueOnce(answer.promise);
    act(() => screen.getByRole('button', { name: 'Connect Sandbox' }).click());

    await act(async () => screen.getByRole('button', { name: 'Cancel' }).click());
    expect(bridge.api.grants.cancelFlow).toHaveBeenCalledTimes(1);
    await act(async () => answer.resolve(fail('AUTH_CANCELLED')));

    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Sign-in cancelled. Nothing was connected.');
  });

  it('tells when the vault file was moved aside, until dismissed', async () => {
    const { bridge } = await renderApp({
      status: {
        ...readyStatus,
        vault: {
          state: 'ready',
          recovered: { fileName: 'vault.json.corrupt-1', at: '2025-03-01T10:15:00.000Z', reason: 'bad JSON' },
        },
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      "Your saved connections file could not be read, so it was moved aside as vault.json.corrupt-1 in Scopekeeper's data folder. " +
        'Connections you add now are saved in a new file.Show in folderDismiss',
    );
    await act(async () => within(alert).getByRole('button', { name: 'Show in folder' }).click());
    expect(bridge.api.app.showInFolder).toHaveBeenCalledWith({ item: 'recovered-vault' });
    act(() => within(alert).getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says once which logs had damaged lines set aside, and where they are kept', async () => {
    await renderApp({
      status: {
        ...readyStatus,
        setAside: [
          { log: 'tool-calls', lines: 2, fileName: 'broker-usage.damaged.jsonl' },
          { log: 'history', lines: 1, fileName: 'history.damaged.jsonl' },
        ],
      },
    });
    const notice = await screen.findByRole('status', { name: 'Damaged log lines' });
    expect(notice.textContent).toBe(
      '2 damaged lines in the tool-call log were set aside (kept in broker-usage.damaged.jsonl in Scopekeeper\'s data folder).' +
        "1 damaged line in the history log was set aside (kept in history.damaged.jsonl in Scopekeeper's data folder)." +
        'The other entries are unchanged.Dismiss',
    );
    act(() => within(notice).getByRole('button', { name: 'Dismiss' }).click());
    expect(screen.queryByRole('status', { name: 'Damaged log lines' })).toBeNull();
  });

  it('tells why the vault is locked', async () => {
    await renderApp({ status: { ...readyStatus, vault: { state: 'locked', lockedReason: 'The system keyring is not available.' } } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The system keyring is not available.');
  });
});
