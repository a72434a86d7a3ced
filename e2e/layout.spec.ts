import { findScope } from '../shared/catalog';
import { connection, connectWith, grantedRows, openDialog, openSettings, sidebarOption } from './appPages';
import { expect, sandboxPages, test } from './fixtures';

const SANDBOX = 'Sandbox: alex@sandbox.test';

test('the sidebar shows each connection with its summary line; a new connection is selected and in view', { tag: '@layout' }, async ({ app }) => {
  // A short window: the sidebar list holds about one row, so a new one lands below its fold.
  await app.page.setViewportSize({ width: 1000, height: 430 });
  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
  const option = sidebarOption(app.page, SANDBOX);
  await expect(option).toHaveAttribute('aria-selected', 'true');
  // "15 permissions · 11 sensitive", counted from what the detail lists.
  const granted = await grantedRows(app.page, SANDBOX).count();
  await expect(option).toContainText(new RegExp(`${granted} permissions · \\d+ sensitive`));
  await expect(connection(app.page, SANDBOX)).toContainText(new RegExp(`${granted} permissions · \\d+ sensitive`));
  await expect(option).toContainText('Partial');

  for (const [provider, account, tick] of [
    ['Google', 'Google: alex@example.com', ['https://www.googleapis.com/auth/gmail.readonly']],
    ['GitHub', /^GitHub: /, ['repo']],
  ] as const) {
    await connectWith(app, provider, { tick: [...tick] });
    const added = sidebarOption(app.page, account);
    await expect(added).toHaveAttribute('aria-selected', 'true');
    await expect(added).toBeInViewport();
    await expect(connection(app.page, account)).toBeVisible();
    // Only the selected connection's detail is rendered.
    await expect(app.page.getByRole('article')).toHaveCount(1);
  }
  await expect(app.page.getByRole('listbox', { name: 'Connected accounts' }).getByRole('option')).toHaveCount(3);
});

test('history lists newest first, in words, with dates that match what happened', { tag: '@history-order' }, async ({ app }) => {
  const title = (scope: string): string => findScope('sandbox', scope)!.title;
  await connectWith(app, 'Sandbox');
  const detail = connection(app.page, SANDBOX);
  const history = detail.getByRole('list', { name: 'History' }).getByRole('listitem');
  await expect(history).toHaveCount(1);

  await detail.getByRole('button', { name: `Take back ${title('tasks:write')}` }).click();
  await openDialog(app.page).getByRole('button', { name: 'Take back', exact: true }).click();
  const auth = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(auth);
  await sandboxPages.consent(auth);
  await expect(grantedRows(app.page, SANDBOX).filter({ hasText: 'tasks:write' })).toHaveCount(0);

  const texts = await history.allTextContents();
  expect(texts.at(-1)).toMatch(/^Connected/);
  expect(texts.findIndex((t) => t.startsWith("Took back"))).toBeLessThan(texts.length - 1);
  const tookBack = texts.find((t) => t.startsWith('Took back'));
  expect(tookBack).toContain(`Took back: ${title('tasks:write')}`);
  expect(texts.join('\n')).not.toMatch(/permission\(s\)|Upgraded|tasks:write/);

  // Newest first: every entry's time is at or before the one above it.
  const times = await history.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  expect(times.every((t) => !Number.isNaN(t))).toBe(true);
  for (let i = 1; i < times.length; i += 1) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);

  // A kept permission keeps the date it was first granted: the take back does not make it new.
  const tookBackAt = Date.parse(
    (await history.filter({ hasText: /^Took back/ }).locator('time').getAttribute('datetime')) ?? '',
  );
  await openSettings(app.page, 'Permissions');
  const keptRow = app.page
    .getByRole('table', { name: 'All granted permissions' })
    .getByRole('row')
    .filter({ has: app.page.getByRole('button', { name: `Revoke ${title('files:read')} for alex@sandbox.test on Sandbox` }) });
  const grantedAt = Date.parse((await keptRow.locator('time').getAttribute('datetime')) ?? '');
  expect(grantedAt).toBeLessThan(tookBackAt);
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();

  // The dates shown are the entries' own, written for people.
  const first = history.first().locator('time');
  const iso = (await first.getAttribute('datetime'))!;
  await expect(first).toHaveText(await app.page.evaluate((at) => new Date(at).toLocaleString(), iso));
});
