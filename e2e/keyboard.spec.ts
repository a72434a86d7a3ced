import type { Page } from '@playwright/test';
import { connection, sidebarOption } from './appPages';
import { expect, sandboxPages, test } from './fixtures';
import type { PageDocument } from './pageTypes';

// In the page these are the real globals (see pageTypes.ts).
declare const document: PageDocument;


const SANDBOX = 'Sandbox: alex@sandbox.test';

/** Where keyboard focus is, in words a failure can show; "page" when it fell to <body>. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (e === null || e === document.body || e === document.documentElement) return 'page';
    return `${e.tagName.toLowerCase()} ${e.getAttribute('role') ?? ''} “${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 60)}”`;
  });
}

test('from launch, keyboard only: connect the Sandbox, open it, take back its 5th permission and confirm, in at most 12 Tab presses', { tag: '@keyboard' }, async ({ app }) => {
  const page = app.page;
  let tabs = 0;
  /** One key press in the app window; focus must never fall back to the page. */
  async function press(key: string): Promise<void> {
    if (key === 'Tab' || key === 'Shift+Tab') tabs += 1;
    await page.keyboard.press(key);
    expect(await focused(page), `focus after ${key}`).not.toBe('page');
  }
  await expect(page.getByRole('button', { name: 'Connect Sandbox' })).toBeVisible();

  // The skip link is the first stop, and it lands in the main area.
  await press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // The providers' Connect buttons are one stop; the arrow keys move between them.
  await press('Tab');
  await expect(page.locator('button.connect-button:focus')).toHaveCount(1);
  for (let i = 0; i < 10 && !(await page.getByRole('button', { name: 'Connect Sandbox' }).evaluate((b) => b === document.activeElement)); i += 1) {
    await press('ArrowDown');
  }
  await expect(page.getByRole('button', { name: 'Connect Sandbox' })).toBeFocused();
  await press('Enter');
  await expect(page.getByRole('status', { name: 'Finish signing in in your browser' }).getByRole('button', { name: 'Cancel' })).toBeFocused();

  // The person signs in and approves in their browser.
  const auth = await app.nextAuthPage();
  await sandboxPages.signIn(auth);
  await sandboxPages.consent(auth);

  // Connected: the new connection is selected and open, and focus is on what happened.
  const detail = connection(page, SANDBOX);
  const result = detail.getByRole('status');
  await expect(result).toContainText('Sandbox is connected as alex@sandbox.test.');
  await expect(result).toBeFocused();
  await expect(sidebarOption(page, SANDBOX)).toHaveAttribute('aria-selected', 'true');

  // The permission rows are one Tab stop: Tab until focus is in them (leave one Tab for the dialog).
  const rows = detail.getByRole('group', { name: 'Granted permissions' });
  while (tabs < 11 && (await rows.locator(':focus').count()) === 0) await press('Tab');
  await expect(rows.locator(':focus')).toHaveCount(1);
  // Only one of their buttons is a Tab stop.
  await expect(rows.locator('button[tabindex="0"]')).toHaveCount(1);

  // Inside, the arrow keys: → to the Take back column, ↓ to the 5th permission that can be taken back.
  const fifth = (await rows.getByRole('button', { name: /^Take back / }).nth(4).getAttribute('aria-label')) ?? '';
  expect(fifth).toMatch(/^Take back /);
  await press('ArrowRight');
  for (let i = 0; i < 20 && (await rows.locator(':focus').getAttribute('aria-label')) !== fifth; i += 1) await press('ArrowDown');
  const takeBack = rows.getByRole('button', { name: fifth, exact: true });
  await expect(takeBack).toBeFocused();
  await press('Enter');

  // The dialog opens at its top with focus on its title, named for what it does.
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAccessibleName(new RegExp(`^Take back “${fifth.slice('Take back '.length)}”`));
  await expect(dialog.getByRole('heading', { level: 2 })).toBeFocused();
  await press('Tab');
  await expect(dialog.getByRole('button', { name: 'Take back', exact: true })).toBeFocused();
  await press('Enter');

  const again = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(again);
  await sandboxPages.consent(again);

  // Done: the outcome is said where it was asked for, the row is gone, and focus stayed in the
  // connection (on the outcome, or on the permission now in the row's place), never the page.
  await expect(detail.getByRole('status')).toContainText(/./);
  await expect(takeBack).toHaveCount(0);
  const after = await focused(page);
  expect(after).not.toBe('page');
  await expect(detail.locator(':focus')).toHaveCount(1);
  test.info().annotations.push({ type: 'Focus after the take-back', description: after });
  expect(tabs).toBeLessThanOrEqual(12);
  test.info().annotations.push({ type: 'Tab presses', description: String(tabs) });
});
