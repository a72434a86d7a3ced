import type { Page } from '@playwright/test';
import { expectNoAxeViolations, lowContrastBordersAndFocus, lowContrastFocusRings } from './a11y';
import { connectWith, connection, expandRow, grantedRows, openDialog } from './appPages';
import { expect, test } from './fixtures';
import type { PageDocument, PageElement } from './pageTypes';

// In the page this is the real document (see pageTypes.ts).
declare const document: PageDocument;


const SANDBOX = 'Sandbox: alex@sandbox.test';

async function expectContrast(page: Page, screen: string): Promise<void> {
  expect(await lowContrastBordersAndFocus(page), `borders on ${screen}`).toEqual([]);
  expect(await lowContrastFocusRings(page), `focus rings on ${screen}`).toEqual([]);
}

async function settings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
}

async function connections(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connections' }).click();
}

/** Every screen and dialog the specs reach, in one theme: 0 axe violations and readable borders and focus rings. */
async function everyScreen(page: Page, theme: string, app: Parameters<typeof connectWith>[0]): Promise<void> {
  // Empty: nothing connected yet, "Connect an account" shown.
  await expect(page.getByText('No accounts connected yet.')).toBeVisible();
  await expectNoAxeViolations(page, `empty (${theme})`);
  await expectContrast(page, `empty (${theme})`);

  // Connected, partly granted, with the result beside it.
  await connectWith(app, 'Sandbox', { untick: ['files:admin'] });
  const detail = connection(page, SANDBOX);
  await expect(detail.getByRole('list', { name: 'Asked for but not granted' })).toBeVisible();
  await expectNoAxeViolations(page, `connected, partial (${theme})`);

  // Detail on demand, and what it can do with a tooltip open.
  const row = grantedRows(page, SANDBOX).filter({ hasText: 'files:read' });
  await expandRow(row, 'See your files');
  await detail.getByRole('button', { name: 'Missing permission' }).first().focus();
  await expect(page.getByRole('tooltip')).toBeVisible();
  await expectNoAxeViolations(page, `detail (${theme})`);
  await expectContrast(page, `detail (${theme})`);

  // Each dialog: take back, ask again, remove the connection, forget.
  await detail.getByRole('button', { name: 'Take back See your files' }).click();
  await expect(openDialog(page)).toBeVisible();
  await expectNoAxeViolations(page, `take-back dialog (${theme})`);
  await openDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await detail.getByRole('button', { name: /^Ask again for / }).click();
  await expect(openDialog(page)).toBeVisible();
  await expectNoAxeViolations(page, `ask-again dialog (${theme})`);
  await openDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await detail.getByRole('button', { name: 'Remove connection…' }).click();
  await expect(openDialog(page)).toHaveAccessibleName(/^Remove the Sandbox connection/);
  await expectNoAxeViolations(page, `remove-connection dialog (${theme})`);
  await openDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await detail.getByRole('button', { name: 'Forget…' }).click();
  await expect(openDialog(page)).toBeVisible();
  await expectNoAxeViolations(page, `forget dialog (${theme})`);
  await openDialog(page).getByRole('button', { name: 'Keep' }).click();
  await expect(openDialog(page)).toHaveCount(0);

  // Settings, with a filter set.
  await settings(page);
  await page.getByLabel('Sensitivity').selectOption('sensitive');
  await expectNoAxeViolations(page, `settings (${theme})`);
  await expectContrast(page, `settings (${theme})`);
  await connections(page);
}

test('every screen and dialog has no axe violations, and readable borders and focus rings, in the light theme', { tag: '@a11y' }, async ({ app }) => {
  await app.page.emulateMedia({ colorScheme: 'light' });
  await everyScreen(app.page, 'light', app);
});

test('the same in the dark theme', { tag: '@a11y' }, async ({ app }) => {
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await everyScreen(app.page, 'dark', app);
});

test('at 320 px the window reflows: the Permissions table stacks and Revoke stays in view, without axe violations', { tag: '@a11y' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  await app.page.setViewportSize({ width: 320, height: 640 });
  await settings(app.page);
  const revoke = app.page.getByRole('table', { name: 'All granted permissions' }).getByRole('button', { name: /^Revoke / }).first();
  await revoke.scrollIntoViewIfNeeded();
  const box = await revoke.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  // Nothing scrolls sideways.
  expect(await app.page.evaluate(() => (document.documentElement as PageElement & { scrollWidth: number }).scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(app.page, 'settings at 320 px');
  await connections(app.page);
  await expectNoAxeViolations(app.page, 'detail at 320 px');
});

test('no raw scope code in any accessible name of a control', { tag: '@a11y' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { untick: ['files:admin'] });
  const codes = ['files:read', 'files:write', 'files:admin', 'tasks:write', 'calendar:read', 'offline_access', 'openid'];
  const names = await app.page
    .locator('button, [role="option"], input, select, a')
    .evaluateAll((elements) =>
      (elements as unknown as PageElement[]).map((e) => e.getAttribute('aria-label') ?? e.labels?.[0]?.textContent ?? e.textContent ?? ''),
    );
  for (const name of names) for (const code of codes) expect(name, `accessible name “${name}”`).not.toContain(code);
  await app.page.getByRole('button', { name: 'Take back See your files' }).click();
  await expect(openDialog(app.page)).not.toHaveAccessibleName(/files:/);
});
