import type { Locator, Page } from '@playwright/test';
import { connection, connectWith, openDialog } from './appPages';
import { approvalDialog, scopekeeper, tools } from './brokerTools';
import { paintedDiffers, paintedText, textContrast } from './contrast';
import { expect, test } from './fixtures';
import type { PageElement, PageStyle } from './pageTypes';

// In the page this is the real function (see pageTypes.ts).
declare function getComputedStyle(element: PageElement): PageStyle;

/**
 * What axe cannot see: a button's text while the pointer is over it, while it has keyboard focus
 * and while it is pressed. Every kind of button on each screen (plain, primary, danger, outlined,
 * the sidebar's, the navigation's, a tooltip's, in the page and in a dialog) is put in each state
 * the way a person does it, and its text measured against what is painted behind it (≥ 4.5:1).
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';
const MINIMUM = 4.5;

test.describe.configure({ timeout: 120_000 });

/** One button of each kind in `scope`: same classes, state attributes, resting colours and surroundings count as one. */
async function buttonKinds(scope: Locator): Promise<{ button: Locator; name: string }[]> {
  const buttons = scope.locator('button');
  const kinds = await buttons.evaluateAll((elements: PageElement[]) =>
    elements.map((e) => {
      const box = e.getBoundingClientRect();
      if (box.width === 0 || e.disabled === true || e.getAttribute('aria-disabled') === 'true') return null;
      const style = getComputedStyle(e);
      const parent = e.parentElement === null ? '' : getComputedStyle(e.parentElement).backgroundColor;
      const attributes = ['class', 'aria-current', 'aria-expanded', 'aria-pressed'].map((a) => e.getAttribute(a) ?? '');
      const name = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40);
      return { key: [...attributes, style.color, style.backgroundColor, parent].join('|'), name };
    }),
  );
  const seen = new Set<string>();
  const picked: { button: Locator; name: string }[] = [];
  kinds.forEach((kind, i) => {
    if (kind === null || seen.has(kind.key)) return;
    seen.add(kind.key);
    picked.push({ button: buttons.nth(i), name: kind.name });
  });
  return picked;
}

/** The pointer somewhere over no control (the window's title bar). */
async function pointerAway(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
}

/** Hovers, focuses from the keyboard and presses every kind of button in `scope`; returns each reading below the minimum. */
async function lowContrastStates(page: Page, scope: Locator, screen: string): Promise<string[]> {
  const findings: string[] = [];
  const record = async (button: Locator, name: string, state: string): Promise<void> => {
    const painted = await paintedText(button);
    const [ratio, differs] = [textContrast(painted), paintedDiffers(painted)];
    // A filter or opacity changes what is painted but not the computed colours: the ratio would not be true.
    if (ratio < MINIMUM || differs !== null) findings.push(`${screen}: “${name}” ${state}: ${ratio}:1${differs === null ? '' : ` under ${differs}`}`);
  };
  const kinds = await buttonKinds(scope);
  expect(kinds.length, `buttons on ${screen}`).toBeGreaterThan(0);
  for (const { button, name } of kinds) {
    await button.scrollIntoViewIfNeeded();
    await button.hover();
    await record(button, name, 'hovered');

    const box = (await button.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await record(button, name, 'pressed');
    // Released elsewhere, so the press does not click.
    await pointerAway(page);
    await page.mouse.up();

    // A key first, so the browser treats the focus as keyboard focus (:focus-visible), as after Tab.
    await page.keyboard.press('Shift');
    await button.focus();
    expect(await button.evaluate((e: PageElement) => e.matches(':focus-visible')), `${screen}: “${name}” shows keyboard focus`).toBe(true);
    await record(button, name, 'focused');
  }
  return findings;
}

async function expectReadable(page: Page, scope: Locator, screen: string): Promise<void> {
  await pointerAway(page);
  expect(await lowContrastStates(page, scope, screen)).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.beforeEach(async ({ app }) => {
      await app.page.emulateMedia({ colorScheme });
    });

    test(`Connect, a connection's detail and its dialogs: buttons stay readable hovered, focused and pressed (${colorScheme})`, { tag: '@hover-contrast' }, async ({ app }) => {
      const page = app.page;
      await expect(page.getByRole('button', { name: 'Connect Sandbox' })).toBeVisible();
      await expectReadable(page, page.locator('body'), `Connect an account (${colorScheme})`);

      await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
      const detail = connection(page, SANDBOX);
      await expect(detail.getByRole('button', { name: 'Missing permission' }).first()).toBeVisible();
      await expectReadable(page, page.locator('body'), `connection detail (${colorScheme})`);

      for (const [opener, screen] of [
        [detail.getByRole('button', { name: 'Take back See your files' }), 'take back dialog'],
        [detail.getByRole('button', { name: /^Ask again for / }), 'ask again dialog'],
      ] as const) {
        await opener.click();
        await expect(openDialog(page)).toBeVisible();
        await expectReadable(page, openDialog(page), `${screen} (${colorScheme})`);
        await openDialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
        await expect(openDialog(page)).toHaveCount(0);
      }
    });

    test(`a tool's approval dialog, Tools and Settings: buttons stay readable hovered, focused and pressed (${colorScheme})`, { tag: '@hover-contrast' }, async ({ app }) => {
      const page = app.page;
      await connectWith(app, 'Sandbox');
      const asked = scopekeeper(app, tools(), ['request', 'sandbox', 'read-files', '--name', 'contrast-tool']);
      const dialog = approvalDialog(page);
      await expect(dialog).toContainText('“contrast-tool” wants to use your Sandbox account');
      await expectReadable(page, dialog, `tool approval dialog (${colorScheme})`);
      await dialog.getByRole('button', { name: 'Always allow' }).click();
      expect((await asked).code).toBe(0);

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('button', { name: 'Tools' }).click();
      await expect(page.getByRole('article', { name: 'contrast-tool' })).toBeVisible();
      await expectReadable(page, page.locator('body'), `Tools (${colorScheme})`);

      await nav.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
      await expectReadable(page, page.locator('body'), `Settings (${colorScheme})`);
    });
  });
}
