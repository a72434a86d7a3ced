import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { connection, connectWith, openDialog, openRemoved, openSettings } from './appPages';
import { expect, test } from './fixtures';

const SANDBOX = 'Sandbox: alex@sandbox.test';
const REMOVED_NAME = 'Sandbox, alex@sandbox.test';

async function download(page: Page, button: string): Promise<string> {
  const file = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return readFileSync(await (await file).path(), 'utf8');
}

test('a removed connection keeps its history, on screen and in the exports', { tag: '@history-survives' }, async ({ app }) => {
  await connectWith(app, 'Sandbox', { tick: ['files:admin'], untick: ['files:admin'] });
  await connection(app.page, SANDBOX).getByRole('button', { name: 'Remove connection…' }).click();
  await openDialog(app.page).getByRole('button', { name: 'Remove connection' }).click();
  await expect(connection(app.page, SANDBOX)).toHaveCount(0);

  // Still there after a reload: the history is read back from the log, not from memory.
  await app.page.reload();
  const removed = await openRemoved(app.page, REMOVED_NAME);
  // Newest first, in words: the removal on top, the first connection at the bottom.
  const entries = removed.getByRole('list', { name: 'History' }).getByRole('listitem');
  await expect(entries.first()).toContainText('Removed');
  await expect(entries.first()).toContainText('revoked Scopekeeper’s access');
  await expect(entries.filter({ hasText: 'Not granted' })).toContainText('Manage files and who sees them');
  await expect(entries.last()).toContainText('Connected');

  await openSettings(app.page, 'Permissions');
  const json = JSON.parse(await download(app.page, 'Export JSON')) as {
    permissions: unknown[];
    history: { account: string; connection: string; kind: string; scopes: string[] }[];
  };
  expect(json.permissions).toEqual([]);
  const kinds = json.history.filter((h) => h.account === 'alex@sandbox.test' && h.connection === 'removed').map((h) => h.kind);
  expect(kinds).toEqual(['connected', 'partial-approval', 'removed']);

  const csv = Papa.parse<Record<string, string>>(await download(app.page, 'Export history CSV'), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  expect(csv.data.map((row) => [row.provider, row.account, row.connection, row.event])).toEqual([
    ['Sandbox', 'alex@sandbox.test', 'removed', 'connected'],
    ['Sandbox', 'alex@sandbox.test', 'removed', 'partial-approval'],
    ['Sandbox', 'alex@sandbox.test', 'removed', 'removed'],
  ]);
  expect(csv.data[1]!.scopes).toBe('files:admin');
});
