import type { Page } from '@playwright/test';
import type { BrokerClient } from '../electron/cli/client';
import { connection, connectWith, openConnectPane, openDialog, openRemoved, openSettings, openTool, openView, sidebarOption } from './appPages';
import type { SettingsSection } from './appPages';
import { approvalDialog, toolOn } from './brokerTools';
import { expect, test } from './fixtures';

/**
 * WCAG 1.4.10 Reflow: at 320 CSS px wide, every view fits the window's width, so nothing needs a
 * sideways scroll; and at 1280 px a connection's row in the sidebar shows its whole summary and
 * badge, cut off nowhere.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';
const NARROW = 320;
const SECTIONS: SettingsSection[] = ['Permissions', 'Providers and clients', 'Sandbox', 'General', 'Notifications', 'Remove all'];

/** The page is no wider than the window: `view` names what is shown, for the failure message. */
async function expectReflows(page: Page, view: string): Promise<void> {
  await expect.poll(() => page.evaluate<number>('document.documentElement.scrollWidth'), { message: `${view} at ${NARROW} px` }).toBeLessThanOrEqual(NARROW);
}

const clients: BrokerClient[] = [];
test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

test('every view reflows at 320 px: no sideways scroll', { tag: '@reflow-320' }, async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await page.setViewportSize({ width: NARROW, height: 640 });
  await expect(page.getByRole('heading', { level: 2, name: 'Connect an account' })).toBeVisible();
  await expectReflows(page, 'Connect an account');

  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
  const detail = connection(page, SANDBOX);
  await expect(detail).toBeVisible();
  await expectReflows(page, 'Connections list and a connection’s detail');
  await detail.getByRole('list', { name: /^Granted permissions/ }).first().getByRole('button').first().click();
  await expectReflows(page, 'a permission opened');
  await openConnectPane(page);
  await expectReflows(page, 'Connect an account, with a connection');

  for (const section of SECTIONS) {
    await openSettings(page, section);
    await expectReflows(page, `Settings › ${section}`);
  }

  await openView(page, 'Tools');
  await expect(page.getByRole('heading', { name: 'Connect a tool' })).toBeVisible();
  await expectReflows(page, 'Tools, none approved');
  const agent = await toolOn(app, 'a-tool-with-a-rather-long-name-for-a-narrow-window', clients);
  const asking = agent.send('request', { providerId: 'sandbox', actions: ['read-files', 'send-messages'] });
  await approvalDialog(page).getByRole('button', { name: 'Always allow' }).click();
  await asking;
  await openTool(page, 'a-tool-with-a-rather-long-name-for-a-narrow-window');
  await expectReflows(page, 'Tools, a tool’s approvals');

  await openView(page, 'Review');
  await expect(page.getByRole('heading', { level: 2, name: /Review/ })).toBeVisible();
  await expectReflows(page, 'Review');

  await openView(page, 'Connections');
  await sidebarOption(page, SANDBOX).click();
  await detail.getByRole('button', { name: 'Remove connection…' }).click();
  await openDialog(page).getByRole('button', { name: 'Remove connection' }).click();
  await expect(detail).toHaveCount(0);
  await openRemoved(page, 'Sandbox, alex@sandbox.test');
  await expectReflows(page, 'Removed connections, a history opened');
});

test('at 1280 px a connection’s row shows its whole summary and its badge, cut off nowhere', { tag: '@reflow-320' }, async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  // Partial, with admin: "15 permissions · 11 sensitive · 1 admin" and the Partial badge.
  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['webhooks:write'] });
  const row = sidebarOption(page, SANDBOX);
  await expect(row).toContainText(/\d+ permissions · \d+ sensitive · \d+ admin/);
  const summary = row.locator('.connection-option-summary');
  const badge = row.getByText('Partial', { exact: true });
  await expect(badge).toBeVisible();
  // Nothing is clipped: each part's content fits its box, and the badge lies inside the row.
  for (const part of [summary, row.locator('.connection-option-name')]) {
    const fits = await part.evaluate((el): boolean => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
      return box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight;
    });
    expect(fits).toBe(true);
  }
  const [rowBox, badgeBox] = [await row.boundingBox(), await badge.boundingBox()];
  expect(badgeBox!.x + badgeBox!.width).toBeLessThanOrEqual(rowBox!.x + rowBox!.width);
  expect(badgeBox!.y + badgeBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height);
});
