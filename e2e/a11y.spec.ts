import type { Page } from '@playwright/test';
import { expectNoAxeViolations, lowContrastBordersAndFocus, lowContrastFocusRings } from './a11y';
import { connectWith, connection, expandRow, grantedRows, openDialog, openSettings } from './appPages';
import { approvalDialog, scopekeeper, tools } from './brokerTools';
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

// Each axe run reads the whole page: on busy shared cores one takes many seconds, so the screens
// are split over a few tests, each with room for its runs.
for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ app }) => {
      test.setTimeout(180_000);
      await app.page.emulateMedia({ colorScheme: theme });
    });

    test(`empty, connected with a partial grant, and a connection's detail: no axe violations, readable borders and focus rings (${theme})`, { tag: '@a11y' }, async ({ app }) => {
      const page = app.page;
      await expect(page.getByText('No accounts connected yet.')).toBeVisible();
      await expectNoAxeViolations(page, `empty (${theme})`);
      await expectContrast(page, `empty (${theme})`);

      await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
      const detail = connection(page, SANDBOX);
      await expect(detail.getByRole('list', { name: 'Asked for but not granted' })).toBeVisible();
      await expectNoAxeViolations(page, `connected, partial (${theme})`);

      // Details on demand, and a tooltip open.
      await expandRow(grantedRows(page, SANDBOX).filter({ hasText: 'files:read' }), 'See your files');
      await detail.getByRole('button', { name: 'Missing permission' }).first().focus();
      await expect(page.getByRole('tooltip')).toBeVisible();
      await expectNoAxeViolations(page, `detail (${theme})`);
      await expectContrast(page, `detail (${theme})`);
    });

    test(`each dialog: no axe violations (${theme})`, { tag: '@a11y' }, async ({ app }) => {
      const page = app.page;
      await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
      const detail = connection(page, SANDBOX);
      const dialogs: [string, () => Promise<void>, string][] = [
        ['take back', () => detail.getByRole('button', { name: 'Take back See your files' }).click(), 'Cancel'],
        ['ask again', () => detail.getByRole('button', { name: /^Ask again for / }).click(), 'Cancel'],
        ['remove connection', () => detail.getByRole('button', { name: 'Remove connection…' }).click(), 'Cancel'],
        ['forget', () => detail.getByRole('button', { name: 'Forget…' }).click(), 'Keep'],
      ];
      for (const [name, open, close] of dialogs) {
        await open();
        await expect(openDialog(page)).toBeVisible();
        await expect(openDialog(page).getByRole('heading', { level: 2 })).toBeFocused();
        await expectNoAxeViolations(page, `${name} dialog (${theme})`);
        await openDialog(page).getByRole('button', { name: close, exact: true }).click();
        await expect(openDialog(page)).toHaveCount(0);
      }
    });

    test(`a tool's approval and step-up dialogs, and Tools with the approved tool: no axe violations (${theme})`, { tag: '@a11y' }, async ({ app }) => {
      const page = app.page;
      // Workspace settings are neither granted nor implied (writing them includes reading them).
      await connectWith(app, 'Sandbox', { untick: ['workspace:read', 'workspace:write'] });
      const call = scopekeeper(app, tools(), ['call', 'sandbox', 'see-workspace', '--name', 'a11y-tool']);
      const dialog = approvalDialog(page);
      await expect(dialog).toContainText('“a11y-tool” wants to use your Sandbox account');
      await expectNoAxeViolations(page, `tool approval dialog (${theme})`);
      await dialog.getByRole('button', { name: 'Always allow' }).click();
      // The connection lacks the action's permission: the step-up asks for it.
      await expect(dialog).toContainText('“a11y-tool” needs another permission');
      await expectNoAxeViolations(page, `step-up dialog (${theme})`);
      await dialog.getByRole('button', { name: 'Deny' }).click();
      expect((await call).code).toBe(1);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
      await expect(page.getByRole('article', { name: 'a11y-tool' })).toBeVisible();
      await expectNoAxeViolations(page, `Tools (${theme})`);
      await expectContrast(page, `Tools (${theme})`);
    });

    test(`a disconnected connection: no axe violations, readable borders and focus rings (${theme})`, { tag: '@a11y' }, async ({ app }) => {
      const page = app.page;
      await connectWith(app, 'Sandbox');
      const detail = connection(page, SANDBOX);
      // A take-back whose sign-in is cancelled leaves the connection disconnected.
      await detail.getByRole('button', { name: 'Take back Create and change your files' }).click();
      await openDialog(page).getByRole('button', { name: 'Take back', exact: true }).click();
      const auth = await app.nextAuthPage();
      await expect(auth.getByRole('button', { name: 'Sign in' }).or(auth.getByRole('button', { name: 'Allow' }))).toBeVisible();
      await page.getByRole('status', { name: 'Finish signing in in your browser' }).getByRole('button', { name: 'Cancel' }).click();
      await expect(detail).toContainText('Disconnected — reconnect to restore');
      await expectNoAxeViolations(page, `disconnected (${theme})`);
      await expectContrast(page, `disconnected (${theme})`);
    });

    test(`connecting with a code, and the guide to one's own OAuth app: no axe violations (${theme})`, { tag: '@a11y' }, async ({ app }) => {
      const page = app.page;
      await page.getByRole('button', { name: 'Connect with a code: Sandbox' }).click();
      const panel = page.getByRole('status', { name: 'Connect Sandbox with a code' });
      await expect(panel.getByLabel('Code to enter')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
      // Focus goes to the instructions with the code, not to Cancel.
      await expect(panel.getByRole('heading', { name: 'Enter this code on Sandbox’s page' })).toBeFocused();
      await expectNoAxeViolations(page, `device code (${theme})`);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect(panel).toBeHidden();

      const providers = await openSettings(page, 'Providers and clients');
      const sandbox = providers.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Sandbox', exact: true }) });
      await sandbox.getByText('Use your own OAuth app with Sandbox').click();
      await expect(sandbox.getByRole('form', { name: 'Your own OAuth app for Sandbox' })).toBeVisible();
      await expectNoAxeViolations(page, `own OAuth app guide (${theme})`);
    });

    test(`Settings: no axe violations, readable borders and focus rings (${theme})`, { tag: '@a11y' }, async ({ app }) => {
      const page = app.page;
      await connectWith(app, 'Sandbox');
      await settings(page);
      await page.getByLabel('Sensitivity').selectOption('sensitive');
      await expectNoAxeViolations(page, `settings (${theme})`);
      await expectContrast(page, `settings (${theme})`);
    });
  });
}

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
  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
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
