// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { appStore } from '../../store';
import { aliceConnection, fail } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';
import { NOTIFICATION_LABELS } from './NotificationSettings';

afterEach(resetApp);

describe('Settings › Notifications', () => {
  it('one checkbox per kind in plain words, and Quiet; each change is saved as the person made it', async () => {
    const { bridge } = renderWithBridge(<App />);
    openSettingsAt('Notifications');
    const section = await screen.findByRole('region', { name: 'Notifications' });
    const ended = (await within(section).findByRole('checkbox', { name: NOTIFICATION_LABELS['grant-ended'] })) as HTMLInputElement;
    expect(within(section).getAllByRole('checkbox')).toHaveLength(6);
    expect(ended.checked).toBe(true);

    await act(async () => ended.click());
    expect(bridge.api.app.setNotifications).toHaveBeenLastCalledWith({ off: ['grant-ended'], quiet: false });
    expect(ended.checked).toBe(false);

    await act(async () => within(section).getByRole('checkbox', { name: 'Quiet: show no notifications' }).click());
    expect(bridge.api.app.setNotifications).toHaveBeenLastCalledWith({ off: ['grant-ended'], quiet: true });
    expect(bridge.data.notificationSettings).toEqual({ off: ['grant-ended'], quiet: true });
  });
});

describe('a clicked notification', () => {
  it('about a connection shows it, from whichever view was open', async () => {
    const other = { ...aliceConnection, id: 'c-2', account: 'bob@example.com' };
    const { bridge } = renderWithBridge(<App />, { connections: [aliceConnection, other] });
    await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
    openSettingsAt('Notifications');
    await screen.findByRole('region', { name: 'Notifications' });
    act(() => bridge.emitAppOpen({ connectionId: 'c-2' }));
    await screen.findByRole('article', { name: 'Sandbox: bob@example.com' });
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    expect(appStore.getState().selectedId).toBe('c-2');
  });

  it('about a question puts that question first', () => {
    const ask = (requestId: string) => ({ requestId }) as never;
    appStore.setState({ approvals: [ask('r1'), ask('r2')] });
    appStore.getState().openFromNotification({ requestId: 'r2' });
    expect(appStore.getState().approvals.map((a) => a.requestId)).toEqual(['r2', 'r1']);
  });
});

describe('a refused save', () => {
  it('puts the checkbox back and says why beside it', async () => {
    const { bridge } = renderWithBridge(<App />);
    bridge.api.app.setNotifications.mockResolvedValueOnce(fail('VAULT_LOCKED'));
    openSettingsAt('Notifications');
    const section = await screen.findByRole('region', { name: 'Notifications' });
    const quiet = (await within(section).findByRole('checkbox', { name: 'Quiet: show no notifications' })) as HTMLInputElement;
    await act(async () => quiet.click());
    expect(quiet.checked).toBe(false);
    expect(within(section).getByRole('alert')).toBeTruthy();
  });
});
