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

test('from launch, keyboard only: connect the Sandbox, open it, take back one permission and confirm, in at most 12 Tab presses', { tag: '@keyboard' }, async ({ app }) => {
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

  // Tab to the first permission that can be taken back.
  // Leave one Tab for the dialog's button.
  while (tabs < 11) {
    await press('Tab');
    const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    if (name.startsWith('Take back ')) break;
  }
  const takeBack = page.locator('button:focus');
  const name = (await takeBack.getAttribute('aria-label')) ?? '';
  expect(name).toMatch(/^Take back /);
  await press('Enter');

  // The dialog opens at its top with focus on its title, named for what it does.
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAccessibleName(new RegExp(`^Take back “${name.slice('Take back '.length)}”`));
  await expect(dialog.getByRole('heading', { level: 2 })).toBeFocused();
  await press('Tab');
  await expect(dialog.getByRole('button', { name: 'Take back', exact: true })).toBeFocused();
  await press('Enter');

  const again = await app.nextAuthPage();
  await sandboxPages.signInIfAsked(again);
  await sandboxPages.consent(again);

  // Done: the outcome is said where it was asked for, and focus is on it, not lost.
  await expect(detail.getByRole('status')).toContainText(/./);
  await expect(detail.getByRole('button', { name })).toHaveCount(0);
  expect(await focused(page)).not.toBe('page');
  expect(tabs).toBeLessThanOrEqual(12);
  test.info().annotations.push({ type: 'Tab presses', description: String(tabs) });
});
