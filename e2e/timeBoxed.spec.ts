import { connection, connectWith, openDialog, openRemoved, sidebarOption } from './appPages';
import { expect, sandboxPages, test } from './fixtures';

/**
 * Access given for a while, through the window, on the app's clock moved by the test: the time left
 * shows where the access is listed, and once the time is up the access is gone, the history says
 * why, and a notification was shown (the headless host records them).
 */

const SANDBOX = 'Sandbox: alex@sandbox.test';
const HOUR = 3_600_000;

test('a connection given for 1 day shows the time left, and is removed after a day with history saying why', { tag: '@time-boxed' }, async ({ app, clock }) => {
  await connectWith(app, 'Sandbox', { lasts: 'For 1 day' });
  await expect(sidebarOption(app.page, /^Sandbox: alex@sandbox\.test/)).toHaveAccessibleName(/, Expires in 23 h$/);
  await expect(connection(app.page, SANDBOX)).toContainText('Removed when its time is up: Expires in 23 h');

  clock.advance(23 * HOUR);
  await expect.poll(() => app.notifications.map((n) => n.kind)).toEqual(['expiring']);
  expect(app.notifications[0]!.body).toMatch(/^This connection expires in \d+ min \(you chose 1 day\)\. Scopekeeper takes it back then\.$/);
  clock.advance(HOUR);

  await expect(connection(app.page, SANDBOX)).toHaveCount(0);
  await expect(sidebarOption(app.page, /^Sandbox: alex@sandbox\.test/)).toHaveCount(0);
  const removed = await openRemoved(app.page, 'Sandbox, alex@sandbox.test');
  await expect(removed.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText(
    'Expired (chosen for 1 day); taken back. Sandbox revoked Scopekeeper’s access; the connection is removed.',
  );
  expect(app.notifications.map((n) => [n.kind, n.title])).toEqual([
    ['expiring', 'Sandbox: alex@sandbox.test'],
    ['expired', 'Sandbox: alex@sandbox.test'],
  ]);
});

test('a permission added for 1 day is taken back after a day; the rest waits for a reconnect', { tag: '@time-boxed' }, async ({ app, clock }) => {
  await connectWith(app, 'Sandbox', { untick: ['calendar:write'] });
  const article = connection(app.page, SANDBOX);
  await article.getByRole('button', { name: /^Ask again for / }).click();
  const dialog = openDialog(app.page);
  await dialog.getByRole('combobox', { name: 'How long to keep what is added' }).selectOption({ label: 'For 1 day' });
  await dialog.getByRole('button', { name: 'Ask for it' }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  const added = article.getByRole('listitem').filter({ hasText: 'calendar:write' });
  await expect(added).toContainText('Expires in 23 h');

  clock.advance(24 * HOUR);

  // The Sandbox takes one back by revoking the whole grant: done at once; the rest is the person's to approve again.
  await expect(article.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  await expect(article.getByRole('listitem').filter({ hasText: 'calendar:write' })).toHaveCount(0);
  await expect(article.getByRole('list', { name: 'History' }).getByRole('listitem').first()).toContainText(/Expired \(chosen for 1 day\); taken back\. Sandbox forgot the whole grant/);
  await expect.poll(() => app.notifications.map((n) => n.kind)).toContain('expired');
});
