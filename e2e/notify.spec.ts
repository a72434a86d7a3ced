import { DAY_MS, LIVENESS_JITTER_MS } from '../electron/core/grants/liveness';
import { connectWith, connection, openSettings, openView } from './appPages';
import { expect, test } from './fixtures';
import { readTokens } from './vaultFile';

const SANDBOX = 'Sandbox: alex@sandbox.test';
/** The daily check's longest wait: a day and its jitter. */
const A_DAY = DAY_MS + LIVENESS_JITTER_MS;

test.describe('notifications', { tag: '@notify' }, () => {
  test('a grant revoked at the Sandbox while the window is hidden: the daily check finds it, records it, and says so', async ({ app, sandbox, clock }) => {
    await connectWith(app, 'Sandbox');
    const card = connection(app.page, SANDBOX);
    expect(await sandbox.revokeGrantOf((await readTokens(app.dataDir)).refreshToken!)).toBe(true);
    app.setInView(false);

    clock.advance(A_DAY);

    await expect.poll(() => app.notifications).toEqual([
      {
        kind: 'grant-ended',
        title: 'Sandbox access ended',
        body: 'Sandbox no longer accepts Scopekeeper’s access to alex@sandbox.test. Reconnect to use it again.',
        opens: { connectionId: expect.any(String) },
      },
    ]);
    await expect(card.getByText('Revoked at Sandbox', { exact: true })).toBeVisible();
    await expect(
      card.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Revoked at the provider' }).filter({ hasText: 'daily check in the background' }),
    ).toHaveCount(1);

    // Clicked from elsewhere in the window: the connection it is about is shown.
    await openView(app.page, 'Settings');
    await expect(card).toHaveCount(0);
    app.setInView(true);
    app.click(app.notifications[0]!);
    await expect(card.getByText('Revoked at Sandbox', { exact: true })).toBeVisible();
  });

  test('a kind turned off in Settings shows no notification, though the change is still recorded', async ({ app, sandbox, clock }) => {
    await connectWith(app, 'Sandbox');
    await openSettings(app.page, 'Notifications');
    const settings = app.page.getByRole('region', { name: 'Notifications' });
    const ended = settings.getByRole('checkbox', { name: 'A provider no longer accepts Scopekeeper’s access to an account' });
    await expect(ended).toBeChecked();
    await ended.uncheck();
    await expect(ended).not.toBeChecked();
    await expect(settings.getByRole('group')).toBeEnabled();

    expect(await sandbox.revokeGrantOf((await readTokens(app.dataDir)).refreshToken!)).toBe(true);
    app.setInView(false);
    clock.advance(A_DAY);

    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
    await expect(connection(app.page, SANDBOX).getByText('Revoked at Sandbox', { exact: true })).toBeVisible();
    expect(app.notifications).toEqual([]);
  });
});
